#!/usr/bin/python3
"""Reports what PyTorch reads from checkpoint files written by @x/serialize (run by its tests).

  /usr/bin/python3 tools/check_serialize_files.py FILE...
  /usr/bin/python3 tools/check_serialize_files.py --small-cnn STATE_DICT INPUT

  /usr/bin/python3 tools/check_serialize_files.py --whole-model MODEL INPUT|-

The second form loads STATE_DICT (weights_only=True) into the small CNN of gen_serialize_fixtures.py
and prints {"logits": describe(model.eval()(input))} for the tensor saved in INPUT.

The third loads a whole model saved by @x (torch.save(model)) the only way PyTorch can, with
weights_only=False — its classes are imported, so __main__.SmallCNN and __main__.Model resolve to
this script's SmallCNN and Model — and prints {"repr": repr(model), "classes": {name: qualified class}
for every submodule, "training": {name: bool}, "logits": describe(model.eval()(input))} (logits null
for INPUT '-'; an INPUT file holding a list of tensors gives them as the forward's arguments).

Prints one JSON object: {"torch": version, "files": {FILE: {"weights_only": bool, "value": describe(...)}
| {"error": message}}}. Each file is loaded with torch.load(f, weights_only=True). PyTorch 1.13's
weights-only unpickler lacks the BINFLOAT opcode, so a file holding a Python float cannot load that
way there (PyTorch ≥ 2.0 reads it); such a file is loaded again with weights_only=False and reported
with "weights_only": false and the reason. Safetensors files (*.safetensors) are read with the
safetensors package when it is installed, else by this script's own small reader.
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_serialize_fixtures import Model, SmallCNN, describe  # noqa: E402,F401 (Model: __main__.Model)

ST_DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
             "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}


def load_safetensors(path):
    try:
        import safetensors.torch as st
    except ImportError:
        return read_safetensors(path)
    with st.safe_open(path, framework="pt") as f:
        meta = f.metadata()
    return {"tensors": st.load_file(path), "metadata": meta}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", None)
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        raw = bytearray(data[8 + n + b:8 + n + e])
        t = torch.frombuffer(raw, dtype=ST_DTYPES[info["dtype"]]) if raw else torch.zeros(0, dtype=ST_DTYPES[info["dtype"]])
        out[name] = t.reshape(info["shape"]).clone()
    return {"tensors": out, "metadata": meta}


def check(path):
    if path.endswith(".safetensors"):
        return {"value": describe(load_safetensors(path))}
    try:
        return {"weights_only": True, "value": describe(torch.load(path, weights_only=True))}
    except Exception as e:  # noqa: BLE001
        reason = str(e)
        if "Unsupported operand 71" not in reason:
            return {"error": reason}
    return {"weights_only": False, "reason": "PyTorch 1.13's weights_only unpickler has no BINFLOAT (Python floats)",
            "value": describe(torch.load(path, weights_only=False))}


def whole_model(path, input_path):
    model = torch.load(path, weights_only=False)
    classes = {name: f"{type(m).__module__}.{type(m).__name__}" for name, m in model.named_modules()}
    training = {name: m.training for name, m in model.named_modules()}
    text = repr(model)
    if input_path == "-":
        return {"repr": text, "classes": classes, "training": training, "logits": None}
    x = torch.load(input_path, weights_only=True)
    args = list(x) if isinstance(x, (list, tuple)) else [x]
    with torch.no_grad():
        logits = describe(model.eval()(*args))
    return {"repr": text, "classes": classes, "training": training, "logits": logits}


def main():
    if sys.argv[1:2] == ["--whole-model"]:
        print(json.dumps(whole_model(sys.argv[2], sys.argv[3])))
        return
    if sys.argv[1:2] == ["--small-cnn"]:
        model = SmallCNN()
        model.load_state_dict(torch.load(sys.argv[2], weights_only=True))
        x = torch.load(sys.argv[3], weights_only=True)
        with torch.no_grad():
            print(json.dumps({"logits": describe(model.eval()(x))}))
        return
    print(json.dumps({"torch": torch.__version__, "files": {p: check(p) for p in sys.argv[1:]}}))


if __name__ == "__main__":
    main()
