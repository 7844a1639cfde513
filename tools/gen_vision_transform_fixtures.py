#!/usr/bin/python3
"""Generate packages/vision/test/fixtures/transforms.json: torchvision 0.14's transforms on the tensor
path, by real torchvision (Debian's python3-torchvision).

Run:  /usr/bin/python3 tools/gen_vision_transform_fixtures.py

Deterministic: fixed small images (uint8 and float, single and batched) drawn under manual_seed(0).
Sections:
  images:     { <key>: tensor } the inputs
  functional: { name, fn (torchvision.transforms.functional name, camelCase), image (key), args,
                kwargs (camelCase; InterpolationMode as its string value), output (tensor or list of tensors),
                atol? (for float outputs that torchvision computes through float32 least squares: perspective's
                coefficients carry its ~1e-7 rounding; the points avoid pixel centres that land on a rounding tie) }
  reprs:      { ctor, args, kwargs, repr }            str() of a transform built with those arguments
  errors:     { fn | ctor, image?, args, kwargs, error } str() of the exception torchvision raises
"""
import json
import os
import re
import warnings

import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode as IM
from fixture_io import enc_number, enc_tensor

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "vision", "test", "fixtures", "transforms.json")


def camel(name):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def enc(v):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v)
    if isinstance(v, IM):
        return v.value
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, float):
        return enc_number(v)
    return v


IMAGES = {
    "u8": torch.randint(0, 256, (3, 7, 9), dtype=torch.uint8),
    "f32": torch.rand(3, 7, 9),
    "u8batch": torch.randint(0, 256, (2, 3, 6, 5), dtype=torch.uint8),
    "f32batch": torch.rand(2, 1, 8, 6),
    "f64": torch.rand(1, 5, 6, dtype=torch.float64),
    "gray2d": torch.randint(0, 256, (6, 7), dtype=torch.uint8),
}

FUNCTIONAL = []
REPRS = []
ERRORS = []


def fcase(name, fn, image, args=(), kwargs=None, atol=None):
    kwargs = kwargs or {}
    out = getattr(F, fn)(IMAGES[image].clone(), *args, **kwargs)
    FUNCTIONAL.append({**({"atol": atol} if atol is not None else {}),
        "name": name, "fn": camel(fn), "image": image, "args": enc(list(args)),
        "kwargs": {camel(k): enc(v) for k, v in kwargs.items()},
        "output": [enc_tensor(o) for o in out] if isinstance(out, (list, tuple)) else enc_tensor(out),
    })


def ferror(fn, image, args=(), kwargs=None):
    kwargs = kwargs or {}
    try:
        getattr(F, fn)(IMAGES[image].clone() if image else None, *args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        ERRORS.append({"fn": camel(fn), "image": image, "args": enc(list(args)), "kwargs": {camel(k): enc(v) for k, v in kwargs.items()}, "error": str(e)})
        return
    raise AssertionError(f"{fn} did not fail")


# ---------------------------------------------------------------- geometry: affine, rotate, perspective

for img in ("u8", "f32", "u8batch", "f32batch", "f64"):
    for interp in (IM.NEAREST, IM.BILINEAR):
        fcase(f"rotate 33 {interp.value} {img}", "rotate", img, [33.0], {"interpolation": interp})
        fcase(f"affine {interp.value} {img}", "affine", img, [], {"angle": -21.0, "translate": [1, -2], "scale": 1.15, "shear": [7.0, -4.0], "interpolation": interp})
        fcase(f"perspective {interp.value} {img}", "perspective", img, [[[0, 0], [4, 0], [4, 5], [0, 5]], [[0, 0], [3, 0], [4, 4], [1, 4]]], {"interpolation": interp}, atol=1e-5)
fcase("rotate expand u8", "rotate", "u8", [40.0], {"expand": True})
fcase("rotate expand bilinear fill f32", "rotate", "f32", [-75.0], {"expand": True, "interpolation": IM.BILINEAR, "fill": [0.2, 0.5, 0.9]})
fcase("rotate center fill u8", "rotate", "u8", [90.0], {"center": [2, 1], "fill": 255})
fcase("rotate bilinear fill 0 u8", "rotate", "u8", [15.0], {"interpolation": IM.BILINEAR, "fill": 0})
fcase("affine shear number fill list u8", "affine", "u8", [], {"angle": 10.0, "translate": [0, 0], "scale": 0.8, "shear": 12.0, "fill": [10, 20, 30]})
fcase("affine center bilinear fill f32batch", "affine", "f32batch", [], {"angle": 30.0, "translate": [2, 1], "scale": 1.0, "shear": [0.0, 0.0], "interpolation": IM.BILINEAR, "fill": 0.5, "center": [1, 2]})
fcase("affine shear one-element list u8", "affine", "u8", [], {"angle": 0.0, "translate": [0, 0], "scale": 1.0, "shear": [15.0]})
fcase("perspective fill u8batch", "perspective", "u8batch", [[[0, 0], [4, 0], [4, 5], [0, 5]], [[1, 0], [4, 0], [3, 4], [1, 5]]], {"fill": [50, 100, 150]}, atol=1e-5)

with open(OUT, "w") as f:
    json.dump({"images": {k: enc_tensor(v) for k, v in IMAGES.items()}, "functional": FUNCTIONAL, "reprs": REPRS, "errors": ERRORS}, f)
    f.write("\n")
print(f"wrote {OUT}: {len(FUNCTIONAL)} functional cases, {len(REPRS)} reprs, {len(ERRORS)} errors")
