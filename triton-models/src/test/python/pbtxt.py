"""A strict reader for the protobuf text format of Triton's config.pbtxt.

Triton parses config.pbtxt by field name against its model_config.proto and refuses the whole
model on one unknown name, so a typo shows up only when a GPU host loads the repository. This
reader knows the subset of ModelConfig that our two models use (names and kinds taken from
model_config.proto) and rejects anything else, so the build catches it first. It is no
substitute for protobuf itself: the Java check with the project's own proto covers the rest.
"""

import re

REPEATED = True
SINGLE = False

DATA_TYPES = {
    "TYPE_BOOL", "TYPE_UINT8", "TYPE_UINT16", "TYPE_UINT32", "TYPE_UINT64", "TYPE_INT8",
    "TYPE_INT16", "TYPE_INT32", "TYPE_INT64", "TYPE_FP16", "TYPE_FP32", "TYPE_FP64",
    "TYPE_STRING", "TYPE_BF16",
}
INSTANCE_KINDS = {"KIND_AUTO", "KIND_GPU", "KIND_CPU", "KIND_MODEL"}
TIMEOUT_ACTIONS = {"REJECT", "DELAY"}
INPUT_FORMATS = {"FORMAT_NONE", "FORMAT_NHWC", "FORMAT_NCHW"}

SCHEMA = {
    "ModelConfig": {
        "name": ("string", SINGLE),
        "platform": ("string", SINGLE),
        "backend": ("string", SINGLE),
        "max_batch_size": ("int", SINGLE),
        "input": ("ModelInput", REPEATED),
        "output": ("ModelOutput", REPEATED),
        "dynamic_batching": ("ModelDynamicBatching", SINGLE),
        "instance_group": ("ModelInstanceGroup", REPEATED),
        "parameters": ("ParameterEntry", REPEATED),
        "model_transaction_policy": ("ModelTransactionPolicy", SINGLE),
    },
    "ModelInput": {
        "name": ("string", SINGLE),
        "data_type": (DATA_TYPES, SINGLE),
        "format": (INPUT_FORMATS, SINGLE),
        "dims": ("int", REPEATED),
        "allow_ragged_batch": ("bool", SINGLE),
        "optional": ("bool", SINGLE),
    },
    "ModelOutput": {
        "name": ("string", SINGLE),
        "data_type": (DATA_TYPES, SINGLE),
        "dims": ("int", REPEATED),
    },
    "ModelDynamicBatching": {
        "preferred_batch_size": ("int", REPEATED),
        "max_queue_delay_microseconds": ("uint", SINGLE),
        "preserve_ordering": ("bool", SINGLE),
        "priority_levels": ("uint", SINGLE),
        "default_priority_level": ("uint", SINGLE),
        "default_queue_policy": ("ModelQueuePolicy", SINGLE),
        "priority_queue_policy": ("PriorityQueuePolicyEntry", REPEATED),
    },
    "ModelQueuePolicy": {
        "timeout_action": (TIMEOUT_ACTIONS, SINGLE),
        "default_timeout_microseconds": ("uint", SINGLE),
        "allow_timeout_override": ("bool", SINGLE),
        "max_queue_size": ("uint", SINGLE),
    },
    "ModelInstanceGroup": {
        "name": ("string", SINGLE),
        "kind": (INSTANCE_KINDS, SINGLE),
        "count": ("int", SINGLE),
        "gpus": ("int", REPEATED),
    },
    "ParameterEntry": {
        "key": ("string", SINGLE),
        "value": ("ModelParameter", SINGLE),
    },
    "PriorityQueuePolicyEntry": {
        "key": ("uint", SINGLE),
        "value": ("ModelQueuePolicy", SINGLE),
    },
    "ModelParameter": {
        "string_value": ("string", SINGLE),
    },
    "ModelTransactionPolicy": {
        "decoupled": ("bool", SINGLE),
    },
}


class Ident(str):
    """An unquoted word: an enum value or a bool."""


class TextFormatError(ValueError):
    pass


TOKEN = re.compile(
    r'\s+|#[^\n]*|(?P<string>"(?:[^"\\\n]|\\.)*")|(?P<number>-?\d+(?:\.\d+)?)'
    r"|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[{}\[\]:,;])"
)


def tokenize(text):
    tokens, position = [], 0
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None:
            line = text.count("\n", 0, position) + 1
            raise TextFormatError(f"line {line}: unexpected {text[position:position + 20]!r}")
        position = match.end()
        kind = match.lastgroup
        if kind == "string":
            tokens.append(_unquote(match.group(kind)))
        elif kind == "number":
            number = match.group(kind)
            tokens.append(float(number) if "." in number else int(number))
        elif kind == "ident":
            tokens.append(Ident(match.group(kind)))
        elif kind == "punct":
            tokens.append(("punct", match.group(kind)))
    return tokens


def _unquote(literal):
    return bytes(literal[1:-1], "utf-8").decode("unicode_escape")


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.index = 0

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise TextFormatError("unexpected end of file")
        self.index += 1
        return token

    def expect(self, punct):
        token = self.take()
        if token != ("punct", punct):
            raise TextFormatError(f"expected {punct!r}, got {token!r}")

    def message(self, closing):
        fields = {}
        while self.peek() != closing:
            if closing is not None and self.peek() is None:
                raise TextFormatError(f"missing {closing[1]!r}")
            name = self.take()
            if not isinstance(name, Ident):
                raise TextFormatError(f"expected a field name, got {name!r}")
            fields.setdefault(str(name), []).extend(self.field_values())
            if self.peek() in (("punct", ","), ("punct", ";")):
                self.take()
        if closing is not None:
            self.take()
        return fields

    def field_values(self):
        colon = self.peek() == ("punct", ":")
        if colon:
            self.take()
        if self.peek() == ("punct", "["):
            self.take()
            return self.list_values(colon)
        if self.peek() == ("punct", "{"):
            self.take()
            return [self.message(("punct", "}"))]
        if not colon:
            raise TextFormatError(f"expected ':' or '{{' before {self.peek()!r}")
        return [self.scalar()]

    def list_values(self, colon):
        values = []
        while self.peek() != ("punct", "]"):
            if self.peek() == ("punct", "{"):
                self.take()
                values.append(self.message(("punct", "}")))
            elif colon:
                values.append(self.scalar())
            else:
                raise TextFormatError("a list of scalars needs ':' before '['")
            if self.peek() == ("punct", ","):
                self.take()
            elif self.peek() != ("punct", "]"):
                raise TextFormatError(f"expected ',' or ']', got {self.peek()!r}")
        self.take()
        return values

    def scalar(self):
        token = self.take()
        if isinstance(token, tuple):
            raise TextFormatError(f"expected a value, got {token[1]!r}")
        return token


def parse(text):
    return _Parser(tokenize(text)).message(None)


def validate(fields, type_name="ModelConfig", path=""):
    """Returns a list of problems; empty when every field is known and well typed."""
    problems = []
    schema = SCHEMA[type_name]
    for name, values in fields.items():
        where = f"{path}{name}"
        if name not in schema:
            problems.append(f"{where}: no such field in {type_name}")
            continue
        kind, repeated = schema[name]
        if not repeated and len(values) > 1:
            problems.append(f"{where}: set {len(values)} times but is not repeated")
        for value in values:
            problems.extend(_check_value(value, kind, where))
    return problems


def _check_value(value, kind, where):
    if isinstance(kind, set):
        ok = isinstance(value, Ident) and value in kind
        return [] if ok else [f"{where}: {value!r} is not one of {sorted(kind)}"]
    if kind in SCHEMA:
        if not isinstance(value, dict):
            return [f"{where}: expected a {kind} message"]
        return validate(value, kind, where + ".")
    checks = {
        "string": lambda v: isinstance(v, str) and not isinstance(v, Ident),
        "int": lambda v: isinstance(v, int),
        "uint": lambda v: isinstance(v, int) and v >= 0,
        "bool": lambda v: isinstance(v, Ident) and v in ("true", "false"),
    }
    return [] if checks[kind](value) else [f"{where}: {value!r} is not a {kind}"]


def load(path):
    """Parses and validates a config.pbtxt; raises TextFormatError listing every problem."""
    with open(path, encoding="utf-8") as source:
        fields = parse(source.read())
    problems = validate(fields)
    if problems:
        raise TextFormatError(f"{path}: " + "; ".join(problems))
    return fields


def single(fields, name):
    """The one value of a non-repeated field, or None when it is not set."""
    values = fields.get(name)
    return values[0] if values else None


def as_bool(value):
    return value == "true"
