"""Stand-ins for triton_python_backend_utils, torch and transformers, and the loader of model.py.

None of the three exists on a build machine (no GPU, no Triton, no PyPI). The stand-ins are
just wide enough for model.py: tensors wrap numpy arrays so that pixel normalisation can be
checked numerically; the processor behaves like transformers' Gemma 3 processor where model.py
depends on it (one <start_of_image> per image or ValueError, the marker expanded into the image
sequence, <bos> added unless add_special_tokens=False, control tokens as single ids, padding on
whichever side its tokenizer says, token_type_ids marking image tokens); and the model records
every generate call and answers with scripted tokens.
"""

import contextlib
import importlib.util
import json
import os
import pathlib
import re
import sys
import tempfile
import types

import numpy as np

MODULE_ROOT = pathlib.Path(__file__).resolve().parents[3]
REPOSITORY = MODULE_ROOT / "model-repository"
MODEL_PY = REPOSITORY / "medgemma-4b-it" / "1" / "model.py"

PAD, EOS, BOS, START_OF_TURN, END_OF_TURN = 0, 1, 2, 105, 106
START_OF_IMAGE, END_OF_IMAGE, IMAGE_SOFT_TOKEN = 255999, 256000, 262144
# Gemma's ids for the control tokens; the tokenizer keeps each one whole, as the real one does.
CONTROL_TOKEN_IDS = {
    "<pad>": PAD, "<eos>": EOS, "<bos>": BOS, "<start_of_turn>": START_OF_TURN,
    "<end_of_turn>": END_OF_TURN, "<start_of_image>": START_OF_IMAGE,
    "<end_of_image>": END_OF_IMAGE, "<image_soft_token>": IMAGE_SOFT_TOKEN,
}
SPECIAL_TOKENS = set(CONTROL_TOKEN_IDS.values())
IMAGE_SEQ_LENGTH = 256
PROMPT_TOKEN_BASE = 1000
GENERATED_TOKEN_BASE = 5000


# --- triton_python_backend_utils --------------------------------------------------------------


class TritonError(Exception):
    UNKNOWN = "UNKNOWN"
    INTERNAL = "INTERNAL"
    NOT_FOUND = "NOT_FOUND"
    INVALID_ARG = "INVALID_ARG"
    UNAVAILABLE = "UNAVAILABLE"
    UNSUPPORTED = "UNSUPPORTED"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    CANCELLED = "CANCELLED"

    def __init__(self, message, code=INTERNAL):
        super().__init__(message)
        self._message = message
        self._code = code

    def message(self):
        return self._message

    def code(self):
        return self._code


class Tensor:
    def __init__(self, name, array):
        self._name = name
        self._array = array

    def name(self):
        return self._name

    def as_numpy(self):
        return self._array


class InferenceResponse:
    def __init__(self, output_tensors=None, error=None):
        self._outputs = list(output_tensors or [])
        self._error = error

    def output_tensors(self):
        return self._outputs

    def error(self):
        return self._error

    def has_error(self):
        return self._error is not None


class Request:
    """What Triton hands to execute: named input arrays, an id and a cancellation flag."""

    def __init__(self, inputs, request_id="", cancelled=False):
        self.inputs = {name: array for name, array in inputs.items() if array is not None}
        self._id = request_id
        self._cancelled = cancelled

    def request_id(self):
        return self._id

    def is_cancelled(self):
        return self._cancelled


def get_input_tensor_by_name(request, name):
    array = request.inputs.get(name)
    return None if array is None else Tensor(name, array)


class Logger:
    records = []

    @classmethod
    def _log(cls, level, message):
        cls.records.append((level, message))

    @classmethod
    def log_info(cls, message):
        cls._log("INFO", message)

    @classmethod
    def log_warn(cls, message):
        cls._log("WARN", message)

    @classmethod
    def log_error(cls, message):
        cls._log("ERROR", message)

    @classmethod
    def log_verbose(cls, message):
        cls._log("VERBOSE", message)


# --- torch -----------------------------------------------------------------------------------


class Dtype:
    def __init__(self, name, storage):
        self.name = name
        self.storage = storage

    def __repr__(self):
        return f"torch.{self.name}"


BFLOAT16 = Dtype("bfloat16", np.float32)  # numpy has no bf16; the label is what gets checked
FLOAT32 = Dtype("float32", np.float32)


class FakeTensor:
    def __init__(self, array, device="cpu", dtype=None):
        self.array = np.asarray(array)
        self.device = device
        self.dtype = dtype

    @property
    def shape(self):
        return self.array.shape

    def to(self, target=None, dtype=None, **_):
        dtype = target if isinstance(target, Dtype) else dtype
        device = target if isinstance(target, str) else self.device
        array = self.array.astype(dtype.storage) if dtype is not None else self.array
        return FakeTensor(array, device, dtype or self.dtype)

    def permute(self, *dims):
        return FakeTensor(np.transpose(self.array, dims), self.device, self.dtype)

    def contiguous(self):
        return self

    def tolist(self):
        return self.array.tolist()

    def __getitem__(self, key):
        return FakeTensor(self.array[key], self.device, self.dtype)

    def _combine(self, other, operation):
        other_array = other.array if isinstance(other, FakeTensor) else other
        return FakeTensor(operation(self.array, other_array), self.device, self.dtype)

    def __mul__(self, other):
        return self._combine(other, np.multiply)

    def __sub__(self, other):
        return self._combine(other, np.subtract)

    def __truediv__(self, other):
        return self._combine(other, np.true_divide)


class Cuda:
    available = True
    emptied = 0

    @classmethod
    def is_available(cls):
        return cls.available

    @classmethod
    def empty_cache(cls):
        cls.emptied += 1


# --- transformers ----------------------------------------------------------------------------


class FakeTokenizer:
    def __init__(self):
        self.padding_side = "right"  # the library default model.py must override
        self.pad_token_id = PAD


class FakeProcessor:
    """transformers' Gemma3Processor as model.py uses it: processor(text=[...], images=[[...]])."""

    boi_token = "<start_of_image>"
    full_image_sequence = (
        "\n\n<start_of_image>" + "<image_soft_token>" * IMAGE_SEQ_LENGTH + "<end_of_image>\n\n")

    def __init__(self):
        self.tokenizer = FakeTokenizer()
        self.calls = []
        self.chat_template_calls = []

    def apply_chat_template(self, *args, **kwargs):
        # The client renders the chat prompt; model.py must never template it a second time.
        self.chat_template_calls.append((args, kwargs))
        raise AssertionError("model.py must not apply a chat template to the rendered PROMPT")

    def __call__(self, text=None, images=None, padding=False, **kwargs):
        # kwargs keeps only what the caller passed: a test can tell a default from an override.
        self.calls.append(
            dict(kwargs, text=text, images=images, padding=padding,
                 padding_side=self.tokenizer.padding_side)
        )
        add_special_tokens = kwargs.get("add_special_tokens", True)
        if len(text) != len(images):
            raise ValueError("Received inconsistently sized batches of images and text.")
        for prompt, image_list in zip(text, images):
            markers = prompt.count(self.boi_token)
            if markers != len(image_list):
                # The real processor raises for the whole batch.
                raise ValueError(
                    f"Prompt contained {markers} image tokens but received {len(image_list)} images.")
        expanded = [prompt.replace(self.boi_token, self.full_image_sequence) for prompt in text]
        token_rows = [self._tokenize(prompt, add_special_tokens) for prompt in expanded]
        width = max(len(row) for row in token_rows)
        input_ids, mask = [], []
        for row in token_rows:
            pad = [PAD] * (width - len(row))
            ones = [1] * len(row)
            left = self.tokenizer.padding_side == "left"
            input_ids.append(pad + row if left else row + pad)
            mask.append([0] * len(pad) + ones if left else ones + [0] * len(pad))
        input_ids = np.array(input_ids)
        return {
            "input_ids": FakeTensor(input_ids),
            "attention_mask": FakeTensor(np.array(mask)),
            "token_type_ids": FakeTensor((input_ids == IMAGE_SOFT_TOKEN).astype(np.int64)),
            # Must never reach generate: model.py normalises the pixels itself.
            "pixel_values": FakeTensor(np.full((len(text), 3, 896, 896), 7, dtype=np.uint8)),
        }

    @staticmethod
    def _tokenize(text, add_special_tokens):
        """Control tokens whole, every other character one id; <bos> first, as Gemma's tokenizer
        adds it (add_bos_token) unless special tokens are off."""
        ids = [BOS] if add_special_tokens else []
        for piece in re.split("(" + "|".join(map(re.escape, CONTROL_TOKEN_IDS)) + ")", text):
            if piece in CONTROL_TOKEN_IDS:
                ids.append(CONTROL_TOKEN_IDS[piece])
            else:
                ids.extend(PROMPT_TOKEN_BASE + ord(ch) % 500 for ch in piece)
        return ids

    @staticmethod
    def batch_decode(sequences, skip_special_tokens=False):
        return [
            " ".join(f"t{token}" for token in tokens
                     if not (skip_special_tokens and token in SPECIAL_TOKENS))
            for tokens in sequences
        ]


def counting_script(row, budget):
    """Row r generates t5000+100r, t5001+100r, ... and never stops by itself."""
    return [GENERATED_TOKEN_BASE + 100 * row + k for k in range(budget)]


class FakeModel:
    def __init__(self):
        self.generation_config = types.SimpleNamespace(
            eos_token_id=[EOS, END_OF_TURN], pad_token_id=None, do_sample=True,
            top_k=64, top_p=0.95, temperature=None, num_beams=1,
        )
        self.generate_calls = []
        self.script = counting_script
        self.failure = None

    def eval(self):
        return self

    def generate(self, input_ids=None, max_new_tokens=None, **kwargs):
        self.generate_calls.append(dict(kwargs, input_ids=input_ids, max_new_tokens=max_new_tokens))
        if self.failure is not None:
            raise self.failure
        rows = input_ids.array
        pixel_values = kwargs.get("pixel_values")
        images = 0 if pixel_values is None else pixel_values.shape[0]
        image_tokens = int(np.sum(rows == IMAGE_SOFT_TOKEN))
        if image_tokens != images * IMAGE_SEQ_LENGTH:
            # Gemma 3 checks this for the batch as a whole, inside generate.
            raise ValueError(f"Image features and image tokens do not match: tokens: "
                             f"{image_tokens}, features {images * IMAGE_SEQ_LENGTH}")
        scripted = [self.script(r, max_new_tokens)[:max_new_tokens] for r in range(len(rows))]
        # Like transformers: finished rows are padded, and the batch stops when all are done.
        width = max(len(tokens) for tokens in scripted)
        new = np.array([tokens + [PAD] * (width - len(tokens)) for tokens in scripted])
        return FakeTensor(np.concatenate([rows, new.reshape(len(rows), width)], axis=1))


class State:
    """Everything one test sees; reset() gives each test a fresh one."""

    processor = None
    model = None
    processor_loads = []
    model_loads = []


def reset():
    State.processor = FakeProcessor()
    State.model = FakeModel()
    State.processor_loads = []
    State.model_loads = []
    Logger.records = []
    Cuda.available = True
    Cuda.emptied = 0


class AutoProcessor:
    @staticmethod
    def from_pretrained(path, **kwargs):
        State.processor_loads.append((path, kwargs))
        return State.processor


class AutoModelForImageTextToText:
    @staticmethod
    def from_pretrained(path, **kwargs):
        State.model_loads.append((path, kwargs))
        return State.model


# --- wiring ----------------------------------------------------------------------------------


def _module(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    return module


def install():
    sys.modules["triton_python_backend_utils"] = _module(
        "triton_python_backend_utils",
        TritonError=TritonError, Tensor=Tensor, InferenceResponse=InferenceResponse,
        get_input_tensor_by_name=get_input_tensor_by_name, Logger=Logger,
    )
    sys.modules["torch"] = _module(
        "torch",
        bfloat16=BFLOAT16, float32=FLOAT32, Tensor=FakeTensor, dtype=Dtype, cuda=Cuda,
        from_numpy=lambda array: FakeTensor(array),
        inference_mode=contextlib.nullcontext,
    )
    sys.modules["transformers"] = _module(
        "transformers",
        AutoProcessor=AutoProcessor, AutoModelForImageTextToText=AutoModelForImageTextToText,
    )


def load_model_module():
    """Imports model.py once, under its own name, after the stand-ins are in place."""
    if "medgemma_model" in sys.modules:
        return sys.modules["medgemma_model"]
    install()
    spec = importlib.util.spec_from_file_location("medgemma_model", MODEL_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules["medgemma_model"] = module
    spec.loader.exec_module(module)
    return module


# --- fixtures --------------------------------------------------------------------------------


def make_weights_dir(files=("config.json", "preprocessor_config.json", "tokenizer_config.json",
                            "model-00001-of-00002.safetensors")):
    directory = tempfile.mkdtemp(prefix="medgemma-weights-")
    for name in files:
        pathlib.Path(directory, name).write_text("{}")
    return directory


def model_config(**parameters):
    """The JSON Triton passes to initialize, built from the real config.pbtxt."""
    import pbtxt

    parsed = pbtxt.load(REPOSITORY / "medgemma-4b-it" / "config.pbtxt")
    params = {entry["key"][0]: {"string_value": entry["value"][0]["string_value"][0]}
              for entry in parsed.get("parameters", [])}
    params.update({key: {"string_value": value} for key, value in parameters.items()})
    return {"name": parsed["name"][0], "max_batch_size": parsed["max_batch_size"][0],
            "parameters": params}


def initialize_args(config, kind="GPU", device_id="0"):
    return {
        "model_config": json.dumps(config),
        "model_instance_kind": kind,
        "model_instance_device_id": device_id,
        "model_name": "medgemma-4b-it",
        "model_version": "1",
        "model_repository": str(REPOSITORY / "medgemma-4b-it"),
    }


def image(rows=1, value=0):
    return np.full((rows, 896, 896, 3), value, dtype=np.uint8)


def rendered(user="describe the finding", system="You are a radiologist."):
    """A prompt as the client renders it (inference-client's Gemma3ChatFormat.render)."""
    return (f"<start_of_turn>user\n{system.strip()}\n\n{user.strip()}<start_of_image>"
            "<end_of_turn>\n<start_of_turn>model\n")


def prompt(*texts):
    return np.array([[text.encode("utf-8") if isinstance(text, str) else text] for text in texts],
                    dtype=np.object_)


def budget(*values):
    return np.array([[value] for value in values], dtype=np.int32)


def request(rows=1, texts=None, max_new_tokens=None, request_id="", pixels=None, **overrides):
    inputs = {
        "IMAGE": pixels if pixels is not None else image(rows),
        "PROMPT": prompt(*(texts or [rendered(f"describe finding {k}") for k in range(rows)])),
        "MAX_NEW_TOKENS": None if max_new_tokens is None else budget(*max_new_tokens),
    }
    inputs.update(overrides)
    return Request(inputs, request_id=request_id)


@contextlib.contextmanager
def environment(**values):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update({key: value for key, value in values.items() if value is not None})
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
