"""MedGemma 4B-it on Triton's Python backend: one batched greedy generate per execute.

Triton's dynamic batcher hands `execute` up to max_batch_size rows at once. Every valid request
joins a single `generate`; an invalid one gets its own error response and never reaches the GPU,
so one bad image cannot fail the drafts of the seven good ones batched with it.

The request, batch and token logic are plain functions on numpy arrays and Python lists, so they
can be tested without torch, transformers or Triton; `TritonPythonModel` at the bottom is the glue.
"""

import json
import os
import time
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence

import numpy as np

# Weights are gated and mounted by the operator. Turning the hub off before transformers is
# imported makes a mis-mounted directory fail at once instead of hanging on (or leaking to) the
# network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
import triton_python_backend_utils as pb_utils  # noqa: E402
from transformers import AutoModelForImageTextToText, AutoProcessor  # noqa: E402

IMAGE_SHAPE = (896, 896, 3)
RESCALE = 1.0 / 255.0
NORMALISE_MEAN = 0.5
NORMALISE_STD = 0.5

INPUT_NAMES = ("IMAGE", "PROMPT", "MAX_NEW_TOKENS")
OUTPUT_NAME = "DRAFT"

HF_REPO_ID = "google/medgemma-4b-it"
WEIGHTS_ENV_VAR = "MEDGEMMA_WEIGHTS_DIR"
REQUIRED_WEIGHT_FILES = ("config.json", "preprocessor_config.json", "tokenizer_config.json")

DEFAULT_PARAMETERS = {
    "weights_dir": "/weights/medgemma-4b-it",
    "default_max_new_tokens": "256",
    "max_new_tokens_ceiling": "1024",
    "max_prompt_bytes": "8192",
}

# PROMPT is the complete Gemma 3 chat prompt, rendered by the client (inference-client's
# Gemma3ChatFormat; see "Chat template decision" in inference-client/README.md):
#   <start_of_turn>user\n{system}\n\n{user}\n\n{instruction}<start_of_image><end_of_turn>\n
#   <start_of_turn>model\n
# model.py applies no chat template; it checks the shape of the text and hands it to the
# processor as it is.
PROMPT_PREFIX = "<start_of_turn>user\n"
PROMPT_SUFFIX = "<start_of_turn>model\n"
IMAGE_MARKER = "<start_of_image>"
# The tokenizer adds <bos> itself; a literal one would double it.
BOS_TOKEN = "<bos>"
# The processor expands IMAGE_MARKER into 256 of these. One more typed into the text would not
# match the image features, and the model would then fail the whole batch in generate.
IMAGE_SOFT_TOKEN = "<image_soft_token>"


class BadRequest(Exception):
    """A request this model refuses by itself; the rest of its batch still runs."""


class WeightsNotFound(RuntimeError):
    """The mounted weights directory is absent or incomplete."""


@dataclass(frozen=True)
class Settings:
    weights_dir: str
    default_max_new_tokens: int
    max_new_tokens_ceiling: int
    max_prompt_bytes: int


@dataclass(frozen=True)
class Row:
    """One image and its rendered prompt: the unit that takes one slot of the generate batch."""

    request_index: int
    image: np.ndarray
    prompt: str
    max_new_tokens: int


# ---------------------------------------------------------------------------------------------
# Settings and weights
# ---------------------------------------------------------------------------------------------


def settings_from(model_config: Mapping, environ: Mapping[str, str]) -> Settings:
    parameters = _string_parameters(model_config)

    def value(key: str) -> str:
        return parameters.get(key, "").strip() or DEFAULT_PARAMETERS[key]

    default_budget = _positive_int("default_max_new_tokens", value("default_max_new_tokens"))
    ceiling = _positive_int("max_new_tokens_ceiling", value("max_new_tokens_ceiling"))
    if default_budget > ceiling:
        raise ValueError(
            f"default_max_new_tokens ({default_budget}) exceeds max_new_tokens_ceiling ({ceiling})"
        )
    return Settings(
        weights_dir=environ.get(WEIGHTS_ENV_VAR, "").strip() or value("weights_dir"),
        default_max_new_tokens=default_budget,
        max_new_tokens_ceiling=ceiling,
        max_prompt_bytes=_positive_int("max_prompt_bytes", value("max_prompt_bytes")),
    )


def _string_parameters(model_config: Mapping) -> Dict[str, str]:
    raw = model_config.get("parameters") or {}
    return {key: (entry or {}).get("string_value", "") for key, entry in raw.items()}


def _positive_int(name: str, text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise ValueError(f"parameter {name} must be an integer, got {text!r}") from None
    if number < 1:
        raise ValueError(f"parameter {name} must be at least 1, got {number}")
    return number


def weights_problem(directory: str) -> Optional[str]:
    if not os.path.isdir(directory):
        return "the directory does not exist"
    names = set(os.listdir(directory))
    missing = [name for name in REQUIRED_WEIGHT_FILES if name not in names]
    if not any(name.endswith(".safetensors") for name in names):
        missing.append("*.safetensors")
    return f"it lacks {', '.join(missing)}" if missing else None


def check_weights_dir(directory: str) -> None:
    problem = weights_problem(directory)
    if problem is None:
        return
    raise WeightsNotFound(
        f"MedGemma weights are not usable at {directory}: {problem}. The weights are gated and "
        f"this model never downloads them: accept the Health AI Developer Foundations terms for "
        f"{HF_REPO_ID} on Hugging Face, download the repository on a machine with access "
        f"(`hf download {HF_REPO_ID} --local-dir <dir>`, or `huggingface-cli download` with "
        f"older huggingface_hub releases), then mount <dir> at {directory} or point the "
        f"weights_dir parameter in config.pbtxt or the {WEIGHTS_ENV_VAR} environment variable "
        f"at it."
    )


# ---------------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------------


def parse_request(
    request_index: int, inputs: Mapping[str, Optional[np.ndarray]], settings: Settings
) -> List[Row]:
    """Validates one request and splits it into rows; BadRequest carries a client-safe reason."""
    image = inputs.get("IMAGE")
    rows = check_image(image)
    prompts = [
        decode_prompt(raw, settings.max_prompt_bytes)
        for raw in per_row(inputs.get("PROMPT"), rows, "PROMPT")
    ]
    budgets = resolve_max_new_tokens(inputs.get("MAX_NEW_TOKENS"), rows, settings)
    return [Row(request_index, image[k], prompts[k], budgets[k]) for k in range(rows)]


def check_image(image: Optional[np.ndarray]) -> int:
    """Returns the request's own batch size; Triton allows a client to send several rows at once."""
    if image is None:
        raise BadRequest("IMAGE is missing")
    if image.dtype != np.uint8:
        raise BadRequest(f"IMAGE must be UINT8, got {image.dtype}")
    if image.ndim != 4 or image.shape[0] < 1 or tuple(image.shape[1:]) != IMAGE_SHAPE:
        raise BadRequest(f"IMAGE must have shape [n, 896, 896, 3], got {list(image.shape)}")
    return int(image.shape[0])


def per_row(values: Optional[np.ndarray], rows: int, name: str) -> np.ndarray:
    if values is None:
        raise BadRequest(f"{name} is missing")
    if values.ndim not in (1, 2) or values.shape[0] != rows or values.size != rows:
        raise BadRequest(
            f"{name} must have shape [{rows}, 1] to match IMAGE, got {list(values.shape)}"
        )
    return values.reshape(rows)


def decode_prompt(raw: object, max_bytes: int) -> str:
    """The rendered prompt, or BadRequest naming the rule it breaks (never quoting its text)."""
    if not isinstance(raw, (bytes, bytearray)):
        raise BadRequest("PROMPT must be BYTES")
    if len(raw) > max_bytes:
        raise BadRequest(f"PROMPT is {len(raw)} bytes, more than the {max_bytes} allowed")
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("PROMPT is not valid UTF-8") from None
    if not text.strip():
        raise BadRequest("PROMPT is empty")
    check_rendered_prompt(text)
    return text


def check_rendered_prompt(text: str) -> None:
    if BOS_TOKEN in text:
        raise BadRequest(
            f"PROMPT must not contain {BOS_TOKEN}: the tokenizer adds it, a second one degrades "
            "the output"
        )
    if not text.startswith(PROMPT_PREFIX):
        raise BadRequest(
            "PROMPT must start with <start_of_turn>user followed by a newline: send the rendered "
            "Gemma 3 chat prompt"
        )
    if not text.endswith(PROMPT_SUFFIX):
        raise BadRequest(
            "PROMPT must end with <start_of_turn>model followed by a newline: send the rendered "
            "Gemma 3 chat prompt"
        )
    markers = text.count(IMAGE_MARKER)
    if markers != 1:
        raise BadRequest(
            f"PROMPT must contain exactly one {IMAGE_MARKER} for its one image, found {markers}"
        )
    if IMAGE_SOFT_TOKEN in text:
        raise BadRequest(
            f"PROMPT must not contain {IMAGE_SOFT_TOKEN}: the processor inserts the image tokens"
        )


def resolve_max_new_tokens(
    values: Optional[np.ndarray], rows: int, settings: Settings
) -> List[int]:
    if values is None:
        return [settings.default_max_new_tokens] * rows
    if not np.issubdtype(values.dtype, np.integer):
        raise BadRequest(f"MAX_NEW_TOKENS must be INT32, got {values.dtype}")
    budgets = []
    for requested in per_row(values, rows, "MAX_NEW_TOKENS").tolist():
        if requested < 1:
            raise BadRequest(f"MAX_NEW_TOKENS must be at least 1, got {requested}")
        budgets.append(min(requested, settings.max_new_tokens_ceiling))
    return budgets


# ---------------------------------------------------------------------------------------------
# Batch and tokens
# ---------------------------------------------------------------------------------------------


def generation_budget(rows: Sequence[Row]) -> int:
    """Greedy decoding makes a row's first k tokens the same whether the batch stops at k or
    later, so one generate to the largest budget serves every row after truncation."""
    return max(row.max_new_tokens for row in rows)


def stop_token_ids(eos_token_id: object, pad_token_id: Optional[int]) -> frozenset:
    ids = set()
    if isinstance(eos_token_id, int):
        ids.add(eos_token_id)
    elif eos_token_id is not None:
        ids.update(int(token) for token in eos_token_id)
    if pad_token_id is not None:
        ids.add(pad_token_id)
    return frozenset(ids)


def truncate_generation(tokens: Sequence[int], limit: int, stop_ids: frozenset) -> List[int]:
    """A row's own draft: at most its own budget, ending before its first stop token (after which
    generate only pads it while other rows finish)."""
    kept = []
    for token in tokens[:limit]:
        if token in stop_ids:
            break
        kept.append(token)
    return kept


def drafts_by_request(rows: Sequence[Row], texts: Sequence[str]) -> Dict[int, List[str]]:
    if len(rows) != len(texts):
        raise ValueError(f"{len(texts)} drafts for {len(rows)} rows")
    grouped: Dict[int, List[str]] = {}
    for row, text in zip(rows, texts):
        grouped.setdefault(row.request_index, []).append(text)
    return grouped


def greedy_kwargs(pad_token_id: Optional[int]) -> Dict[str, object]:
    """Greedy decoding, passed to every generate call as keyword arguments.

    MedGemma's generation_config.json asks for sampling (do_sample, top_k, top_p). A modified
    copy passed as generation_config would not undo that: transformers refills the fields a
    custom config leaves at library defaults (do_sample=False is one) from the model's own
    config. Keyword arguments are applied after that refill, so they always win."""
    return {
        "do_sample": False,
        "num_beams": 1,
        "temperature": None,
        "top_p": None,
        "top_k": None,
        "pad_token_id": pad_token_id,
    }


def normalise_pixels(batch: "torch.Tensor", dtype: "torch.dtype") -> "torch.Tensor":
    """uint8 NHWC on the device -> normalised NCHW in the model's dtype.

    The arithmetic runs in float32 and is cast once at the end, the same order as the Gemma 3
    image processor (float32) followed by the model card's cast to bf16."""
    pixels = batch.permute(0, 3, 1, 2).to(torch.float32)
    pixels = (pixels * RESCALE - NORMALISE_MEAN) / NORMALISE_STD
    return pixels.to(dtype).contiguous()


def device_for(instance_kind: str, device_id: str) -> str:
    return f"cuda:{int(device_id)}" if instance_kind == "GPU" else "cpu"


# ---------------------------------------------------------------------------------------------
# Triton glue
# ---------------------------------------------------------------------------------------------


def read_inputs(request) -> Dict[str, Optional[np.ndarray]]:
    arrays = {}
    for name in INPUT_NAMES:
        tensor = pb_utils.get_input_tensor_by_name(request, name)
        arrays[name] = None if tensor is None else tensor.as_numpy()
    return arrays


def request_id(request) -> str:
    return request.request_id() or "-"


def is_cancelled(request) -> bool:
    # is_cancelled arrived in Triton 23.10; older servers simply never cancel.
    probe = getattr(request, "is_cancelled", None)
    return bool(probe()) if probe is not None else False


def draft_response(drafts: Sequence[str]):
    data = np.array([[draft.encode("utf-8")] for draft in drafts], dtype=np.object_)
    return pb_utils.InferenceResponse(output_tensors=[pb_utils.Tensor(OUTPUT_NAME, data)])


def error_response(message: str, code):
    return pb_utils.InferenceResponse(
        output_tensors=[], error=pb_utils.TritonError(message, code)
    )


class TritonPythonModel:
    def initialize(self, args):
        started = time.monotonic()
        self.logger = pb_utils.Logger
        self.settings = settings_from(json.loads(args["model_config"]), os.environ)
        check_weights_dir(self.settings.weights_dir)
        self.device = self._device(args)
        self.dtype = torch.bfloat16
        self.processor = self._load_processor()
        self.model = self._load_model()
        tokenizer = self.processor.tokenizer
        self.generation_kwargs = greedy_kwargs(tokenizer.pad_token_id)
        eos_token_id = self.model.generation_config.eos_token_id
        self.stop_ids = stop_token_ids(eos_token_id, tokenizer.pad_token_id)
        self.logger.log_info(
            f"medgemma: loaded {self.settings.weights_dir} on {self.device} in bf16 "
            f"in {time.monotonic() - started:.1f} s"
        )

    def _device(self, args) -> str:
        device = device_for(
            args.get("model_instance_kind", ""), args.get("model_instance_device_id", "0")
        )
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise RuntimeError(f"instance kind GPU needs CUDA, which torch cannot see ({device})")
        if device == "cpu":
            self.logger.log_warn("medgemma: running on CPU; expect minutes per draft")
        return device

    def _load_processor(self):
        processor = AutoProcessor.from_pretrained(self.settings.weights_dir, local_files_only=True)
        # Left padding puts every prompt's last token in the last column, so each row's first
        # generated token follows its own prompt instead of pad tokens.
        processor.tokenizer.padding_side = "left"
        return processor

    def _load_model(self):
        model = AutoModelForImageTextToText.from_pretrained(
            self.settings.weights_dir,
            local_files_only=True,
            dtype=self.dtype,
            device_map={"": self.device},
        )
        return model.eval()

    def execute(self, requests):
        started = time.monotonic()
        responses = [None] * len(requests)
        rows = self._accepted_rows(requests, responses)
        rejected = sum(1 for response in responses if response is not None)
        stats = self._fill_drafts(rows, requests, responses) if rows else {}
        stats["total_ms"] = f"{(time.monotonic() - started) * 1000:.1f}"
        self.logger.log_info(
            f"medgemma: batch requests={len(requests)} rows={len(rows)} rejected={rejected} "
            + " ".join(f"{key}={value}" for key, value in stats.items())
            + f" ids={[request_id(request) for request in requests]}"
        )
        return responses

    def _accepted_rows(self, requests, responses) -> List[Row]:
        rows: List[Row] = []
        for index, request in enumerate(requests):
            if is_cancelled(request):
                responses[index] = error_response(
                    "request cancelled", pb_utils.TritonError.CANCELLED
                )
                continue
            try:
                rows.extend(parse_request(index, read_inputs(request), self.settings))
            except BadRequest as problem:
                self.logger.log_warn(f"medgemma: request {request_id(request)} rejected: {problem}")
                responses[index] = error_response(str(problem), pb_utils.TritonError.INVALID_ARG)
        return rows

    def _fill_drafts(self, rows: List[Row], requests, responses) -> Dict[str, object]:
        """Validated requests can now fail only together, and only through the server's fault."""
        try:
            texts, stats = self._generate(rows)
        except Exception as failure:  # noqa: BLE001
            accepted = sorted({row.request_index for row in rows})
            self.logger.log_error(
                f"medgemma: generate failed for {[request_id(requests[i]) for i in accepted]}: "
                f"{type(failure).__name__}: {failure}"
            )
            self._release_cached_memory()
            # UNAVAILABLE: the pipeline retries with backoff instead of dead-lettering a good image.
            for index in accepted:
                responses[index] = error_response(
                    f"generation failed ({type(failure).__name__}); retry later",
                    pb_utils.TritonError.UNAVAILABLE,
                )
            return {"failed": type(failure).__name__}
        for index, drafts in drafts_by_request(rows, texts).items():
            responses[index] = draft_response(drafts)
        return stats

    def _generate(self, rows: List[Row]):
        encode_started = time.monotonic()
        inputs = self._encode(rows)
        prompt_length = int(inputs["input_ids"].shape[1])
        budget = generation_budget(rows)
        generate_started = time.monotonic()
        with torch.inference_mode():
            sequences = self.model.generate(
                **inputs, **self.generation_kwargs, max_new_tokens=budget
            )
        generated = sequences[:, prompt_length:].tolist()
        decode_started = time.monotonic()
        kept = [
            truncate_generation(tokens, row.max_new_tokens, self.stop_ids)
            for tokens, row in zip(generated, rows)
        ]
        decoded = self.processor.batch_decode(kept, skip_special_tokens=True)
        texts = [text.strip() for text in decoded]
        stats = {
            "prompt_tokens": prompt_length,
            "budget": budget,
            "generated_tokens": max(len(tokens) for tokens in kept),
            "encode_ms": f"{(generate_started - encode_started) * 1000:.1f}",
            "generate_ms": f"{(decode_started - generate_started) * 1000:.1f}",
        }
        return texts, stats

    def _encode(self, rows: List[Row]) -> Dict[str, object]:
        """Text goes through the processor, pixels do not.

        PROMPT arrives as the rendered chat prompt, so it goes to the processor unchanged, with
        no chat template. The processor owns the expansion of <start_of_image> into the image
        sequence (blank lines, 256 soft tokens, <end_of_image>), the token_type_ids that mark
        those tokens and the <bos> its tokenizer adds (add_special_tokens is left at its
        default, on); those must match the weights exactly, so they are not reimplemented here.
        It has to see the images for that (it checks one marker per image), but with resize,
        rescale and normalise off it only changes their layout, and its pixel_values are
        dropped: the pixels are normalised on the GPU instead, from the uint8 batch, so a
        quarter of float32's bytes cross the bus and the two CPU cores are left to Triton."""
        encoded = dict(
            self.processor(
                text=[row.prompt for row in rows],
                images=[[row.image] for row in rows],
                padding=True,
                return_tensors="pt",
                do_resize=False,
                do_rescale=False,
                do_normalize=False,
                do_pan_and_scan=False,
            )
        )
        encoded.pop("pixel_values", None)
        inputs = {name: tensor.to(self.device) for name, tensor in encoded.items()}
        inputs["pixel_values"] = self._pixel_values(rows)
        return inputs

    def _pixel_values(self, rows: List[Row]):
        batch = torch.from_numpy(np.stack([row.image for row in rows])).to(self.device)
        return normalise_pixels(batch, self.dtype)

    def _release_cached_memory(self) -> None:
        if self.device.startswith("cuda"):
            torch.cuda.empty_cache()

    def finalize(self):
        self.model = None
        self.processor = None
        if getattr(self, "device", "cpu").startswith("cuda"):
            torch.cuda.empty_cache()
