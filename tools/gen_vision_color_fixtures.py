#!/usr/bin/python3
"""Generate packages/vision/test/fixtures/color.json: torchvision 0.14's colour ops and policies on tensors.

Run with Debian's python3-torchvision:  /usr/bin/python3 tools/gen_vision_color_fixtures.py

Sections:

  images:     name -> tensor; small fixed images, uint8 and float, single and batched, RGB and gray
              (one with a flat channel and one with a flat image, the degenerate cases of hue,
              autocontrast and equalize).
  functional: { fn (the @x name), image, args, kwargs, output }: torchvision.transforms.functional.
  policy_ops: { op, magnitude, image, output }: autoaugment._apply_op, the colour ops (interpolation
              and fill do not reach them).
  geometry_ops: the same for ShearX/Y, TranslateX/Y and Rotate (nearest and bilinear, with and without fill).
  spaces:     { policy, num_bins, size?, ops: { name: { magnitudes, signed } } }: the magnitude bins
              each policy draws from (float32 values, Posterize int32).
  policies:   AutoAugmentPolicy value -> [[op, p, magnitude_id], [op, p, magnitude_id]] per sub-policy.
  reprs:      { ctor, args, kwargs, repr }.
  errors:     { fn or ctor, image?, args, kwargs, error: str(exception) }.

Keyword names are converted to the camelCase @x uses.
"""
import json
import os

import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import autoaugment
from fixture_io import camel, enc_arg as enc, enc_tensor

OUT = os.path.join(os.path.dirname(__file__), "..", "packages", "vision", "test", "fixtures", "color.json")
torch.manual_seed(0)


IMAGES = {}
rgb = torch.randint(0, 256, (3, 6, 7), dtype=torch.uint8)
IMAGES["rgb_u8"] = rgb
IMAGES["batch_u8"] = torch.randint(0, 256, (2, 3, 6, 7), dtype=torch.uint8)
IMAGES["gray_u8"] = torch.randint(0, 256, (1, 6, 7), dtype=torch.uint8)
# A narrow range in one channel, a flat channel, and grey pixels (r = g = b): autocontrast's and
# equalize's per-channel cases and hue's max == min branch.
mixed = torch.randint(90, 110, (3, 6, 7), dtype=torch.uint8)
mixed[1] = 77
mixed[:, 2, :] = 140
IMAGES["mixed_u8"] = mixed
IMAGES["rgb_f32"] = rgb.to(torch.float32) / 255
IMAGES["batch_f32"] = torch.rand(2, 3, 6, 7)
IMAGES["gray_f32"] = torch.rand(1, 6, 7)
IMAGES["mixed_f32"] = mixed.to(torch.float32) / 255
IMAGES["flat_u8"] = torch.full((3, 4, 5), 50, dtype=torch.uint8)

U8 = ["rgb_u8", "batch_u8", "gray_u8", "mixed_u8"]
F32 = ["rgb_f32", "batch_f32", "gray_f32", "mixed_f32"]
RGB = ["rgb_u8", "batch_u8", "mixed_u8", "rgb_f32", "batch_f32", "mixed_f32"]

FUNCTIONAL = []


def fcase(fn_name, images, args, kwargs=None):
    kwargs = kwargs or {}
    fn = getattr(F, fn_name)
    for name in images:
        out = fn(IMAGES[name].clone(), *args, **kwargs)
        FUNCTIONAL.append({"fn": camel(fn_name), "image": name, "args": enc(list(args)),
                           "kwargs": {camel(k): enc(v) for k, v in kwargs.items()}, "output": enc_tensor(out.contiguous())})


ALL = U8 + F32 + ["flat_u8"]
for f in [0.0, 0.5, 1.7]:
    fcase("adjust_brightness", ALL, [f])
for f in [0.0, 0.3, 1.8]:
    fcase("adjust_contrast", ALL, [f])
for f in [0.0, 0.4, 2.0]:
    fcase("adjust_saturation", ALL, [f])
for f in [-0.5, -0.2, 0.0, 0.1, 0.45]:
    fcase("adjust_hue", ALL, [f])
fcase("adjust_gamma", ALL, [0.5])
fcase("adjust_gamma", ALL, [2.2])
fcase("adjust_gamma", ALL, [1.5], {"gain": 0.8})
for f in [0.0, 0.5, 2.5]:
    fcase("adjust_sharpness", ALL, [f])
fcase("rgb_to_grayscale", RGB, [])
fcase("rgb_to_grayscale", RGB + ["gray_u8"], [], {"num_output_channels": 3})
for bits in [0, 1, 4, 8]:
    fcase("posterize", U8, [bits])
fcase("solarize", U8 + ["flat_u8"], [128])
fcase("solarize", U8, [0])
fcase("solarize", F32, [0.5])
fcase("autocontrast", ALL, [])
fcase("equalize", ALL[:4] + ["flat_u8"], [])
fcase("invert", ALL, [])
fcase("gaussian_blur", ALL, [[3, 3], [1.0, 1.0]])
fcase("gaussian_blur", ALL, [[5, 3], [1.5, 0.7]])
fcase("gaussian_blur", ["rgb_u8", "rgb_f32"], [3])
fcase("gaussian_blur", ["rgb_u8", "rgb_f32"], [5, 0.8])
fcase("erase", ["rgb_u8", "batch_f32"], [1, 2, 3, 4, torch.tensor([7.0, 8.0, 9.0])[:, None, None]])
fcase("erase", ["rgb_f32"], [0, 0, 6, 7, torch.tensor(0.25)])

POLICY_OPS = []
GEOMETRY_OPS = []
for op, mags in [("Brightness", [-0.9, 0.3]), ("Color", [-0.5, 0.9]), ("Contrast", [-0.3, 0.99]), ("Sharpness", [-0.9, 0.6]),
                 ("Posterize", [2.0, 7.0]), ("Solarize", [255.0, 93.5]), ("AutoContrast", [0.0]), ("Equalize", [0.0]),
                 ("Invert", [0.0]), ("Identity", [0.0])]:
    for m in mags:
        for name in ["rgb_u8", "batch_u8", "mixed_u8"]:
            out = autoaugment._apply_op(IMAGES[name].clone(), op, m, interpolation=T.InterpolationMode.NEAREST, fill=None)
            POLICY_OPS.append({"op": op, "magnitude": m, "image": name, "output": enc_tensor(out)})
for op, mags in [("ShearX", [0.3, -0.2]), ("ShearY", [0.25, -0.3]), ("TranslateX", [2.7, -3.2]), ("TranslateY", [1.9, -2.0]),
                 ("Rotate", [30.0, -17.5])]:
    for m in mags:
        for interp in ["nearest", "bilinear"]:
            for fill in [None, [10.0, 200.0, 30.0]]:
                for name in ["rgb_u8", "batch_u8"]:
                    out = autoaugment._apply_op(IMAGES[name].clone(), op, m, interpolation=T.InterpolationMode(interp), fill=fill)
                    GEOMETRY_OPS.append({"op": op, "magnitude": m, "interpolation": interp, "fill": fill, "image": name,
                                         "output": enc_tensor(out)})


def enc_space(space):
    return {k: {"magnitudes": enc_tensor(v.reshape(-1) if v.ndim > 0 else v), "scalar": v.ndim == 0, "signed": s}
            for k, s_v in space.items() for v, s in [s_v]}


SPACES = [
    {"policy": "AutoAugment", "num_bins": 10, "size": [6, 7], "ops": enc_space(T.AutoAugment()._augmentation_space(10, (6, 7)))},
    {"policy": "AutoAugment", "num_bins": 10, "size": [224, 331], "ops": enc_space(T.AutoAugment()._augmentation_space(10, (224, 331)))},
    {"policy": "RandAugment", "num_bins": 31, "size": [6, 7], "ops": enc_space(T.RandAugment()._augmentation_space(31, (6, 7)))},
    {"policy": "RandAugment", "num_bins": 7, "size": [32, 48], "ops": enc_space(T.RandAugment()._augmentation_space(7, (32, 48)))},
    {"policy": "TrivialAugmentWide", "num_bins": 31, "ops": enc_space(T.TrivialAugmentWide()._augmentation_space(31))},
    {"policy": "TrivialAugmentWide", "num_bins": 5, "ops": enc_space(T.TrivialAugmentWide()._augmentation_space(5))},
]
POLICIES = {p.value: [[list(a), list(b)] for a, b in T.AutoAugment(p).policies] for p in T.AutoAugmentPolicy}

REPRS = []


def rcase(ctor, args=(), kwargs=None, js_args=None, js_kwargs=None):
    kwargs = kwargs or {}
    t = getattr(T, ctor)(*args, **kwargs)
    REPRS.append({"ctor": ctor, "args": enc(list(js_args if js_args is not None else args)),
                  "kwargs": {camel(k): enc(v) for k, v in (js_kwargs if js_kwargs is not None else kwargs).items()}, "repr": repr(t)})


rcase("ColorJitter")
rcase("ColorJitter", [0.4, 0.4, 0.4, 0.1])
rcase("ColorJitter", [0.5], {"hue": [-0.2, 0.3]})
rcase("ColorJitter", [[0.5, 1.5], [1, 2], 1.3, 0.5])
rcase("ColorJitter", [], {"saturation": 0.25, "hue": 0.0})
rcase("Grayscale")
rcase("Grayscale", [3])
rcase("RandomGrayscale")
rcase("RandomGrayscale", [0.25])
rcase("RandomGrayscale", [1])
rcase("GaussianBlur", [3])
rcase("GaussianBlur", [[5, 3]], {"sigma": 1.5})
rcase("GaussianBlur", [[7, 9]], {"sigma": (0.5, 1.25)})
rcase("RandomErasing")
rcase("RandomErasing", [], {"p": 1, "scale": (0.1, 0.2), "ratio": (0.5, 2.0), "value": "random", "inplace": True})
rcase("RandomErasing", [0.3], {"value": 0.5})
rcase("RandomErasing", [0.3], {"value": [1, 2, 3]})
rcase("RandomInvert")
rcase("RandomInvert", [0.2])
rcase("RandomPosterize", [4])
rcase("RandomPosterize", [2, 0.75])
rcase("RandomSolarize", [128])
rcase("RandomSolarize", [0.5, 0.3])
rcase("RandomAdjustSharpness", [2])
rcase("RandomAdjustSharpness", [0.5, 0.1])
rcase("RandomAutocontrast")
rcase("RandomAutocontrast", [0.9])
rcase("RandomEqualize")
rcase("RandomEqualize", [0.4])
rcase("AutoAugment")
for p in T.AutoAugmentPolicy:
    rcase("AutoAugment", [p], js_args=[p.value])
rcase("AutoAugment", [T.AutoAugmentPolicy.SVHN], {"fill": [128, 0, 64]}, js_args=["svhn"])
rcase("RandAugment")
rcase("RandAugment", [3, 5, 11], {"interpolation": T.InterpolationMode.BILINEAR, "fill": 7},
      js_kwargs={"interpolation": "bilinear", "fill": 7})
rcase("TrivialAugmentWide")
rcase("TrivialAugmentWide", [15], {"interpolation": T.InterpolationMode.BILINEAR, "fill": [1.5, 2.5, 3.5]},
      js_kwargs={"interpolation": "bilinear", "fill": [1.5, 2.5, 3.5]})

ERRORS = []


def ecase(fn_name, image, args, kwargs=None):
    kwargs = kwargs or {}
    try:
        getattr(F, fn_name)(IMAGES[image] if isinstance(image, str) else image, *args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        ERRORS.append({"fn": camel(fn_name), "image": image if isinstance(image, str) else enc_tensor(image), "args": enc(list(args)),
                       "kwargs": {camel(k): enc(v) for k, v in kwargs.items()}, "error": str(e)})
        return
    raise AssertionError(f"{fn_name}{args} did not fail")


def ctor_error(ctor, args, kwargs=None):
    kwargs = kwargs or {}
    try:
        getattr(T, ctor)(*args, **kwargs)
    except Exception as e:  # noqa: BLE001
        ERRORS.append({"ctor": ctor, "args": enc(list(args)), "kwargs": {camel(k): enc(v) for k, v in kwargs.items()}, "error": str(e)})
        return
    raise AssertionError(f"{ctor}{args} did not fail")


two_channel = torch.zeros(2, 4, 4, dtype=torch.uint8)
ecase("adjust_hue", "rgb_u8", [0.6])
ecase("adjust_hue", "rgb_f32", [-0.75])
ecase("adjust_brightness", "rgb_u8", [-0.1])
ecase("adjust_contrast", "rgb_u8", [-1])
ecase("adjust_saturation", "rgb_u8", [-0.5])
ecase("adjust_sharpness", "rgb_u8", [-2])
ecase("adjust_gamma", "rgb_u8", [-1])
ecase("adjust_saturation", two_channel, [0.5])
ecase("adjust_brightness", two_channel, [0.5])
ecase("rgb_to_grayscale", two_channel, [])
ecase("rgb_to_grayscale", "rgb_u8", [2])
ecase("rgb_to_grayscale", torch.zeros(4, 4, dtype=torch.uint8), [])
ecase("posterize", "rgb_f32", [4])
ecase("posterize", "rgb_u8", [9])
ecase("equalize", "rgb_f32", [])
ecase("equalize", torch.zeros(1, 2, 3, 4, 4, dtype=torch.uint8), [])
ecase("solarize", "rgb_f32", [1.5])
ecase("solarize", "rgb_u8", [300])
ecase("invert", torch.zeros(4, 4), [])
ecase("autocontrast", two_channel, [])
ecase("gaussian_blur", "rgb_u8", [[3, 4]])
ecase("gaussian_blur", "rgb_u8", [[3, 3, 3]])
ecase("gaussian_blur", "rgb_u8", [3, [1.5, -0.5]])
ecase("gaussian_blur", "rgb_u8", [3, [1.0, 2.0, 3.0]])
ctor_error("ColorJitter", [-0.5])
ctor_error("ColorJitter", [], {"hue": -0.1})
ctor_error("ColorJitter", [], {"hue": [-0.7, 0.1]})
ctor_error("ColorJitter", [[1.5, 0.5]])
ctor_error("ColorJitter", [[0.1, 0.2, 0.3]])
ctor_error("GaussianBlur", [4])
ctor_error("GaussianBlur", [3], {"sigma": -1})
ctor_error("GaussianBlur", [3], {"sigma": [2.0, 1.0]})
ctor_error("RandomErasing", [1.5])
ctor_error("RandomErasing", [], {"scale": (0.5, 1.5)})
ctor_error("RandomErasing", [], {"value": "noise"})

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "images": {k: enc_tensor(v) for k, v in IMAGES.items()}, "functional": FUNCTIONAL,
               "policy_ops": POLICY_OPS, "geometry_ops": GEOMETRY_OPS, "spaces": SPACES, "policies": POLICIES, "reprs": REPRS,
               "errors": ERRORS}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {OUT}: {len(FUNCTIONAL)} functional, {len(POLICY_OPS)} policy ops, {len(GEOMETRY_OPS)} geometry ops, "
      f"{len(SPACES)} spaces, {len(REPRS)} reprs, {len(ERRORS)} errors")
