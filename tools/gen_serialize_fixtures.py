#!/usr/bin/python3
"""Generate packages/serialize/test/fixtures/: checkpoints written by real PyTorch (1.13), and
expected.json describing what each holds.

Run with Debian's python3-torch and python3-torchvision:  /usr/bin/python3 tools/gen_serialize_fixtures.py
Add --full-resnet to also write resnet18_full.pth (45 MB, not committed; its test runs when present).

Deterministic (torch.manual_seed). Fixtures:
  small_cnn.pth         state_dict of a small CNN (conv, batch norm, linear), with _metadata
  resnet18_subset.pth   a subset of torchvision resnet18(num_classes=10)'s state_dict (the committed
                        files stay small); resnet18_full.pth is the whole one, on demand
  optimizer.pth         an Adam state_dict after two steps (int-keyed state, tuples, floats, None)
  dtypes.pth            tensors of every dtype @x has, with special values, 0-dim and empty ones
  views.pth             views of one storage with offsets and strides, and a second storage
  nested.pth            nested containers, ints past 2**53, floats, strings, bytes, sets, dtypes, ...
  parameters.pth        nn.Parameters and a tensor that requires grad
  legacy.pth            the pre-1.6 format (_use_new_zipfile_serialization=False) with shared views
  deflated.pth          a checkpoint re-zipped with deflate compression (ordinary zip tools do this)
  malicious.pth         a checkpoint whose pickle calls os.system (loading must refuse it)
  whole_model.pth       torch.save(model) of an nn.Linear: a pickled class, refused unless @x/nn's module
                        codec is installed (then rebuilt as an nn.Linear)
  whole_sequential.pth  torch.save of nn.Sequential(Conv2d(1,6,5), ReLU, MaxPool2d(2), Flatten, Linear(96,10))
  whole_resnet.pth      torch.save of torchvision resnet18(num_classes=10) with every width divided by 16
                        (classes torchvision.models.resnet.ResNet/BasicBlock; the committed file stays small)
  dp_small_cnn.pth      nn.DataParallel(small CNN).state_dict(): every key prefixed with 'module.'
  whole_data_parallel.pth  torch.save of nn.DataParallel(nn.Linear(2, 2)): a class @x has no counterpart for
  whole_small_cnn.pth   torch.save of the small CNN of small_cnn.pth: a __main__.SmallCNN, which loads only
                        where a SmallCNN class is registered under that name
  whole_seed_model.pth  torch.save of the seed tutorial's Model(net) wrapper (a __main__.Model whose
                        constructor takes the network it wraps; here a small one with 1000 outputs)
  torchscript.pt        torch.jit.save of a scripted nn.Linear: not a torch.save checkpoint
  reference.safetensors tensors of every dtype and metadata, written by the safetensors package (when
                        importable: Debian has no package for it; a wheel installed with
                        `pip install --target DIR safetensors` and PYTHONPATH=DIR does)

expected.json's "models" holds an input and the eval-mode logits of the small CNN of small_cnn.pth (and
whole_small_cnn.pth), of whole_sequential.pth, of whole_resnet.pth and (inputs x and add_variable) of
whole_seed_model.pth.
expected.json's "files" maps each file name to describe(torch.load(file)) — the canonical encoding below, which
tools/check_serialize_files.py also uses to report what PyTorch reads from files written by @x:
  None/bool/str as JSON; int → {"$int": "digits"}; float → {"$float": x | "nan" | "inf" | "-inf"};
  bytes → {"$bytes": hex}; list → [...]; tuple → {"$tuple": [...]}; set → {"$set": [...]};
  dict → {"$dict": [[k, v], ...], "ordered": bool[, "metadata": ...]}; torch.dtype → {"$dtype": name};
  torch.device → {"$device": str}; torch.Size → {"$size": [...]};
  tensor → {"$tensor": {dtype, shape, stride, offset, requires_grad, parameter, storage (index of its
  storage in order of first appearance), storage_numel, sha256 (of the contiguous bytes),
  values (row-major, when numel <= 256; int64 as strings, floats encoded as above)}}.
"""
import collections
import hashlib
import io
import json
import os
import pickle
import sys
import zipfile

import torch
import torch.nn as nn
import fixture_io

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "packages", "serialize", "test", "fixtures")

# @x's dtypes, and two it cannot load (the files that show the error name them).
DTYPE_NAMES = {**fixture_io.DTYPE_NAMES, torch.int8: "int8", torch.int16: "int16"}


def enc_float(x):
    if x != x:
        return {"$float": "nan"}
    if x in (float("inf"), float("-inf")):
        return {"$float": "inf" if x > 0 else "-inf"}
    return {"$float": x}


def tensor_bytes(t):
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().tobytes()


class Describer:
    """Encodes a loaded object; numbers storages in order of first appearance."""

    def __init__(self):
        self.storages = {}

    def storage_index(self, t):
        # Empty storages may share an address (with each other or a neighbour) without being shared.
        ptr = t.storage().data_ptr() if t.storage().size() > 0 else ("empty", id(t))
        if ptr not in self.storages:
            self.storages[ptr] = len(self.storages)
        return self.storages[ptr]

    def tensor(self, t):
        out = {
            "dtype": DTYPE_NAMES[t.dtype],
            "shape": list(t.shape),
            "stride": list(t.stride()),
            "offset": t.storage_offset(),
            "requires_grad": t.requires_grad,
            "parameter": isinstance(t, nn.Parameter),
            "storage": self.storage_index(t),
            "storage_numel": t.storage().size(),
            "sha256": hashlib.sha256(tensor_bytes(t)).hexdigest(),
        }
        if t.numel() <= 256:
            flat = t.detach().contiguous().reshape(-1)
            if t.dtype in (torch.float16, torch.bfloat16, torch.float32, torch.float64):
                out["values"] = [enc_float(v) for v in flat.double().tolist()]
            elif t.dtype == torch.int64:
                out["values"] = [str(v) for v in flat.tolist()]
            else:
                out["values"] = flat.tolist()
        return {"$tensor": out}

    def __call__(self, x):
        if x is None or isinstance(x, (bool, str)):
            return x
        if isinstance(x, int):
            return {"$int": str(x)}
        if isinstance(x, float):
            return enc_float(x)
        if isinstance(x, (bytes, bytearray)):
            return {"$bytes": bytes(x).hex()}
        if isinstance(x, torch.Tensor):
            return self.tensor(x)
        if isinstance(x, torch.Size):
            return {"$size": list(x)}
        if isinstance(x, torch.dtype):
            return {"$dtype": DTYPE_NAMES.get(x, str(x).replace("torch.", ""))}
        if isinstance(x, torch.device):
            return {"$device": str(x)}
        if isinstance(x, tuple):
            return {"$tuple": [self(v) for v in x]}
        if isinstance(x, list):
            return [self(v) for v in x]
        if isinstance(x, (set, frozenset)):
            return {"$set": [self(v) for v in sorted(x, key=repr)]}
        if isinstance(x, dict):
            out = {"$dict": [[self(k), self(v)] for k, v in x.items()], "ordered": isinstance(x, collections.OrderedDict)}
            meta = getattr(x, "_metadata", None)
            if meta is not None:
                out["metadata"] = self(meta)
            return out
        raise TypeError(f"cannot describe {type(x)}")


def describe(x):
    return Describer()(x)


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 8, 3, stride=2)
        self.fc = nn.Linear(8 * 3 * 3, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.conv2(x))
        return self.fc(x.flatten(1))


def small_cnn_model():
    torch.manual_seed(0)
    m = SmallCNN()
    m.train()
    m(torch.randn(4, 1, 8, 8))  # running stats and num_batches_tracked move off their defaults
    return m


def small_cnn():
    return small_cnn_model().state_dict()


def small_cnn_logits():
    """An input and the eval-mode logits of the small CNN whose state_dict is small_cnn.pth."""
    m = small_cnn_model().eval()
    torch.manual_seed(1)
    x = torch.randn(2, 1, 8, 8)
    with torch.no_grad():
        return {"input": describe(x), "logits": describe(m(x))}


class Model(nn.Module):
    """The seed's "add an input" wrapper (its section on modifying models): the wrapped net's 1000
    outputs, through ReLU and dropout, joined with one extra input per sample, then Linear and Softmax."""

    def __init__(self, net):
        super(Model, self).__init__()
        self.net = net
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(0.5)
        self.fc_add = nn.Linear(1001, 10, bias=True)
        self.output = nn.Softmax(dim=1)

    def forward(self, x, add_variable):
        x = self.net(x)
        x = torch.cat((self.dropout(self.relu(x)), add_variable.unsqueeze(1)), 1)
        x = self.fc_add(x)
        x = self.output(x)
        return x


def seed_model():
    """Model(net) with a small net of 1000 outputs in place of the seed's resnet50 (the file stays small)."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 1, 3), nn.ReLU(), nn.Flatten(), nn.Linear(16, 1000))
    return Model(net)


def seed_model_logits():
    m = seed_model().eval()
    torch.manual_seed(1)
    x = torch.randn(2, 1, 6, 6)
    add_variable = torch.randn(2)
    with torch.no_grad():
        y = m(x, add_variable)
    out = {"input": describe(x), "add_variable": describe(add_variable), "logits": describe(y)}
    for key, t in (("input", x), ("add_variable", add_variable), ("logits", y)):
        out[key]["$tensor"]["values"] = [enc_float(v) for v in t.reshape(-1).double().tolist()]
    return out


RESNET_SUBSET = ["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
                 "layer1.0.conv1.weight", "layer1.0.bn1.weight", "layer1.0.bn1.running_var", "layer4.1.bn2.bias", "fc.weight", "fc.bias"]


def resnet18_state():
    import torchvision
    torch.manual_seed(0)
    return torchvision.models.resnet18(num_classes=10).state_dict()


def resnet18_subset():
    sd = resnet18_state()
    out = collections.OrderedDict((k, sd[k]) for k in RESNET_SUBSET)
    out._metadata = collections.OrderedDict((k, v) for k, v in sd._metadata.items() if k in ("", "conv1", "bn1", "layer1.0.conv1", "fc"))
    return out


def optimizer_state():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), weight_decay=0)
    for _ in range(2):
        opt.zero_grad()
        model(torch.randn(5, 3)).pow(2).mean().backward()
        opt.step()
    return opt.state_dict()


def dtypes():
    f = [0.0, -0.0, 1.5, -2.25, float("inf"), float("-inf"), float("nan"), 3.0e-5, 65504.0, 1e-8]
    return {
        "float32": torch.tensor(f, dtype=torch.float32),
        "float64": torch.tensor(f + [1e300, 5e-324], dtype=torch.float64),
        "float16": torch.tensor(f, dtype=torch.float16),
        "bfloat16": torch.tensor(f + [3.0e38], dtype=torch.bfloat16),
        "int64": torch.tensor([0, 1, -1, 2**53 + 1, -(2**63), 2**63 - 1], dtype=torch.int64),
        "int32": torch.tensor([0, 1, -1, 2**31 - 1, -(2**31)], dtype=torch.int32),
        "uint8": torch.tensor([0, 1, 127, 128, 255], dtype=torch.uint8),
        "bool": torch.tensor([[True, False], [False, True]]),
        "scalar": torch.tensor(3.5),
        "scalar_int": torch.tensor(7),
        "empty": torch.zeros(0, 3),
        "matrix": torch.arange(12, dtype=torch.float32).reshape(3, 4),
    }


def views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    other = torch.arange(5, dtype=torch.int64) * 10
    return collections.OrderedDict([
        ("base", base),
        ("row", base[1]),
        ("column", base[:, 2]),
        ("transposed", base.t()),
        ("block", base[1:3, 2:5]),
        ("stepped", base[::2, ::3]),
        ("tail", base.view(-1)[20:]),
        ("other_tail", other[2:]),
        ("other", other),
        ("expanded", base[0, :2].unsqueeze(0).expand(3, 2)),
    ])


def nested():
    t = torch.tensor([1.0, 2.0])
    od = collections.OrderedDict([("z", 1), ("a", 2)])
    return {
        "list": [1, 2.5, "a", None, True, False],
        "tuple": (1, (2, 3), []),
        "dict": {"a": {"b": [t]}},
        "int_keys": {1: "one", 2: "two"},
        "index_like_keys": {"b": 1, "0": 2},
        "big": 2**70,
        "neg_big": -(2**70),
        "neg": -2**40,
        "whole_float": 1.0,
        "float": 0.1,
        "neg_zero": -0.0,
        "nan": float("nan"),
        "unicode": "héllo ✓ 😀",
        "empty_list": [],
        "empty_dict": {},
        "empty_str": "",
        "ordered": od,
        "bytes": b"\x00\x01abc\xff",
        "set": {3, 1, 2},
        "same_tensor_twice": [t, t],
        "dtype": torch.float16,
        "device": torch.device("cpu"),
        "size": torch.Size([2, 3]),
    }


def parameters():
    torch.manual_seed(1)
    return collections.OrderedDict([
        ("weight", nn.Parameter(torch.randn(2, 3))),
        ("frozen", nn.Parameter(torch.randn(3), requires_grad=False)),
        ("grad_tensor", torch.randn(2).requires_grad_()),
        ("plain", torch.randn(2)),
    ])


def legacy():
    base = torch.arange(10, dtype=torch.float64)
    return {"base": base, "view": base[3:7], "half": torch.tensor([1.0, -2.0], dtype=torch.float16), "n": 3, "f": 0.5, "s": "x"}


class Exploit:
    def __reduce__(self):
        return (os.system, ("echo pwned > /tmp/x-serialize-pwned",))


def write_malicious(path):
    # What torch.save writes for a dict holding a tensor, but with an object whose unpickling runs os.system.
    buf = io.BytesIO()
    torch.save({"weight": torch.ones(2), "payload": Exploit()}, buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def write_whole_model(path):
    torch.manual_seed(0)
    torch.save(nn.Linear(2, 2), path)


def whole_sequential_model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(6 * 4 * 4, 10))


def whole_resnet_model():
    """torchvision's resnet18(num_classes=10), every Conv2d/BatchNorm2d/Linear width divided by 16
    (64 → 4 … 512 → 32): the same classes and forward, 1/256 of the parameters."""
    import torchvision
    torch.manual_seed(0)
    m = torchvision.models.resnet18(num_classes=10)

    def narrow(n):
        return n if n == 3 else n // 16

    def shrink(mod):
        for name, child in mod.named_children():
            if isinstance(child, nn.Conv2d):
                setattr(mod, name, nn.Conv2d(narrow(child.in_channels), narrow(child.out_channels), child.kernel_size,
                                             child.stride, child.padding, bias=child.bias is not None))
            elif isinstance(child, nn.BatchNorm2d):
                setattr(mod, name, nn.BatchNorm2d(narrow(child.num_features)))
            elif isinstance(child, nn.Linear):
                setattr(mod, name, nn.Linear(narrow(child.in_features), child.out_features))
            else:
                shrink(child)

    shrink(m)
    m.train()
    m(torch.randn(4, 3, 32, 32))  # batch-norm running statistics move off their defaults
    return m


def model_logits(model, *shape, seed=1):
    """An input and the model's eval-mode logits, both with every value (describe() stops at 256)."""
    model.eval()
    torch.manual_seed(seed)
    x = torch.randn(*shape)
    with torch.no_grad():
        y = model(x)
    out = {"input": describe(x), "logits": describe(y)}
    for key, t in (("input", x), ("logits", y)):
        out[key]["$tensor"]["values"] = [enc_float(v) for v in t.reshape(-1).double().tolist()]
    return out


def write_torchscript(path):
    torch.manual_seed(0)
    torch.jit.save(torch.jit.script(nn.Linear(2, 2)), path)


def write_deflated(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}

    def put(name, obj, **kw):
        path = os.path.join(OUT, name)
        torch.save(obj, path, **kw)
        expected[name] = describe(torch.load(path))

    put("small_cnn.pth", small_cnn())
    put("resnet18_subset.pth", resnet18_subset())
    put("optimizer.pth", optimizer_state())
    put("dtypes.pth", dtypes())
    put("views.pth", views())
    put("nested.pth", nested())
    put("parameters.pth", parameters())
    put("legacy.pth", legacy(), _use_new_zipfile_serialization=False)
    write_deflated(os.path.join(OUT, "small_cnn.pth"), os.path.join(OUT, "deflated.pth"))
    expected["deflated.pth"] = describe(torch.load(os.path.join(OUT, "deflated.pth")))
    write_malicious(os.path.join(OUT, "malicious.pth"))
    write_whole_model(os.path.join(OUT, "whole_model.pth"))
    write_torchscript(os.path.join(OUT, "torchscript.pt"))
    torch.save(whole_sequential_model(), os.path.join(OUT, "whole_sequential.pth"))
    torch.save(whole_resnet_model(), os.path.join(OUT, "whole_resnet.pth"))
    torch.save(small_cnn_model(), os.path.join(OUT, "whole_small_cnn.pth"))
    torch.save(seed_model(), os.path.join(OUT, "whole_seed_model.pth"))
    torch.manual_seed(0)
    torch.save(nn.DataParallel(nn.Linear(2, 2)), os.path.join(OUT, "whole_data_parallel.pth"))
    put("dp_small_cnn.pth", nn.DataParallel(small_cnn_model()).state_dict())
    try:
        import safetensors.torch as st
    except ImportError:
        print("safetensors is not importable: reference.safetensors and its expectation are left as they are")
        old = os.path.join(OUT, "expected.json")
        if os.path.exists(old):
            with open(old) as f:
                kept = json.load(f)["files"].get("reference.safetensors")
            if kept is not None:
                expected["reference.safetensors"] = kept
    else:
        path = os.path.join(OUT, "reference.safetensors")
        tensors = {k: v for k, v in dtypes().items()}
        tensors["conv.weight"] = small_cnn()["conv1.weight"]
        st.save_file(tensors, path, metadata={"format": "pt", "source": "gen_serialize_fixtures.py"})
        os.chmod(path, 0o644)
        with st.safe_open(path, framework="pt") as f:
            meta = f.metadata()
        expected["reference.safetensors"] = describe({"tensors": st.load_file(path), "metadata": meta})
    if "--full-resnet" in sys.argv:
        full = os.path.join(OUT, "resnet18_full.pth")
        torch.save(resnet18_state(), full)
        with open(os.path.join(OUT, "resnet18_full.expected.json"), "w") as f:
            json.dump(describe(torch.load(full)), f)

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "files": expected, "models": {
            "small_cnn": small_cnn_logits(),
            "whole_sequential": model_logits(whole_sequential_model(), 2, 1, 12, 12),
            "whole_resnet": model_logits(whole_resnet_model(), 1, 3, 16, 16),
            "whole_seed_model": seed_model_logits(),
        }}, f, separators=(",", ":"))
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT) if not n.startswith("resnet18_full"))
    print(f"wrote {len(expected) + 1} fixtures to {OUT} ({total / 1e6:.2f} MB committed)")


if __name__ == "__main__":
    main()
