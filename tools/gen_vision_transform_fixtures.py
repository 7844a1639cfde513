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
  dims:       { <key>: { dimensions, size, channels } } get_dimensions, get_image_size, get_image_num_channels
  params:     { <transform>: { n, mean, std, min, max } } per-component statistics of n get_params draws
"""
import json
import os
import warnings

import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode as IM
from fixture_io import camel, enc_arg, enc_tensor

warnings.filterwarnings("ignore")
torch.manual_seed(0)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "vision", "test", "fixtures", "transforms.json")


def enc(v):
    return enc_arg(v, lambda x: x.value if isinstance(x, IM) else x)


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

# ---------------------------------------------------------------- resize, crops, pad, flips

for img in ("u8", "f32", "u8batch", "f32batch", "f64"):
    for interp in (IM.NEAREST, IM.BILINEAR, IM.BICUBIC):
        fcase(f"resize [5, 11] {interp.value} {img}", "resize", img, [[5, 11]], {"interpolation": interp})
        fcase(f"resize 4 {interp.value} {img}", "resize", img, [4], {"interpolation": interp})
    for interp in (IM.BILINEAR, IM.BICUBIC):
        fcase(f"resize antialias [3, 4] {interp.value} {img}", "resize", img, [[3, 4]], {"interpolation": interp, "antialias": True})
        fcase(f"resize antialias up [9, 10] {interp.value} {img}", "resize", img, [[9, 10]], {"interpolation": interp, "antialias": True})
    fcase(f"hflip {img}", "hflip", img)
    fcase(f"vflip {img}", "vflip", img)
    fcase(f"crop inside {img}", "crop", img, [1, 2, 3, 2])
    fcase(f"crop outside {img}", "crop", img, [-2, 3, 9, 4])
    fcase(f"center_crop smaller {img}", "center_crop", img, [[2, 3]])
    fcase(f"center_crop bigger {img}", "center_crop", img, [[10, 8]])
    fcase(f"center_crop int {img}", "center_crop", img, [3])
    fcase(f"resized_crop {img}", "resized_crop", img, [1, 1, 4, 3, [6, 5]])
    fcase(f"five_crop {img}", "five_crop", img, [[3, 2]])
    fcase(f"ten_crop {img}", "ten_crop", img, [3])
    fcase(f"ten_crop vertical {img}", "ten_crop", img, [[2, 3]], {"vertical_flip": True})
    for mode in ("constant", "edge", "reflect", "symmetric"):
        fcase(f"pad [1, 2, 3, 2] {mode} {img}", "pad", img, [[1, 2, 3, 2]], {"padding_mode": mode})
    fcase(f"pad 2 fill 7 {img}", "pad", img, [2], {"fill": 7})
    fcase(f"pad [2, 1] symmetric negative {img}", "pad", img, [[2, -1]], {"padding_mode": "symmetric"})
fcase("resize max_size u8", "resize", "u8", [5], {"max_size": 6})
fcase("resize same size f32", "resize", "f32", [[7, 9]])
fcase("resize bicubic up u8 clamps", "resize", "u8", [[14, 18]], {"interpolation": IM.BICUBIC})
fcase("resized_crop antialias bicubic u8", "resized_crop", "u8", [0, 1, 6, 7, [3, 3]], {"interpolation": IM.BICUBIC, "antialias": True})
fcase("crop fully outside u8", "crop", "u8", [8, 10, 2, 2])

# ---------------------------------------------------------------- conversions

fcase("convert_image_dtype u8 to float32", "convert_image_dtype", "u8", [torch.float32])
fcase("convert_image_dtype f32 to uint8", "convert_image_dtype", "f32", [torch.uint8])
fcase("convert_image_dtype f64 to uint8", "convert_image_dtype", "f64", [torch.uint8])
fcase("convert_image_dtype u8 to int32", "convert_image_dtype", "u8", [torch.int32])
fcase("convert_image_dtype f32 to float64", "convert_image_dtype", "f32", [torch.float64])
fcase("normalize f32", "normalize", "f32", [[0.485, 0.456, 0.406], [0.229, 0.224, 0.225]])
fcase("normalize f32batch one channel", "normalize", "f32batch", [[0.5], [0.25]])
fcase("normalize f64", "normalize", "f64", [[0.1], [0.3]])
HWC = torch.randint(0, 256, (4, 5, 3), dtype=torch.uint8)
IMAGES["hwc"] = HWC
HWC_GRAY = torch.randint(0, 256, (3, 2, 1), dtype=torch.uint8)
IMAGES["hwcGray"] = HWC_GRAY
for key in ("hwc", "hwcGray"):
    arr = IMAGES[key].numpy()
    FUNCTIONAL.append({"name": f"to_tensor {key}", "fn": "toTensor", "image": key, "args": [], "kwargs": {}, "output": enc_tensor(F.to_tensor(arr))})
    FUNCTIONAL.append({"name": f"pil_to_tensor {key}", "fn": "pilToTensor", "image": key, "args": [], "kwargs": {}, "output": enc_tensor(torch.from_numpy(arr).permute(2, 0, 1).contiguous())})

DIMS = {k: {"dimensions": F.get_dimensions(v), "size": F.get_image_size(v), "channels": F.get_image_num_channels(v)} for k, v in IMAGES.items() if k not in ("hwc", "hwcGray")}

# ---------------------------------------------------------------- reprs


def rcase(ctor, args=(), kwargs=None):
    kwargs = kwargs or {}
    t = getattr(T, ctor)(*args, **kwargs)
    REPRS.append({"ctor": ctor, "args": enc(list(args)), "kwargs": {camel(k): enc(v) for k, v in kwargs.items()}, "repr": str(t)})


rcase("ToTensor")
rcase("PILToTensor")
rcase("ConvertImageDtype", [torch.float32])
rcase("Normalize", [[0.485, 0.456, 0.406], [0.229, 0.224, 0.225]])
rcase("Normalize", [[0.5, 1.0], [0.25, 2.0]], {"inplace": True})
rcase("Resize", [32])
rcase("Resize", [[24, 32]], {"interpolation": IM.BICUBIC, "antialias": True})
rcase("Resize", [[30]], {"interpolation": IM.NEAREST, "max_size": 40, "antialias": False})
rcase("CenterCrop", [10])
rcase("CenterCrop", [[10, 12]])
rcase("CenterCrop", [[7]])
rcase("Pad", [2])
rcase("Pad", [[1, 2]], {"fill": 5, "padding_mode": "reflect"})
rcase("RandomCrop", [32])
rcase("RandomCrop", [[28, 30]], {"padding": 4, "pad_if_needed": True})
rcase("RandomCrop", [16], {"padding": [1, 2, 3, 4]})
rcase("RandomResizedCrop", [224])
rcase("RandomResizedCrop", [[32, 48]], {"scale": [0.5, 0.9], "ratio": [0.6, 1.7], "interpolation": IM.BICUBIC, "antialias": True})
rcase("FiveCrop", [24])
rcase("FiveCrop", [[24, 20]])
rcase("TenCrop", [24])
rcase("TenCrop", [[24, 20]], {"vertical_flip": True})
rcase("RandomHorizontalFlip")
rcase("RandomHorizontalFlip", [0.25])
rcase("RandomVerticalFlip", [0.75])
rcase("RandomRotation", [30])
rcase("RandomRotation", [[-10, 45.5]], {"interpolation": IM.BILINEAR, "expand": True, "center": [3, 4], "fill": [1, 2, 3]})
rcase("RandomAffine", [15])
rcase("RandomAffine", [[-5, 10]], {"translate": [0.1, 0.2], "scale": [0.8, 1.25], "shear": 7, "interpolation": IM.BILINEAR, "fill": 3, "center": [1, 2]})
rcase("RandomAffine", [0], {"shear": [-5, 5, -2, 2]})
rcase("RandomPerspective")
rcase("RandomPerspective", [], {"distortion_scale": 0.6, "p": 1.0})
# Container reprs: the children print as above, so the same transforms are built on the @x side.
for ctor, extra in (("Compose", {}), ("RandomApply", {"p": 0.3}), ("RandomOrder", {}), ("RandomChoice", {"p": [0.25, 0.75]}), ("RandomChoice", {})):
    if ctor == "RandomOrder" or (ctor == "RandomChoice" and not extra):
        t = getattr(T, ctor)([T.Resize(32), T.RandomHorizontalFlip(0.25)])
    else:
        t = getattr(T, ctor)([T.Resize(32), T.RandomHorizontalFlip(0.25)], **extra)
    REPRS.append({"ctor": ctor, "args": [[{"ctor": "Resize", "args": [32]}, {"ctor": "RandomHorizontalFlip", "args": [0.25]}]], "kwargs": {camel(k): enc(v) for k, v in extra.items()}, "repr": str(t)})

# ---------------------------------------------------------------- errors

ferror("pad", "u8", [[1, 2, 3]])
ferror("pad", "u8", [1], {"padding_mode": "wrap"})
ferror("resize", "u8", [[1, 2, 3]])
ferror("resize", "u8", [[4, 5]], {"max_size": 8})
ferror("resize", "u8", [4], {"max_size": 4})
ferror("resize", "u8", [[3, 4]], {"interpolation": IM.NEAREST, "antialias": True})
ferror("five_crop", "u8", [[8, 4]])
ferror("rotate", "u8", [10.0], {"fill": [1, 2]})
ferror("rotate", "u8", [10.0], {"interpolation": IM.BICUBIC})
ferror("affine", "u8", [], {"angle": 1.0, "translate": [1], "scale": 1.0, "shear": 0.0})
ferror("affine", "u8", [], {"angle": 1.0, "translate": [1, 1], "scale": -1.0, "shear": 0.0})
ferror("affine", "u8", [], {"angle": 1.0, "translate": [1, 1], "scale": 1.0, "shear": [1, 2, 3]})
ferror("normalize", "u8", [[0.5], [0.5]])
ferror("normalize", "f32", [[0.5], [0.0]])
ferror("convert_image_dtype", "f32", [torch.int32])


def cerror(ctor, args=(), kwargs=None):
    kwargs = kwargs or {}
    try:
        getattr(T, ctor)(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        ERRORS.append({"ctor": ctor, "image": None, "args": enc(list(args)), "kwargs": {camel(k): enc(v) for k, v in kwargs.items()}, "error": str(e)})
        return
    raise AssertionError(f"{ctor} did not fail")


cerror("Resize", [[1, 2, 3]])
cerror("Pad", [[1, 2, 3]])
cerror("Pad", [1], {"padding_mode": "wrap"})
cerror("CenterCrop", [[1, 2, 3]])
cerror("RandomRotation", [-5])
cerror("RandomRotation", [[1, 2, 3]])
cerror("RandomRotation", [5], {"center": [1]})
cerror("RandomAffine", [5], {"translate": [0.5, 1.5]})
cerror("RandomAffine", [5], {"scale": [0.0, 1.0]})
cerror("RandomAffine", [5], {"shear": [1, 2, 3]})
cerror("RandomAffine", [5], {"translate": [0.5]})

# ---------------------------------------------------------------- parameter distributions
# N draws of each get_params under manual_seed(0): per component mean, std, min, max. The @x draws come
# from a different generator (Philox, not the Mersenne Twister of PyTorch's CPU generator), so the tests
# compare distributions, not draws.

N = 4000
torch.manual_seed(0)


def stats(rows):
    t = torch.tensor(rows, dtype=torch.float64)
    return {"n": len(rows), "mean": t.mean(0).tolist(), "std": t.std(0).tolist(), "min": t.min(0).values.tolist(), "max": t.max(0).values.tolist()}


probe = torch.zeros(3, 10, 12)
wide = torch.zeros(3, 20, 50)
PARAMS = {
    "RandomCrop": stats([list(T.RandomCrop.get_params(probe, (4, 5))) for _ in range(N)]),
    "RandomResizedCrop": stats([list(T.RandomResizedCrop.get_params(probe, [0.08, 1.0], [3 / 4, 4 / 3])) for _ in range(N)]),
    "RandomResizedCrop wide": stats([list(T.RandomResizedCrop.get_params(wide, [0.5, 1.0], [0.9, 1.1])) for _ in range(N)]),
    "RandomRotation": stats([[T.RandomRotation.get_params([-30.0, 45.0])] for _ in range(N)]),
    "RandomAffine": stats([[a, t[0], t[1], s, sh[0], sh[1]] for a, t, s, sh in (T.RandomAffine.get_params([-10.0, 20.0], [0.1, 0.2], [0.8, 1.2], [-5.0, 5.0, -3.0, 3.0], [40, 30]) for _ in range(N))]),
    "RandomPerspective": stats([sum(T.RandomPerspective.get_params(40, 30, 0.5)[1], []) for _ in range(N)]),
}

with open(OUT, "w") as f:
    json.dump({"images": {k: enc_tensor(v) for k, v in IMAGES.items()}, "dims": DIMS, "functional": FUNCTIONAL, "reprs": REPRS, "errors": ERRORS, "params": PARAMS}, f)
    f.write("\n")
print(f"wrote {OUT}: {len(FUNCTIONAL)} functional cases, {len(REPRS)} reprs, {len(ERRORS)} errors")
