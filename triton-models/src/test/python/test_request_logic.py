"""The pure functions of model.py: settings, request validation, budgets and token handling."""

import unittest

import numpy as np

import stubs

model = stubs.load_model_module()

SETTINGS = model.Settings(weights_dir="/w", default_max_new_tokens=64, max_new_tokens_ceiling=128,
                          max_prompt_bytes=256)


def parameters(**values):
    return {"parameters": {key: {"string_value": value} for key, value in values.items()}}


class SettingsTest(unittest.TestCase):
    def test_defaults_apply_when_the_config_has_no_parameters(self):
        settings = model.settings_from({}, {})
        self.assertEqual(
            model.Settings("/weights/medgemma-4b-it", 256, 1024, 8192), settings)

    def test_the_environment_overrides_the_weights_parameter(self):
        settings = model.settings_from(parameters(weights_dir="/from/config"),
                                       {"MEDGEMMA_WEIGHTS_DIR": "/from/env"})
        self.assertEqual("/from/env", settings.weights_dir)

    def test_blank_values_fall_back_to_defaults(self):
        settings = model.settings_from(parameters(weights_dir="  ", default_max_new_tokens=""),
                                       {"MEDGEMMA_WEIGHTS_DIR": ""})
        self.assertEqual("/weights/medgemma-4b-it", settings.weights_dir)
        self.assertEqual(256, settings.default_max_new_tokens)

    def test_malformed_numbers_fail_the_load(self):
        for bad in (parameters(max_prompt_bytes="lots"), parameters(max_new_tokens_ceiling="0"),
                    parameters(default_max_new_tokens="900", max_new_tokens_ceiling="100")):
            with self.assertRaises(ValueError):
                model.settings_from(bad, {})


class RequestTest(unittest.TestCase):
    def test_a_request_splits_into_rows_in_order(self):
        pixels = stubs.image(rows=2)
        pixels[1] = 9
        rows = model.parse_request(
            5, {"IMAGE": pixels, "PROMPT": stubs.prompt(stubs.rendered("one"), stubs.rendered("two")),
                "MAX_NEW_TOKENS": stubs.budget(3, 500)}, SETTINGS)

        self.assertEqual([5, 5], [row.request_index for row in rows])
        self.assertEqual([stubs.rendered("one"), stubs.rendered("two")], [row.prompt for row in rows])
        self.assertEqual([3, 128], [row.max_new_tokens for row in rows])
        self.assertEqual(9, rows[1].image[0, 0, 0])
        self.assertEqual((896, 896, 3), rows[0].image.shape)

    def test_a_flat_prompt_tensor_is_accepted(self):
        flat = np.array([stubs.rendered("plain").encode("utf-8")], dtype=np.object_)
        (row,) = model.parse_request(0, {"IMAGE": stubs.image(), "PROMPT": flat}, SETTINGS)
        self.assertEqual(stubs.rendered("plain"), row.prompt)

    def test_image_checks(self):
        self.assertEqual(3, model.check_image(stubs.image(rows=3)))
        for bad in (None, np.zeros((896, 896, 3), np.uint8), np.zeros((0, 896, 896, 3), np.uint8),
                    np.zeros((1, 896, 896, 4), np.uint8), np.zeros((1, 896, 896, 3), np.int16)):
            with self.assertRaises(model.BadRequest):
                model.check_image(bad)

    def test_prompt_checks(self):
        befund = stubs.rendered("Beschreibe den Befund ü")
        self.assertEqual(befund, model.decode_prompt(befund.encode("utf-8"), 256))
        refused = ((b"\xc3\x28", "UTF-8"), ("text", "BYTES"), (b"x" * 257, "257 bytes"),
                   (b"\n\t ", "empty"))
        for bad, reason in refused:
            with self.assertRaisesRegex(model.BadRequest, reason):
                model.decode_prompt(bad, 256)

    def test_the_client_rendered_prompt_is_returned_byte_for_byte(self):
        # The SHA-256 in each draft's provenance covers the text the client sent: nothing here
        # may trim, re-template or otherwise touch it.
        sent = ("<start_of_turn>user\nYou are an expert thoracic radiologist.\n\n"
                "Review this chest X-ray.\n\nAnswer in exactly this format:\nFINDINGS: ...\n"
                "URGENCY: URGENT or ROUTINE <b>not</b> html<start_of_image><end_of_turn>\n"
                "<start_of_turn>model\n")
        self.assertEqual(sent, model.decode_prompt(sent.encode("utf-8"), 8192))

    def test_the_stand_in_renders_as_the_client_does(self):
        # The expected text of inference-client's Gemma3ChatFormatTest, verbatim.
        java = ("<start_of_turn>user\nYou are an expert radiologist.\n\n"
                "Describe this X-ray<start_of_image><end_of_turn>\n<start_of_turn>model\n")
        self.assertEqual(java, stubs.rendered("Describe this X-ray\n",
                                              system=" You are an expert radiologist. "))
        self.assertEqual(java, model.decode_prompt(java.encode("utf-8"), 8192))

    def test_the_prompt_must_fit_the_configured_byte_limit_counted_in_utf8(self):
        text = stubs.rendered("Befund: Pleuraerguss rechts, ä ö ü")
        size = len(text.encode("utf-8"))
        self.assertGreater(size, len(text), "the limit is in bytes, not characters")
        self.assertEqual(text, model.decode_prompt(text.encode("utf-8"), size))
        with self.assertRaisesRegex(model.BadRequest, f"PROMPT is {size} bytes, more than the "
                                                      f"{size - 1} allowed"):
            model.decode_prompt(text.encode("utf-8"), size - 1)

    def test_each_rule_of_the_rendered_prompt_is_refused_with_its_own_reason(self):
        good = stubs.rendered("secret-4711 finding")
        cases = {
            "<bos> first": ("<bos>" + good, "must not contain <bos>"),
            "<bos> inside": (good.replace("secret", "<bos>secret"), "must not contain <bos>"),
            "plain instruction": ("secret-4711 describe", "must start with <start_of_turn>user"),
            "leading blank": (" " + good, "must start with <start_of_turn>user"),
            "system role": (good.replace("user\n", "system\n", 1),
                            "must start with <start_of_turn>user"),
            "no model turn": (good[:-len("<start_of_turn>model\n")],
                              "must end with <start_of_turn>model"),
            "text after model turn": (good + "secret-4711",
                                      "must end with <start_of_turn>model"),
            "trailing newline": (good + "\n", "must end with <start_of_turn>model"),
            "no image": (good.replace("<start_of_image>", ""),
                         "exactly one <start_of_image> for its one image, found 0"),
            "two images": (good.replace("<start_of_image>", "<start_of_image><start_of_image>"),
                           "exactly one <start_of_image> for its one image, found 2"),
            "image tokens": (good.replace("finding", "<image_soft_token>"),
                             "must not contain <image_soft_token>"),
        }
        for name, (bad, reason) in cases.items():
            with self.subTest(name):
                with self.assertRaises(model.BadRequest) as raised:
                    model.decode_prompt(bad.encode("utf-8"), 8192)
                self.assertIn(reason, str(raised.exception))
                self.assertNotIn("4711", str(raised.exception), "the reason quotes the prompt")

    def test_max_new_tokens_resolution(self):
        self.assertEqual([64, 64], model.resolve_max_new_tokens(None, 2, SETTINGS))
        self.assertEqual([1, 128, 128],
                         model.resolve_max_new_tokens(stubs.budget(1, 128, 129), 3, SETTINGS))
        self.assertEqual([7], model.resolve_max_new_tokens(
            np.array([[7]], dtype=np.int64), 1, SETTINGS))
        for bad in (stubs.budget(0), stubs.budget(-1), stubs.budget(4, 4),
                    np.array([[2.0]], dtype=np.float32)):
            with self.assertRaises(model.BadRequest):
                model.resolve_max_new_tokens(bad, 1, SETTINGS)


class TokenTest(unittest.TestCase):
    def rows(self, *budgets):
        return [model.Row(i, None, "p", b) for i, b in enumerate(budgets)]

    def test_the_batch_generates_to_its_largest_budget(self):
        self.assertEqual(300, model.generation_budget(self.rows(10, 300, 25)))

    def test_truncation_stops_at_the_budget_or_the_first_stop_token(self):
        stops = frozenset({1, 106, 0})
        self.assertEqual([9, 8], model.truncate_generation([9, 8, 7, 6], 2, stops))
        self.assertEqual([9], model.truncate_generation([9, 106, 7, 1], 4, stops))
        self.assertEqual([], model.truncate_generation([1, 5], 4, stops))
        self.assertEqual([9, 8], model.truncate_generation([9, 8], 10, stops))

    def test_stop_tokens_accept_a_single_id_a_list_or_none(self):
        self.assertEqual({1, 0}, model.stop_token_ids(1, 0))
        self.assertEqual({1, 106, 0}, model.stop_token_ids([1, 106], 0))
        self.assertEqual({0}, model.stop_token_ids(None, 0))
        self.assertEqual({1}, model.stop_token_ids(1, None))

    def test_drafts_are_grouped_by_request_in_row_order(self):
        rows = [model.Row(0, None, "p", 1), model.Row(2, None, "p", 1), model.Row(2, None, "p", 1)]
        self.assertEqual({0: ["a"], 2: ["b", "c"]},
                         model.drafts_by_request(rows, ["a", "b", "c"]))
        with self.assertRaises(ValueError):
            model.drafts_by_request(rows, ["a"])

    def test_device_follows_the_instance_kind(self):
        self.assertEqual("cuda:1", model.device_for("GPU", "1"))
        self.assertEqual("cpu", model.device_for("CPU", "0"))


if __name__ == "__main__":
    unittest.main()
