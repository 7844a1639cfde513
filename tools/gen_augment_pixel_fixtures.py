#!/usr/bin/python3
"""Generate packages/augment/test/fixtures/pixel-*.json: imgaug 0.4.0's pixel augmenters on small uint8 images.

Run with Debian's python3 (numpy, scipy, scikit-image, OpenCV):
    /usr/bin/python3 tools/gen_augment_pixel_fixtures.py
imgaug is imported from IMGAUG_SRC (default /work/imgaug/v0.4.0, the unpacked 0.4.0 source).

Debian's numpy (1.24) has dropped the aliases np.bool, np.int, np.float, np.complex and np.object
that imgaug 0.4 still names on some code paths; they are set back to the builtins before imgaug is
imported, which is what they were.

One file per imgaug module (arithmetic, contrast, blur, color, convolutional), each:

  images: name -> tensor; small fixed images: uint8 RGB HWC and gray HW, a few float32 ones for
          the arithmetic's float path.
  cases:  { name, fn (the @x kernel; null where only the augmenter is checked), image,
            args (positional, tensors tagged), options (camelCase),
            augmenter?: { cls, options } (an imgaug augmenter with fixed parameters giving the same
            output; a parameter `{ DeterministicList: [...] }` gives each channel its value in turn),
            pipeline?: (imgaug's Python for a pipeline of augmenters giving it),
            output }.

Every output comes from imgaug: the functional form where imgaug has one (add_scalar, blur_gaussian_,
adjust_contrast_gamma, ...), the augmenter with deterministic parameters otherwise; where both are
recorded the generator checks that they agree.
"""
import json
import os
import sys

import numpy as np

np.bool = bool
np.int = int
np.float = float
np.complex = complex
np.object = object

IMGAUG_VERSION = "0.4.0"
sys.path.insert(0, os.environ.get("IMGAUG_SRC", f"/work/imgaug/v{IMGAUG_VERSION}"))
import imgaug  # noqa: E402
import imgaug.augmenters as iaa  # noqa: E402
import imgaug.parameters as iap  # noqa: E402
from imgaug.augmenters import arithmetic, blur, color, contrast  # noqa: E402
import torch  # noqa: E402

from fixture_io import camel, enc_tensor  # noqa: E402

if imgaug.__version__ != IMGAUG_VERSION:
    raise SystemExit(f"expected imgaug {IMGAUG_VERSION} (IMGAUG_SRC), got {imgaug.__version__} from {imgaug.__file__}")

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "packages", "augment", "test", "fixtures")

rng = np.random.RandomState(0)
IMAGES = {
    "rgb": rng.randint(0, 256, size=(6, 7, 3)).astype(np.uint8),
    "gray": rng.randint(0, 256, size=(5, 6)).astype(np.uint8),
    # Larger than the biggest kernels below, and smooth enough that blurs leave visible structure.
    "rgb_large": np.clip(
        np.linspace(0, 255, 12)[:, None, None] * 0.6 + np.linspace(0, 255, 13)[None, :, None] * 0.4
        + rng.randint(-40, 41, size=(12, 13, 3)), 0, 255).astype(np.uint8),
    # imgaug's arithmetic also takes float32 images (sums in float64, products in float32).
    "rgb_f32": rng.uniform(0, 1, size=(6, 7, 3)).astype(np.float32),
    "gray_f32": rng.uniform(-1, 1, size=(5, 6, 1)).astype(np.float32),
    # Grey, the primaries, the secondaries, black and white, and near-ties between channels.
    "rgb_corners": np.array([[[0, 0, 0], [255, 255, 255], [128, 128, 128], [255, 0, 0], [0, 255, 0], [0, 0, 255]],
                             [[255, 255, 0], [0, 255, 255], [255, 0, 255], [200, 200, 199], [1, 0, 0], [254, 255, 255]]],
                            dtype=np.uint8),
}


def enc(v):
    if isinstance(v, iap.DeterministicList):
        return {"DeterministicList": [x.item() for x in v.values]}
    if isinstance(v, np.ndarray):
        return enc_tensor(torch.from_numpy(np.ascontiguousarray(v)))
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def same(a, b, what):
    if a.shape != b.shape or a.dtype != b.dtype or not np.array_equal(a, b):
        raise SystemExit(f"{what}: imgaug's functional form and augmenter disagree")


class Cases:
    def __init__(self):
        self.cases = []
        self.images = set()

    def add(self, name, fn, image, output, args=(), options=None, augmenter=None, pipeline=None):
        self.images.add(image)
        case = {"name": name, "fn": fn, "image": image, "args": [enc(a) for a in args],
                "options": {camel(k): enc(v) for k, v in (options or {}).items()}}
        if augmenter is not None:
            cls, kwargs = augmenter
            aug_out = getattr(iaa, cls)(**kwargs)(image=IMAGES[image].copy())
            same(output, aug_out, name)
            case["augmenter"] = {"cls": cls, "options": {camel(k): enc(v) for k, v in kwargs.items()}}
        if pipeline is not None:
            case["pipeline"] = pipeline
        case["output"] = enc(output)
        self.cases.append(case)

    def write(self, module):
        out = {"images": {k: enc(IMAGES[k]) for k in sorted(self.images)}, "cases": self.cases}
        path = os.path.join(OUT_DIR, f"pixel-{module}.json")
        with open(path, "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(self.cases)} cases")


def img(name):
    return IMAGES[name].copy()


def arithmetic_cases():
    c = Cases()
    for image in ["rgb", "gray"]:
        # np.round is half to even: 12.5 -> 12, 13.5 -> 14; beyond ±255 clipped before the table.
        for value in [10, -30, 12.5, 13.5, 300, -400]:
            c.add(f"add_scalar {image} {value}", "addScalar", image, arithmetic.add_scalar(img(image), value),
                  [value], augmenter=("Add", {"value": value}) if image == "rgb" else None)
        for mul in [1.5, 0.5, 0.7, 3.0, 0.0]:
            c.add(f"multiply_scalar {image} {mul}", "multiplyScalar", image,
                  arithmetic.multiply_scalar(img(image), mul), [mul],
                  augmenter=("Multiply", {"mul": mul}) if image == "rgb" else None)
        for kwargs in [{}, {"threshold": 128}, {"threshold": 100, "invert_above_threshold": False},
                       {"min_value": 50, "max_value": 200}]:
            c.add(f"invert {image} {kwargs}", "invert", image, arithmetic.invert(img(image), **kwargs), [], kwargs,
                  augmenter=("Invert", {"p": 1, "invert_above_threshold": True, **kwargs}) if image == "rgb" else None)
        c.add(f"solarize {image}", "invert", image, arithmetic.invert(img(image), threshold=100), [], {"threshold": 100},
              augmenter=("Solarize", {"threshold": 100}) if image == "rgb" else None)
    per_channel_values = np.array([10, -20.5, 30.5])
    c.add("add_scalar per channel", "addScalar", "rgb", arithmetic.add_scalar(img("rgb"), per_channel_values),
          [per_channel_values])
    per_channel_muls = np.array([0.5, 1.2, 2.0])
    c.add("multiply_scalar per channel", "multiplyScalar", "rgb",
          arithmetic.multiply_scalar(img("rgb"), per_channel_muls), [per_channel_muls])
    values_rng = np.random.RandomState(1)
    add_int = values_rng.randint(-300, 301, size=(6, 7, 3)).astype(np.int32)
    add_float = values_rng.uniform(-40, 40, size=(6, 7, 1)).round(1)
    add_float[0, :4, 0] = [0.5, 1.5, 2.5, -0.5]
    c.add("add_elementwise int per channel", "addElementwise", "rgb", arithmetic.add_elementwise(img("rgb"), add_int), [add_int])
    c.add("add_elementwise float broadcast", "addElementwise", "rgb", arithmetic.add_elementwise(img("rgb"), add_float), [add_float])
    mul_float = values_rng.uniform(0.3, 1.8, size=(6, 7, 3)).astype(np.float32)
    mul_mask = values_rng.binomial(1, 0.6, size=(6, 7, 1)).astype(np.float32)
    c.add("multiply_elementwise float per channel", "multiplyElementwise", "rgb",
          arithmetic.multiply_elementwise(img("rgb"), mul_float), [mul_float])
    c.add("multiply_elementwise dropout mask", "multiplyElementwise", "rgb",
          arithmetic.multiply_elementwise(img("rgb"), mul_mask), [mul_mask])
    gray_mul = values_rng.uniform(0.3, 1.8, size=(5, 6)).astype(np.float32)
    c.add("multiply_elementwise gray", "multiplyElementwise", "gray",
          arithmetic.multiply_elementwise(img("gray"), gray_mul), [gray_mul])
    # Coordinates are truncated (int()) and clipped to the image; an empty area changes nothing.
    for (x1, y1, x2, y2, kwargs) in [
        (1.7, 2.2, 5.9, 4.1, {"cval": 0}),
        (-3, 4, 20, 20, {"cval": 200}),
        (2, 1, 6, 4, {"cval": [10, 20, 30], "fill_per_channel": True}),
        (2, 1, 6, 4, {"cval": [10, 20], "fill_per_channel": True}),
        (2, 1, 6, 4, {"cval": [10, 20, 30, 40], "fill_per_channel": True}),
        (2, 1, 6, 4, {"cval": [77, 20, 30], "fill_per_channel": False}),
        (5, 3, 5, 8, {"cval": 99}),
    ]:
        for image in ["rgb", "gray"]:
            c.add(f"cutout {image} {x1},{y1},{x2},{y2} {kwargs}", "cutout", image,
                  arithmetic.cutout(img(image), x1, y1, x2, y2, fill_mode="constant", **kwargs),
                  [x1, y1, x2, y2], {"fill_mode": "constant", **kwargs})
    # Replacements in row-major order of the masked values (C per pixel of a whole-pixel mask).
    mask_pixels = values_rng.binomial(1, 0.4, size=(6, 7, 1)).astype(np.float32)
    mask_values = values_rng.binomial(1, 0.4, size=(6, 7, 3)).astype(np.float32)
    for name, mask in [("pixels", mask_pixels), ("values", mask_values)]:
        count = int(mask.sum()) * (3 if mask.shape[2] == 1 else 1)
        replacements = values_rng.uniform(-30, 290, size=(count,)).round(1)
        replacements[:3] = [0.5, 1.5, 254.5]
        c.add(f"replace_elementwise {name}", "replaceElementwise", "rgb",
              arithmetic.replace_elementwise_(img("rgb"), mask, replacements), [mask, replacements])
    gray_mask = values_rng.binomial(1, 0.5, size=(5, 6)).astype(np.float32)
    gray_replacements = values_rng.randint(0, 256, size=(int(gray_mask.sum()),)).astype(np.int32)
    c.add("replace_elementwise gray", "replaceElementwise", "gray",
          arithmetic.replace_elementwise_(img("gray"), gray_mask, gray_replacements), [gray_mask, gray_replacements])
    # Float32 images. Augmenter values are dyadic, so imgaug's float64 draws equal @x's float32 ones.
    for image in ["rgb_f32", "gray_f32"]:
        for value in [0.1, -0.25, 3.0]:
            c.add(f"add_scalar {image} {value}", "addScalar", image, arithmetic.add_scalar(img(image), value), [value],
                  augmenter=("Add", {"value": value}) if value != 0.1 else None)
        for mul in [1.5, 0.3, -2.0]:
            c.add(f"multiply_scalar {image} {mul}", "multiplyScalar", image, arithmetic.multiply_scalar(img(image), mul),
                  [mul], augmenter=("Multiply", {"mul": mul}) if mul != 0.3 else None)
    c.add("add_scalar rgb_f32 per channel", "addScalar", "rgb_f32", arithmetic.add_scalar(img("rgb_f32"), np.array([0.1, 0.2, -0.3])),
          [np.array([0.1, 0.2, -0.3])])
    c.add("multiply_scalar rgb_f32 per channel", "multiplyScalar", "rgb_f32",
          arithmetic.multiply_scalar(img("rgb_f32"), np.array([0.7, 1.1, 2.5])), [np.array([0.7, 1.1, 2.5])])
    add_f = values_rng.uniform(-0.5, 0.5, size=(6, 7, 1))
    c.add("add_elementwise rgb_f32", "addElementwise", "rgb_f32", arithmetic.add_elementwise(img("rgb_f32"), add_f), [add_f])
    mul_f = values_rng.uniform(0, 2, size=(6, 7, 3)).astype(np.float32)
    c.add("multiply_elementwise rgb_f32", "multiplyElementwise", "rgb_f32",
          arithmetic.multiply_elementwise(img("rgb_f32"), mul_f), [mul_f])
    c.add("multiply_elementwise rgb_f32 mask", "multiplyElementwise", "rgb_f32",
          arithmetic.multiply_elementwise(img("rgb_f32"), mul_mask.astype(np.int32)), [mul_mask.astype(np.int32)])
    for cls, kwargs in [("AddElementwise", {"value": 0.375}), ("MultiplyElementwise", {"mul": 0.75})]:
        c.add(f"{cls} rgb_f32 {kwargs}", None, "rgb_f32", getattr(iaa, cls)(**kwargs)(image=img("rgb_f32")), augmenter=(cls, kwargs))
    # perChannel on, with a fixed value per channel.
    for cls, kwargs, fn, args in [
        ("Add", {"value": iap.DeterministicList([10, -20, 31]), "per_channel": True}, "addScalar", [np.array([10, -20, 31])]),
        ("Multiply", {"mul": iap.DeterministicList([0.5, 1.25, 2.0]), "per_channel": True}, "multiplyScalar", [np.array([0.5, 1.25, 2.0])]),
    ]:
        out = getattr(iaa, cls)(**kwargs)(image=img("rgb"))
        c.add(f"{cls} per channel {kwargs}", fn, "rgb", out, args, augmenter=(cls, kwargs))
    c.write("arithmetic")


def contrast_cases():
    c = Cases()
    for image in ["rgb", "gray"]:
        for gamma in [0.5, 1.0, 1.7, 3.1]:
            c.add(f"gamma {image} {gamma}", "adjustContrastGamma", image, contrast.adjust_contrast_gamma(img(image), gamma),
                  [gamma], augmenter=("GammaContrast", {"gamma": gamma}) if image == "rgb" else None)
        for gain, cutoff in [(10, 0.5), (5, 0.3), (12.5, 0.71)]:
            c.add(f"sigmoid {image} {gain} {cutoff}", "adjustContrastSigmoid", image,
                  contrast.adjust_contrast_sigmoid(img(image), gain, cutoff), [gain, cutoff],
                  augmenter=("SigmoidContrast", {"gain": gain, "cutoff": cutoff}) if image == "rgb" else None)
        for gain in [0.4, 0.8, 1.0, 1.37]:
            c.add(f"log {image} {gain}", "adjustContrastLog", image, contrast.adjust_contrast_log(img(image), gain), [gain],
                  augmenter=("LogContrast", {"gain": gain}) if image == "rgb" else None)
        for alpha in [0.5, 1.5, 2.3, -0.4]:
            c.add(f"linear {image} {alpha}", "adjustContrastLinear", image, contrast.adjust_contrast_linear(img(image), alpha),
                  [alpha], augmenter=("LinearContrast", {"alpha": alpha}) if image == "rgb" else None)
    # perChannel on, with a fixed curve parameter per channel.
    for cls, kwargs in [("GammaContrast", {"gamma": iap.DeterministicList([0.5, 1.0, 2.0]), "per_channel": True}),
                        ("LinearContrast", {"alpha": iap.DeterministicList([0.5, 1.5, 2.0]), "per_channel": True}),
                        ("SigmoidContrast", {"gain": iap.DeterministicList([4.0, 8.0, 12.0]),
                                             "cutoff": iap.DeterministicList([0.25, 0.5, 0.75]), "per_channel": True}),
                        ("AllChannelsCLAHE", {"clip_limit": iap.DeterministicList([1.0, 3.0, 9.0]), "tile_grid_size_px": 4,
                                              "per_channel": True})]:
        image = "rgb_large" if cls == "AllChannelsCLAHE" else "rgb"
        c.add(f"{cls} per channel", None, image, getattr(iaa, cls)(**kwargs)(image=img(image)), augmenter=(cls, kwargs))
    for image in ["rgb", "rgb_large", "gray"]:
        c.add(f"all channels histogram equalization {image}", None, image,
              iaa.AllChannelsHistogramEqualization()(image=img(image)), augmenter=("AllChannelsHistogramEqualization", {}))
        c.add(f"histogram equalization hsv {image}", None, image,
              iaa.HistogramEqualization(to_colorspace="HSV")(image=img(image)),
              augmenter=("HistogramEqualization", {"to_colorspace": "HSV"}))
    flat_channel = np.full((4, 5), 77, dtype=np.uint8)
    flat_channel[0, 0] = 200
    IMAGES["two_values"] = flat_channel
    c.add("histogram equalization of two values", None, "two_values",
          iaa.AllChannelsHistogramEqualization()(image=img("two_values")), augmenter=("AllChannelsHistogramEqualization", {}))
    IMAGES["flat"] = np.full((3, 4), 90, dtype=np.uint8)
    c.add("histogram equalization of a flat image", None, "flat",
          iaa.AllChannelsHistogramEqualization()(image=img("flat")), augmenter=("AllChannelsHistogramEqualization", {}))
    # imgaug's tile_grid_size_px is OpenCV's tileGridSize: the number of tiles, (rows, columns) here,
    # raised to tile_grid_size_px_min (3) by the augmenter: the kernel's arguments are what it passes on.
    for image, clip_limit, tiles_y, tiles_x in [("rgb", 2.0, 2, 2), ("rgb", 40, 3, 2), ("rgb_large", 1.0, 3, 3),
                                                 ("rgb_large", 2.5, 4, 5), ("rgb_large", 0.3, 2, 6), ("rgb_large", 8, 5, 4)]:
        kwargs = {"clip_limit": clip_limit, "tile_grid_size_px": ((tiles_y, tiles_y), (tiles_x, tiles_x))}
        c.add(f"all channels clahe {image} {clip_limit} {tiles_y}x{tiles_x}", "allChannelsClahe", image,
              iaa.AllChannelsCLAHE(**kwargs)(image=img(image)), [clip_limit, max(tiles_x, 3), max(tiles_y, 3)],
              augmenter=("AllChannelsCLAHE", kwargs))
    # CLAHE on V of HSV (imgaug's default Lab is not implemented here); the images are narrower than
    # OpenCV's SIMD width, so its HSV -> RGB rounds as hsvToRgb does.
    for image, clip_limit, tiles in [("rgb", 2.0, 3), ("rgb_large", 4.0, 4), ("gray", 3.0, 3)]:
        kwargs = {"clip_limit": clip_limit, "tile_grid_size_px": tiles, "to_colorspace": "HSV"}
        out = iaa.CLAHE(**kwargs)(image=img(image))
        c.add(f"clahe hsv {image} {clip_limit} {tiles}", None, image, out, [], augmenter=("CLAHE", kwargs))
    c.write("contrast")


def blur_cases():
    c = Cases()
    for image, sigmas in [("rgb", [0.0005, 0.5, 1.0, 1.7, 3.2, 5.5]), ("gray", [0.7, 2.1]), ("rgb_large", [1.3, 4.2])]:
        for sigma in sigmas:
            c.add(f"gaussian {image} {sigma}", "blurGaussian", image, blur.blur_gaussian_(img(image), sigma), [sigma],
                  augmenter=("GaussianBlur", {"sigma": sigma}) if image != "gray" else None)
    c.add("gaussian ksize 3", "blurGaussian", "rgb", blur.blur_gaussian_(img("rgb"), 1.5, ksize=3), [1.5], {"ksize": 3})
    # imgaug hands (k_h, k_w) to cv2.blur, whose ksize is (width, height): its k_h sizes the window's width.
    for image in ["rgb"]:
        for k in [2, 3, 4, 5, [3, 5], [1, 4]]:
            kh, kw = (k, k) if isinstance(k, int) else k
            aug = iaa.AverageBlur(k=k if isinstance(k, int) else (tuple([kh, kh]), tuple([kw, kw])))
            out = aug(image=img(image))
            c.add(f"average {image} {k}", "averageBlur", image, out, [kh, kw])
    for k in [16, 17]:
        c.add(f"average rgb_large {k}", "averageBlur", "rgb_large", iaa.AverageBlur(k=k)(image=img("rgb_large")), [k, k])
    for image, ks in [("rgb", [3, 5, 7]), ("rgb_large", [5])]:
        for k in ks:
            c.add(f"median {image} {k}", "medianBlur", image, iaa.MedianBlur(k=k)(image=img(image)), [k],
                  augmenter=("MedianBlur", {"k": k}))
    c.write("blur")


def color_cases():
    c = Cases()
    for alpha in [1.0, 0.0, 0.5, 0.25, 0.77]:
        c.add(f"grayscale {alpha}", "grayscale", "rgb", iaa.Grayscale(alpha=alpha)(image=img("rgb")), [alpha],
              augmenter=("Grayscale", {"alpha": alpha}))
    c.add("rgb to hsv", "rgbToHsv", "rgb", color.change_colorspace_(img("rgb"), "HSV", "RGB"))
    c.add("rgb to hsv, all extremes", "rgbToHsv", "rgb_corners", color.change_colorspace_(img("rgb_corners"), "HSV", "RGB"))
    hsv = img("rgb")
    hsv[..., 0] = hsv[..., 0] % 180
    IMAGES["hsv"] = hsv
    c.add("hsv to rgb", "hsvToRgb", "hsv", color.change_colorspace_(img("hsv"), "RGB", "HSV"))
    # Rows of 40 pixels: OpenCV's SIMD lanes take the first 32 of each, its scalar code the rest.
    hsv_wide = rng.randint(0, 256, size=(2, 40, 3)).astype(np.uint8)
    hsv_wide[..., 0] %= 180
    IMAGES["hsv_wide"] = hsv_wide
    c.add("hsv to rgb, wide rows", "hsvToRgb", "hsv_wide", color.change_colorspace_(img("hsv_wide"), "RGB", "HSV"))
    for hue, saturation in [(0, 0), (20, -30), (-100, 45), (255, 255), (-255, -255), (7, 0)]:
        c.add(f"add to hue {hue} and saturation {saturation}", "addToHueAndSaturation", "rgb",
              iaa.AddToHueAndSaturation(value_hue=hue, value_saturation=saturation)(image=img("rgb")), [hue, saturation],
              augmenter=("AddToHueAndSaturation", {"value_hue": hue, "value_saturation": saturation}))
    c.add("add to hue 30", "addToHueAndSaturation", "rgb", iaa.AddToHue(value=30)(image=img("rgb")), [30, 0],
          augmenter=("AddToHue", {"value": 30}))
    c.add("add to saturation -20", "addToHueAndSaturation", "rgb", iaa.AddToSaturation(value=-20)(image=img("rgb")), [0, -20],
          augmenter=("AddToSaturation", {"value": -20}))
    for to, frm, image in [("YCrCb", "RGB", "rgb"), ("YCrCb", "RGB", "rgb_corners"), ("BGR", "RGB", "rgb"),
                           ("RGB", "YCrCb", "rgb"), ("GRAY", "RGB", "rgb"), ("YCrCb", "HSV", "hsv")]:
        c.add(f"colorspace {frm} to {to} {image}", "changeColorspace", image,
              color.change_colorspace_(img(image), to, frm), [to, frm])
    # Children on the converted image; WithChannels and Add/Multiply with fixed values.
    for pipeline in ["WithColorspace('HSV', children=WithChannels(0, Add(50)))",
                     "WithColorspace('YCrCb', children=[Multiply(1.2)])"]:
        aug = eval(pipeline, {k: getattr(iaa, k) for k in ["WithColorspace", "WithChannels", "Add", "Multiply"]})
        c.add(pipeline, None, "rgb", aug(image=img("rgb")), pipeline=pipeline)
    for cls, kwargs in [("MultiplyBrightness", {"mul": 1.3, "to_colorspace": "YCrCb"}),
                        ("MultiplyBrightness", {"mul": 0.6, "to_colorspace": "HSV"}),
                        ("AddToBrightness", {"add": 25, "to_colorspace": "YCrCb"}),
                        ("AddToBrightness", {"add": -40, "to_colorspace": "HSV"}),
                        ("MultiplyAndAddToBrightness", {"mul": 0.8, "add": 12, "to_colorspace": "YCrCb", "random_order": False})]:
        c.add(f"{cls} {kwargs}", None, "rgb", getattr(iaa, cls)(**kwargs)(image=img("rgb")), augmenter=(cls, kwargs))
    for cls, kwargs in [("MultiplyHueAndSaturation", {"mul_hue": 1.3, "mul_saturation": 0.6}),
                        ("MultiplyHueAndSaturation", {"mul_hue": -0.7, "mul_saturation": 2.5}),
                        ("MultiplyHueAndSaturation", {"mul": 1.2}),
                        ("MultiplyHue", {"mul": 1.0}),
                        ("MultiplyHue", {"mul": 2.2}),
                        ("MultiplySaturation", {"mul": 0.35}),
                        ("RemoveSaturation", {"mul": 0.4}),
                        ("RemoveSaturation", {})]:
        c.add(f"{cls} {kwargs}", None, "rgb", getattr(iaa, cls)(**kwargs)(image=img("rgb")), augmenter=(cls, kwargs))
    for value in [-40, 33]:
        c.add(f"add to hue and saturation {value}", "addToHueAndSaturation", "rgb",
              iaa.AddToHueAndSaturation(value=value)(image=img("rgb")), [value, value],
              augmenter=("AddToHueAndSaturation", {"value": value}))
    c.write("color")


def convolutional_cases():
    c = Cases()
    for image in ["rgb"]:
        for alpha, lightness in [(1.0, 1.0), (0.5, 1.2), (0.3, 0.75), (1.0, 0.0)]:
            c.add(f"sharpen {image} {alpha} {lightness}", "sharpen", image,
                  iaa.Sharpen(alpha=alpha, lightness=lightness)(image=img(image)), [alpha, lightness],
                  augmenter=("Sharpen", {"alpha": alpha, "lightness": lightness}))
        for alpha, strength in [(1.0, 1.0), (0.7, 0.5), (0.4, 1.6)]:
            c.add(f"emboss {image} {alpha} {strength}", "emboss", image,
                  iaa.Emboss(alpha=alpha, strength=strength)(image=img(image)), [alpha, strength],
                  augmenter=("Emboss", {"alpha": alpha, "strength": strength}))
        for alpha in [1.0, 0.6]:
            c.add(f"edge detect {image} {alpha}", "edgeDetect", image, iaa.EdgeDetect(alpha=alpha)(image=img(image)), [alpha],
                  augmenter=("EdgeDetect", {"alpha": alpha}))
        for alpha, direction in [(1.0, 0.0), (0.8, 0.25), (0.5, 0.6), (1.0, 0.875), (0.3, 0.1)]:
            c.add(f"directed edge detect {image} {alpha} {direction}", "directedEdgeDetect", image,
                  iaa.DirectedEdgeDetect(alpha=alpha, direction=direction)(image=img(image)), [alpha, direction],
                  augmenter=("DirectedEdgeDetect", {"alpha": alpha, "direction": direction}))
    c.write("convolutional")


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    arithmetic_cases()
    contrast_cases()
    blur_cases()
    color_cases()
    convolutional_cases()
