"""The model repository as Triton will read it: configs against the shared contract, the vLLM
engine arguments, and the pinned packages the Triton image needs."""

import ast
import json
import re
import unittest

import pbtxt
import stubs

REPOSITORY = stubs.REPOSITORY
MODULE_ROOT = stubs.MODULE_ROOT
model = stubs.load_model_module()


def tensors(config, field):
    return {
        pbtxt.single(entry, "name"): {
            "data_type": pbtxt.single(entry, "data_type"),
            "dims": entry.get("dims", []),
            "optional": pbtxt.as_bool(pbtxt.single(entry, "optional")),
        }
        for entry in config.get(field, [])
    }


def parameters(config):
    return {pbtxt.single(entry, "key"): pbtxt.single(pbtxt.single(entry, "value"), "string_value")
            for entry in config.get("parameters", [])}


class PythonBackendConfigTest(unittest.TestCase):
    config = pbtxt.load(REPOSITORY / "medgemma-4b-it" / "config.pbtxt")

    def test_identity_and_batching_limit(self):
        self.assertEqual("medgemma-4b-it", pbtxt.single(self.config, "name"))
        self.assertEqual("python", pbtxt.single(self.config, "backend"))
        self.assertEqual(8, pbtxt.single(self.config, "max_batch_size"))

    def test_inputs_follow_the_contract_in_order(self):
        self.assertEqual(["IMAGE", "PROMPT", "MAX_NEW_TOKENS"],
                         [pbtxt.single(entry, "name") for entry in self.config["input"]])
        self.assertEqual({
            "IMAGE": {"data_type": "TYPE_UINT8", "dims": [896, 896, 3], "optional": False},
            "PROMPT": {"data_type": "TYPE_STRING", "dims": [1], "optional": False},
            "MAX_NEW_TOKENS": {"data_type": "TYPE_INT32", "dims": [1], "optional": True},
        }, tensors(self.config, "input"))

    def test_output_follows_the_contract(self):
        self.assertEqual(
            {"DRAFT": {"data_type": "TYPE_STRING", "dims": [1], "optional": False}},
            tensors(self.config, "output"))

    def test_dynamic_batching_follows_the_contract(self):
        batching = pbtxt.single(self.config, "dynamic_batching")
        self.assertEqual([4, 8], batching["preferred_batch_size"])
        self.assertEqual(100000, pbtxt.single(batching, "max_queue_delay_microseconds"))
        self.assertEqual(2, pbtxt.single(batching, "priority_levels"))
        self.assertEqual(2, pbtxt.single(batching, "default_priority_level"))
        policy = pbtxt.single(batching, "default_queue_policy")
        self.assertEqual("REJECT", pbtxt.single(policy, "timeout_action"))
        self.assertTrue(pbtxt.as_bool(pbtxt.single(policy, "allow_timeout_override")))
        self.assertEqual(64, pbtxt.single(policy, "max_queue_size"))
        self.assertEqual({"preferred_batch_size", "max_queue_delay_microseconds",
                          "priority_levels", "default_priority_level", "default_queue_policy"},
                         set(batching))

    def test_one_gpu_instance(self):
        (group,) = self.config["instance_group"]
        self.assertEqual("KIND_GPU", pbtxt.single(group, "kind"))
        self.assertEqual(1, pbtxt.single(group, "count"))

    def test_model_py_reads_exactly_the_declared_tensors(self):
        self.assertEqual(list(model.INPUT_NAMES), list(tensors(self.config, "input")))
        self.assertEqual([model.OUTPUT_NAME], list(tensors(self.config, "output")))
        self.assertEqual(tuple(tensors(self.config, "input")["IMAGE"]["dims"]), model.IMAGE_SHAPE)

    def test_parameters_and_model_py_defaults_agree(self):
        declared = parameters(self.config)
        for key, default in model.DEFAULT_PARAMETERS.items():
            self.assertEqual(default, declared.get(key), key)
        self.assertEqual("yes", declared["FORCE_CPU_ONLY_INPUT_TENSORS"])
        settings = model.settings_from(stubs.model_config(), {})
        self.assertLessEqual(settings.default_max_new_tokens, settings.max_new_tokens_ceiling)


class VllmConfigTest(unittest.TestCase):
    directory = REPOSITORY / "medgemma-4b-it-vllm"
    config = pbtxt.load(directory / "config.pbtxt")
    engine = json.loads((directory / "1" / "model.json").read_text())

    def test_decoupled_vllm_backend_managing_its_own_gpu(self):
        self.assertEqual("medgemma-4b-it-vllm", pbtxt.single(self.config, "name"))
        self.assertEqual("vllm", pbtxt.single(self.config, "backend"))
        self.assertEqual(0, pbtxt.single(self.config, "max_batch_size"))
        policy = pbtxt.single(self.config, "model_transaction_policy")
        self.assertTrue(pbtxt.as_bool(pbtxt.single(policy, "decoupled")))
        (group,) = self.config["instance_group"]
        self.assertEqual("KIND_MODEL", pbtxt.single(group, "kind"))
        self.assertNotIn("dynamic_batching", self.config, "vLLM batches continuously itself")

    def test_declared_tensors_are_the_backends_own(self):
        self.assertEqual({
            "text_input": {"data_type": "TYPE_STRING", "dims": [1], "optional": False},
            "image": {"data_type": "TYPE_STRING", "dims": [1], "optional": True},
            "stream": {"data_type": "TYPE_BOOL", "dims": [1], "optional": True},
            "sampling_parameters": {"data_type": "TYPE_STRING", "dims": [1], "optional": True},
            "exclude_input_in_output": {"data_type": "TYPE_BOOL", "dims": [1], "optional": True},
        }, tensors(self.config, "input"))
        self.assertEqual(
            {"text_output": {"data_type": "TYPE_STRING", "dims": [-1], "optional": False}},
            tensors(self.config, "output"))

    def test_engine_loads_the_same_local_weights_in_bf16(self):
        self.assertEqual(model.DEFAULT_PARAMETERS["weights_dir"], self.engine["model"])
        self.assertEqual("bfloat16", self.engine["dtype"])
        self.assertEqual({"image": 1}, self.engine["limit_mm_per_prompt"])
        self.assertFalse(self.engine["mm_processor_kwargs"]["do_pan_and_scan"])
        self.assertTrue(0 < self.engine["gpu_memory_utilization"] < 1)

    def test_context_fits_an_image_a_long_instruction_and_the_largest_draft(self):
        image_tokens = 256 + 8  # soft tokens plus their begin/end markers and newlines
        longest_instruction = int(model.DEFAULT_PARAMETERS["max_prompt_bytes"]) // 4  # ~4 B/token
        ceiling = int(model.DEFAULT_PARAMETERS["max_new_tokens_ceiling"])
        self.assertGreaterEqual(self.engine["max_model_len"],
                                image_tokens + longest_instruction + ceiling)


class RequirementsTest(unittest.TestCase):
    requirements = (MODULE_ROOT / "requirements-python-backend.txt").read_text().splitlines()

    def pins(self):
        lines = [line.split("#")[0].strip() for line in self.requirements]
        return [line for line in lines if line]

    def test_every_package_is_pinned_to_one_version(self):
        for line in self.pins():
            self.assertRegex(line, r"^[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.+\-]*$")

    def test_every_third_party_import_of_model_py_is_pinned(self):
        tree = ast.parse(stubs.MODEL_PY.read_text())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
        provided = {"triton_python_backend_utils"}  # the Python backend injects it
        third_party = {name for name in imported - provided if not _stdlib(name)}
        pinned = {re.split("==", line)[0].lower() for line in self.pins()}
        self.assertEqual(set(), {name for name in third_party if name.lower() not in pinned})
        self.assertIn("accelerate", pinned, "device_map= needs accelerate")


def _stdlib(name):
    import sys

    return name in sys.stdlib_module_names


class TextFormatReaderTest(unittest.TestCase):
    """The reader must refuse what Triton would refuse, or the checks above prove little."""

    def assert_refused(self, text):
        with self.assertRaises(pbtxt.TextFormatError):
            fields = pbtxt.parse(text)
            problems = pbtxt.validate(fields)
            if problems:
                raise pbtxt.TextFormatError("; ".join(problems))

    def test_refuses_unknown_fields_bad_enums_and_broken_syntax(self):
        self.assert_refused('max_batch_sise: 8')
        self.assert_refused('input [ { name: "X" data_type: TYPE_UINT9 dims: [ 1 ] } ]')
        self.assert_refused('instance_group [ { kind: GPU } ]')
        self.assert_refused('dynamic_batching { priority_levels: -2 }')
        self.assert_refused('dynamic_batching { preferred_batch_size: [ 4, 8 }')
        self.assert_refused('name: "a" name: "b"')
        self.assert_refused('backend: python')
        self.assert_refused('model_transaction_policy { decoupled: yes }')
        self.assert_refused('parameters { key: "k" value { string_value: 3 } }')

    def test_accepts_both_list_and_repeated_forms(self):
        fields = pbtxt.parse('input { name: "A" dims: [ 1 ] } input: [ { name: "B" dims: -1 } ]\n'
                             'parameters: { key: "k", value: { string_value: "v" } }  # note')
        self.assertEqual([], pbtxt.validate(fields))
        self.assertEqual(["A", "B"], [entry["name"][0] for entry in fields["input"]])


if __name__ == "__main__":
    unittest.main()
