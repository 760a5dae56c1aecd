"""The pure functions of model.py: settings, request validation, budgets and token handling."""

import unittest

import numpy as np

import stubs

model = stubs.load_model_module()

SETTINGS = model.Settings(weights_dir="/w", default_max_new_tokens=64, max_new_tokens_ceiling=128,
                          max_prompt_bytes=32)


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
            5, {"IMAGE": pixels, "PROMPT": stubs.prompt("one", "two"),
                "MAX_NEW_TOKENS": stubs.budget(3, 500)}, SETTINGS)

        self.assertEqual([5, 5], [row.request_index for row in rows])
        self.assertEqual(["one", "two"], [row.prompt for row in rows])
        self.assertEqual([3, 128], [row.max_new_tokens for row in rows])
        self.assertEqual(9, rows[1].image[0, 0, 0])
        self.assertEqual((896, 896, 3), rows[0].image.shape)

    def test_a_flat_prompt_tensor_is_accepted(self):
        flat = np.array([b"plain"], dtype=np.object_)
        (row,) = model.parse_request(0, {"IMAGE": stubs.image(), "PROMPT": flat}, SETTINGS)
        self.assertEqual("plain", row.prompt)

    def test_image_checks(self):
        self.assertEqual(3, model.check_image(stubs.image(rows=3)))
        for bad in (None, np.zeros((896, 896, 3), np.uint8), np.zeros((0, 896, 896, 3), np.uint8),
                    np.zeros((1, 896, 896, 4), np.uint8), np.zeros((1, 896, 896, 3), np.int16)):
            with self.assertRaises(model.BadRequest):
                model.check_image(bad)

    def test_prompt_checks(self):
        self.assertEqual("Beschreibe den Befund ü", model.decode_prompt(
            "Beschreibe den Befund ü".encode("utf-8"), 64))
        refused = ((b"\xc3\x28", "UTF-8"), ("text", "BYTES"), (b"x" * 33, "33 bytes"),
                   (b"\n\t ", "empty"), (b"look <start_of_image> here", "<start_of_image>"))
        for bad, reason in refused:
            with self.assertRaisesRegex(model.BadRequest, reason):
                model.decode_prompt(bad, 32)

    def test_every_gemma_control_token_is_refused(self):
        for token in model.GEMMA_CONTROL_TOKENS:
            self.assertEqual(token, model.first_control_token(f"before {token} after"))
        self.assertIsNone(model.first_control_token("a <b>bold</b> claim"))

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

    def test_the_conversation_puts_the_instruction_before_the_image(self):
        (turn,) = model.conversation("Describe.")
        self.assertEqual("user", turn["role"])
        self.assertEqual(["text", "image"], [item["type"] for item in turn["content"]])

    def test_device_follows_the_instance_kind(self):
        self.assertEqual("cuda:1", model.device_for("GPU", "1"))
        self.assertEqual("cpu", model.device_for("CPU", "0"))


if __name__ == "__main__":
    unittest.main()
