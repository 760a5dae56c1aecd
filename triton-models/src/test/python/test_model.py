"""model.py driven through Triton's calls (initialize, execute, finalize) with stand-ins."""

import os
import shutil
import unittest

import numpy as np

import stubs

model = stubs.load_model_module()
TritonError = stubs.TritonError


class ModelTestCase(unittest.TestCase):
    def setUp(self):
        stubs.reset()
        self.weights = stubs.make_weights_dir()
        self.addCleanup(shutil.rmtree, self.weights, ignore_errors=True)
        self.env = stubs.environment(MEDGEMMA_WEIGHTS_DIR=self.weights)
        self.env.__enter__()
        self.addCleanup(self.env.__exit__, None, None, None)

    def loaded(self, **parameters):
        instance = model.TritonPythonModel()
        instance.initialize(stubs.initialize_args(stubs.model_config(**parameters)))
        return instance

    @property
    def generate_calls(self):
        return stubs.State.model.generate_calls

    def draft(self, response):
        self.assertFalse(response.has_error(), response.error() and response.error().message())
        (tensor,) = response.output_tensors()
        self.assertEqual("DRAFT", tensor.name())
        array = tensor.as_numpy()
        self.assertEqual(np.object_, array.dtype)
        return [row[0].decode("utf-8") for row in array]

    def error(self, response):
        self.assertTrue(response.has_error(), "expected an error response")
        return response.error()


class BatchingTest(ModelTestCase):
    def test_every_valid_request_of_an_execute_joins_one_generate_call(self):
        instance = self.loaded()
        requests = [stubs.request(request_id="a"), stubs.request(rows=2, request_id="b"),
                    stubs.request(request_id="c")]

        responses = instance.execute(requests)

        self.assertEqual(1, len(self.generate_calls))
        self.assertEqual((4, self.generate_calls[0]["input_ids"].shape[1]),
                         self.generate_calls[0]["input_ids"].shape)
        self.assertEqual([1, 2, 1], [len(self.draft(response)) for response in responses])

    def test_drafts_come_back_to_the_request_and_row_they_belong_to(self):
        instance = self.loaded()
        responses = instance.execute(
            [stubs.request(rows=2, max_new_tokens=[2, 2]), stubs.request(max_new_tokens=[2])])

        self.assertEqual(["t5000 t5001", "t5100 t5101"], self.draft(responses[0]))
        self.assertEqual(["t5200 t5201"], self.draft(responses[1]))

    def test_prompts_are_padded_on_the_left(self):
        instance = self.loaded()
        self.assertEqual("left", stubs.State.processor.tokenizer.padding_side)

        instance.execute([stubs.request(texts=[stubs.rendered("short")]),
                          stubs.request(texts=[stubs.rendered("a much longer instruction")])])

        (call,) = stubs.State.processor.calls
        self.assertEqual("left", call["padding_side"])
        self.assertTrue(call["padding"])
        ids = self.generate_calls[0]["input_ids"].array
        mask = self.generate_calls[0]["attention_mask"].array
        self.assertEqual(stubs.PAD, ids[0, 0], "the shorter prompt is padded at its start")
        self.assertTrue(all(mask[:, -1]), "every prompt ends in the last column")

    def test_generation_is_greedy_whatever_the_weights_generation_config_says(self):
        instance = self.loaded()
        instance.execute([stubs.request()])

        call = self.generate_calls[0]
        self.assertNotIn("generation_config", call, "a custom config would be refilled")
        self.assertIs(False, call["do_sample"])
        self.assertEqual(1, call["num_beams"])
        for name in ("temperature", "top_p", "top_k"):
            self.assertIsNone(call[name], name)
        self.assertEqual(stubs.PAD, call["pad_token_id"])


class PixelsAndPromptTest(ModelTestCase):
    def test_pixels_are_rescaled_and_normalised_on_the_gpu_in_bf16(self):
        instance = self.loaded()
        pixels = np.zeros((1, 896, 896, 3), dtype=np.uint8)
        pixels[0, 0, 0] = [0, 255, 51]
        pixels[0, 895, 10] = [128, 1, 254]

        instance.execute([stubs.request(pixels=pixels)])

        fed = self.generate_calls[0]["pixel_values"]
        self.assertEqual("cuda:0", fed.device)
        self.assertEqual("bfloat16", fed.dtype.name)
        self.assertEqual((1, 3, 896, 896), fed.shape)
        expected = (pixels.transpose(0, 3, 1, 2).astype(np.float32) / 255.0 - 0.5) / 0.5
        np.testing.assert_allclose(fed.array, expected, atol=1e-6)
        self.assertEqual(-1.0, fed.array.min())
        self.assertEqual(1.0, fed.array.max())

    def test_the_processor_only_lays_pixels_out_and_its_copy_is_dropped(self):
        instance = self.loaded()
        instance.execute([stubs.request(pixels=stubs.image(value=255))])

        (call,) = stubs.State.processor.calls
        for flag in ("do_resize", "do_rescale", "do_normalize", "do_pan_and_scan"):
            self.assertIs(False, call[flag], flag)
        fed = self.generate_calls[0]["pixel_values"].array
        self.assertTrue(np.all(fed == 1.0), "pixel_values are model.py's, not the processor's")

    def test_every_other_processor_output_reaches_generate_on_the_device(self):
        instance = self.loaded()
        instance.execute([stubs.request()])

        call = self.generate_calls[0]
        for name in ("input_ids", "attention_mask", "token_type_ids"):
            self.assertEqual("cuda:0", call[name].device, name)

    def test_the_rendered_prompts_go_to_the_processor_unchanged_without_a_chat_template(self):
        instance = self.loaded()
        first = stubs.rendered("  Describe this chest X-ray.  ", system=" You are a radiologist. ")
        pixels = [stubs.image(value=10), stubs.image(rows=2, value=20)]
        pixels[1][1] = 30
        texts = [first, stubs.rendered("second"), stubs.rendered("third")]
        instance.execute([stubs.request(texts=texts[:1], pixels=pixels[0]),
                          stubs.request(rows=2, texts=texts[1:], pixels=pixels[1])])

        self.assertEqual([], stubs.State.processor.chat_template_calls)
        (call,) = stubs.State.processor.calls
        self.assertEqual(texts, call["text"], "the exact text the client hashed, in row order")
        self.assertEqual([1, 1, 1], [len(images) for images in call["images"]],
                         "one image per prompt, for its one <start_of_image>")
        self.assertEqual([10, 20, 30], [int(images[0][0, 0, 0]) for images in call["images"]])
        self.assertEqual("pt", call["return_tensors"])

    def test_special_tokens_stay_on_so_the_tokenizer_adds_the_only_bos(self):
        instance = self.loaded()
        instance.execute([stubs.request(texts=[stubs.rendered("short")]),
                          stubs.request(texts=[stubs.rendered("a much longer instruction")])])

        (call,) = stubs.State.processor.calls
        self.assertIs(True, call.get("add_special_tokens", True),
                      "add_special_tokens=False would drop the <bos> the prompt leaves out")
        ids = self.generate_calls[0]["input_ids"].array
        mask = self.generate_calls[0]["attention_mask"].array
        for row, row_mask in zip(ids, mask):
            tokens = row[row_mask == 1].tolist()
            self.assertEqual([stubs.BOS, stubs.START_OF_TURN], tokens[:2])
            self.assertEqual(1, tokens.count(stubs.BOS))

    def test_the_processor_expands_the_image_marker_into_the_image_tokens(self):
        instance = self.loaded()
        instance.execute([stubs.request(rows=2)])

        call = self.generate_calls[0]
        self.assertEqual([256, 256], call["token_type_ids"].array.sum(axis=1).tolist())
        self.assertEqual([1, 1], [row.tolist().count(stubs.START_OF_IMAGE)
                                  for row in call["input_ids"].array])


class PerRequestErrorTest(ModelTestCase):
    def assert_rejected(self, bad_request, reason):
        instance = self.loaded()
        responses = instance.execute(
            [stubs.request(request_id="good-1"), bad_request, stubs.request(request_id="good-2")])

        error = self.error(responses[1])
        self.assertEqual(TritonError.INVALID_ARG, error.code())
        self.assertIn(reason, error.message())
        self.assertEqual(1, len(self.draft(responses[0])))
        self.assertEqual(1, len(self.draft(responses[2])))
        self.assertEqual(1, len(self.generate_calls))
        self.assertEqual(2, self.generate_calls[0]["input_ids"].shape[0],
                         "the bad request never reaches the GPU")

    def test_wrong_image_shape(self):
        self.assert_rejected(
            stubs.request(pixels=np.zeros((1, 448, 448, 3), dtype=np.uint8)),
            "IMAGE must have shape [n, 896, 896, 3], got [1, 448, 448, 3]")

    def test_wrong_image_type(self):
        self.assert_rejected(
            stubs.request(pixels=np.zeros((1, 896, 896, 3), dtype=np.float32)),
            "IMAGE must be UINT8")

    def test_prompt_rows_not_matching_image_rows(self):
        self.assert_rejected(stubs.request(rows=2, PROMPT=stubs.prompt("only one")),
                             "PROMPT must have shape [2, 1]")

    def test_undecodable_prompt(self):
        self.assert_rejected(stubs.request(PROMPT=stubs.prompt(b"\xff\xfe broken")),
                             "PROMPT is not valid UTF-8")

    def test_empty_prompt(self):
        self.assert_rejected(stubs.request(texts=["   "]), "PROMPT is empty")

    def test_plain_instruction_without_the_user_turn(self):
        self.assert_rejected(stubs.request(texts=["Describe this chest X-ray."]),
                             "PROMPT must start with <start_of_turn>user")

    def test_prompt_not_ending_with_the_model_turn(self):
        self.assert_rejected(
            stubs.request(texts=[stubs.rendered()[:-len("<start_of_turn>model\n")]]),
            "PROMPT must end with <start_of_turn>model")

    def test_prompt_without_its_image_marker(self):
        self.assert_rejected(
            stubs.request(texts=[stubs.rendered().replace("<start_of_image>", "")]),
            "PROMPT must contain exactly one <start_of_image> for its one image, found 0")

    def test_prompt_with_a_second_image_marker(self):
        # Unchecked, the processor would raise for the whole batch.
        self.assert_rejected(stubs.request(texts=[stubs.rendered("a<start_of_image>b")]),
                             "PROMPT must contain exactly one <start_of_image> for its one image, "
                             "found 2")

    def test_prompt_starting_with_bos(self):
        self.assert_rejected(stubs.request(texts=["<bos>" + stubs.rendered()]),
                             "PROMPT must not contain <bos>")

    def test_prompt_carrying_image_soft_tokens(self):
        # Unchecked, generate would fail the whole batch: 257 image tokens for 256 features.
        self.assert_rejected(stubs.request(texts=[stubs.rendered("a<image_soft_token>b")]),
                             "PROMPT must not contain <image_soft_token>")

    def test_prompt_over_the_size_limit(self):
        self.assert_rejected(stubs.request(texts=[stubs.rendered("x" * 8192)]),
                             f"PROMPT is {len(stubs.rendered('x' * 8192))} bytes, more than "
                             "the 8192 allowed")

    def test_the_configured_size_limit_applies(self):
        fits = stubs.rendered("short")
        instance = self.loaded(max_prompt_bytes=str(len(fits.encode("utf-8"))))
        responses = instance.execute([stubs.request(texts=[fits]),
                                      stubs.request(texts=[stubs.rendered("shorts")])])

        self.assertEqual(1, len(self.draft(responses[0])))
        self.assertIn("more than the", self.error(responses[1]).message())
        self.assertEqual(1, self.generate_calls[0]["input_ids"].shape[0])

    def test_a_bad_row_fails_its_whole_request_and_only_it(self):
        instance = self.loaded()
        responses = instance.execute([
            stubs.request(request_id="good"),
            stubs.request(rows=2, texts=[stubs.rendered(), "<bos>" + stubs.rendered()]),
        ])

        self.assertEqual(1, len(self.draft(responses[0])))
        self.assertEqual(TritonError.INVALID_ARG, self.error(responses[1]).code())
        self.assertEqual(1, self.generate_calls[0]["input_ids"].shape[0])

    def test_rejections_never_quote_the_prompt(self):
        secret = "patient-like free text 4711"
        bad = [secret, "<bos>" + stubs.rendered(secret), stubs.rendered(secret)[:-2],
               stubs.rendered(secret + "<start_of_image>"), stubs.rendered(secret * 400),
               stubs.rendered(secret + "<image_soft_token>")]
        instance = self.loaded()
        responses = instance.execute([stubs.request(texts=[text]) for text in bad])

        for response in responses:
            self.assertEqual(TritonError.INVALID_ARG, self.error(response).code())
            self.assertNotIn("4711", self.error(response).message())
        self.assertFalse([m for _, m in stubs.Logger.records if "4711" in m])

    def test_max_new_tokens_below_one(self):
        self.assert_rejected(stubs.request(max_new_tokens=[0]), "MAX_NEW_TOKENS must be at least 1")

    def test_max_new_tokens_of_the_wrong_type(self):
        self.assert_rejected(
            stubs.request(MAX_NEW_TOKENS=np.array([[1.5]], dtype=np.float32)), "must be INT32")

    def test_missing_image(self):
        self.assert_rejected(stubs.request(IMAGE=None), "IMAGE is missing")

    def test_a_batch_of_only_bad_requests_never_calls_generate(self):
        instance = self.loaded()
        responses = instance.execute(
            [stubs.request(texts=[""]), stubs.request(max_new_tokens=[-3])])

        self.assertEqual([], self.generate_calls)
        self.assertTrue(all(response.has_error() for response in responses))

    def test_a_cancelled_request_is_answered_without_generating(self):
        instance = self.loaded()
        cancelled = stubs.request()
        cancelled._cancelled = True
        responses = instance.execute([cancelled, stubs.request()])

        self.assertEqual(TritonError.CANCELLED, self.error(responses[0]).code())
        self.assertEqual(1, self.generate_calls[0]["input_ids"].shape[0])

    def test_a_failing_generate_fails_only_the_accepted_requests_as_retryable(self):
        instance = self.loaded()
        stubs.State.model.failure = RuntimeError("CUDA out of memory")
        responses = instance.execute([stubs.request(), stubs.request(texts=[""])])

        self.assertEqual(TritonError.UNAVAILABLE, self.error(responses[0]).code())
        self.assertEqual(TritonError.INVALID_ARG, self.error(responses[1]).code())
        self.assertEqual(1, stubs.Cuda.emptied, "cached GPU memory is released after a failure")


class MaxNewTokensTest(ModelTestCase):
    def test_generate_runs_to_the_largest_budget_and_each_draft_is_cut_to_its_own(self):
        instance = self.loaded()
        responses = instance.execute(
            [stubs.request(max_new_tokens=[3]), stubs.request(max_new_tokens=[7])])

        self.assertEqual(7, self.generate_calls[0]["max_new_tokens"])
        self.assertEqual(3, len(self.draft(responses[0])[0].split()))
        self.assertEqual(7, len(self.draft(responses[1])[0].split()))

    def test_rows_of_one_request_keep_their_own_budgets(self):
        instance = self.loaded()
        (response,) = instance.execute([stubs.request(rows=2, max_new_tokens=[1, 4])])

        self.assertEqual([1, 4], [len(draft.split()) for draft in self.draft(response)])

    def test_a_request_without_the_input_gets_the_configured_default(self):
        instance = self.loaded(default_max_new_tokens="12")
        (response,) = instance.execute([stubs.request()])

        self.assertEqual(12, self.generate_calls[0]["max_new_tokens"])
        self.assertEqual(12, len(self.draft(response)[0].split()))

    def test_budgets_over_the_ceiling_are_clamped(self):
        instance = self.loaded(default_max_new_tokens="8", max_new_tokens_ceiling="20")
        (response,) = instance.execute([stubs.request(max_new_tokens=[5000])])

        self.assertEqual(20, self.generate_calls[0]["max_new_tokens"])
        self.assertEqual(20, len(self.draft(response)[0].split()))


class DecodingTest(ModelTestCase):
    def test_only_new_tokens_are_decoded(self):
        instance = self.loaded()
        (response,) = instance.execute([stubs.request(max_new_tokens=[4])])

        (draft,) = self.draft(response)
        self.assertEqual("t5000 t5001 t5002 t5003", draft)

    def test_a_draft_ends_before_its_stop_token(self):
        stops_early = {0: [5000, 5001, stubs.END_OF_TURN, 5003], 1: [5100, stubs.EOS]}
        instance = self.loaded()
        stubs.State.model.script = lambda row, budget: stops_early[row]
        responses = instance.execute(
            [stubs.request(max_new_tokens=[8]), stubs.request(max_new_tokens=[8])])

        self.assertEqual(["t5000 t5001"], self.draft(responses[0]))
        self.assertEqual(["t5100"], self.draft(responses[1]))

    def test_a_batch_that_stops_before_its_budget_is_still_sliced_at_the_prompt(self):
        instance = self.loaded()
        stubs.State.model.script = lambda row, budget: [5000 + row, stubs.EOS]
        responses = instance.execute([stubs.request(max_new_tokens=[50]), stubs.request()])

        self.assertEqual(["t5000"], self.draft(responses[0]))
        self.assertEqual(["t5001"], self.draft(responses[1]))


class LoadingTest(ModelTestCase):
    def test_weights_load_from_the_mounted_directory_only_in_bf16(self):
        self.loaded()

        ((processor_path, processor_kwargs),) = stubs.State.processor_loads
        ((model_path, model_kwargs),) = stubs.State.model_loads
        self.assertEqual(self.weights, processor_path)
        self.assertEqual(self.weights, model_path)
        self.assertIs(True, processor_kwargs["local_files_only"])
        self.assertIs(True, model_kwargs["local_files_only"])
        self.assertEqual("bfloat16", model_kwargs["dtype"].name)
        self.assertEqual({"": "cuda:0"}, model_kwargs["device_map"])

    def test_the_instance_uses_the_gpu_triton_assigned(self):
        instance = model.TritonPythonModel()
        instance.initialize(stubs.initialize_args(stubs.model_config(), device_id="3"))
        self.assertEqual({"": "cuda:3"}, stubs.State.model_loads[0][1]["device_map"])

    def test_a_missing_weights_directory_names_it_and_says_how_to_get_the_weights(self):
        absent = os.path.join(self.weights, "not-mounted")
        with stubs.environment(MEDGEMMA_WEIGHTS_DIR=absent):
            with self.assertRaises(model.WeightsNotFound) as raised:
                self.loaded()

        message = str(raised.exception)
        self.assertIn(absent, message)
        self.assertIn("does not exist", message)
        self.assertIn("google/medgemma-4b-it", message)
        self.assertIn("hf download", message)
        self.assertIn("MEDGEMMA_WEIGHTS_DIR", message)
        self.assertEqual([], stubs.State.model_loads, "nothing is loaded, nothing downloads")

    def test_an_incomplete_weights_directory_lists_what_is_missing(self):
        partial = stubs.make_weights_dir(files=("config.json",))
        self.addCleanup(shutil.rmtree, partial, ignore_errors=True)
        with stubs.environment(MEDGEMMA_WEIGHTS_DIR=partial):
            with self.assertRaises(model.WeightsNotFound) as raised:
                self.loaded()
        self.assertIn("preprocessor_config.json, tokenizer_config.json, *.safetensors",
                      str(raised.exception))

    def test_without_the_environment_variable_the_config_parameter_decides(self):
        with stubs.environment(MEDGEMMA_WEIGHTS_DIR=None):
            self.loaded(weights_dir=self.weights)
            with self.assertRaises(model.WeightsNotFound) as raised:
                self.loaded()
        self.assertIn("/weights/medgemma-4b-it", str(raised.exception))

    def test_a_gpu_instance_without_cuda_fails_to_load(self):
        stubs.Cuda.available = False
        with self.assertRaisesRegex(RuntimeError, "needs CUDA"):
            self.loaded()

    def test_finalize_releases_the_model(self):
        instance = self.loaded()
        instance.finalize()
        self.assertIsNone(instance.model)
        self.assertEqual(1, stubs.Cuda.emptied)


class LoggingTest(ModelTestCase):
    def test_logs_carry_ids_shapes_and_timings_never_prompt_text(self):
        secret = "patient-like free text 4711"
        instance = self.loaded()
        instance.execute([stubs.request(texts=[stubs.rendered(secret)], request_id="evt-1"),
                          stubs.request(texts=[stubs.rendered(secret + "<start_of_image>")],
                                        request_id="evt-2")])

        messages = [message for _, message in stubs.Logger.records]
        self.assertTrue(messages)
        self.assertFalse([m for m in messages if "4711" in m], "prompt text leaked into a log")
        summary = [m for level, m in stubs.Logger.records
                   if level == "INFO" and "batch" in m][0]
        for field in ("requests=2", "rows=1", "rejected=1", "generate_ms=", "evt-1", "evt-2"):
            self.assertIn(field, summary)


if __name__ == "__main__":
    unittest.main()
