"""Fixtures for @x/augment's geometric and size augmenters, from imgaug 0.4.0 itself.

imgaug is pure Python over numpy, scipy, scikit-image and OpenCV (all Debian packages); its 0.4.0
source is not: point IMGAUG_SRC at an unpacked checkout of the 0.4.0 tag (default
/work/imgaug/v0.4.0). Debian's numpy no longer has the aliases np.bool, np.int, np.float,
np.complex and np.object that imgaug 0.4 still reaches for on some code paths; they are set back
to the builtins before imgaug is imported.

Every case is a deterministic setting (fixed parameters), so its output is imgaug's exactly:
the augmenter's options as @x spells them, the input image's name, the output image, and the
keypoints and bounding boxes imgaug moves alongside. Images are uint8 (float32 for the float
cases imgaug allows), written as base64 bytes.
Heatmaps and segmentation maps go through a few of the same settings (geometric-size-maps.json).
ElasticTransformation's fields are random: for it, the spread of imgaug's fields for a few
(alpha, sigma), to check the distribution against.

    /usr/bin/python3 tools/gen_augment_geo_fixtures.py
"""
import base64
import json
import os
import sys

import numpy as np

for alias, builtin in {"bool": bool, "int": int, "float": float, "complex": complex, "object": object}.items():
    if alias not in vars(np):
        setattr(np, alias, builtin)

IMGAUG_VERSION = "0.4.0"
sys.path.insert(0, os.environ.get("IMGAUG_SRC", f"/work/imgaug/v{IMGAUG_VERSION}"))
import imgaug  # noqa: E402
import imgaug.augmenters as iaa  # noqa: E402
import imgaug.parameters as iap  # noqa: E402
from imgaug.augmentables.bbs import BoundingBox, BoundingBoxesOnImage  # noqa: E402
from imgaug.augmentables.kps import Keypoint, KeypointsOnImage  # noqa: E402

if imgaug.__version__ != IMGAUG_VERSION:
    raise SystemExit(f"expected imgaug {IMGAUG_VERSION} (IMGAUG_SRC), got {imgaug.__version__} from {imgaug.__file__}")

sys.path.insert(0, os.path.dirname(__file__))
from fixture_io import camel  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "packages", "augment", "test", "fixtures")

rng = np.random.RandomState(17)
IMAGES = {
    "rgb": rng.randint(0, 256, size=(9, 11, 3)).astype(np.uint8),
    "gray": rng.randint(0, 256, size=(7, 8, 1)).astype(np.uint8),
}
HEATMAP = rng.uniform(0, 1, size=(9, 11, 1)).astype(np.float32)
SEGMAP = rng.randint(0, 4, size=(9, 11)).astype(np.int32)
IMAGES["float"] = rng.uniform(0, 1, size=(9, 11, 3)).astype(np.float32)
IMAGES["rgba"] = rng.randint(0, 256, size=(9, 11, 4)).astype(np.uint8)
KEYPOINTS = [(1.5, 2.5), (8.0, 3.0), (4.2, 7.9), (0.0, 0.0)]
BOXES = [(1.0, 2.0, 6.0, 7.0), (3.5, 0.5, 9.0, 5.0)]


def enc_image(arr):
    """An image as its shape, dtype (uint8 or float32) and little-endian bytes in base64."""
    assert arr.dtype in (np.uint8, np.float32), arr.dtype
    data = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()
    return {"shape": list(arr.shape), "dtype": arr.dtype.name, "b64": base64.b64encode(data).decode("ascii")}


def ts_value(v):
    """A keyword argument as @x's options spell it: tuples become arrays, dict keys camelCase
    (imgaug's "shorter-side" too)."""
    if isinstance(v, dict):
        return {camel(k.replace("-", "_")): ts_value(x) for k, x in v.items()}
    if isinstance(v, (tuple, list)):
        return [ts_value(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def run_case(name, kwargs, image_name, aug=None):
    """One deterministic augmenter call on an image with its keypoints and boxes (`aug`, when given,
    is the augmenter already made from name and kwargs)."""
    aug = aug if aug is not None else getattr(iaa, name)(**kwargs)
    image = IMAGES[image_name]
    kps = KeypointsOnImage([Keypoint(x=x, y=y) for x, y in KEYPOINTS], shape=image.shape)
    bbs = BoundingBoxesOnImage([BoundingBox(*b) for b in BOXES], shape=image.shape)
    image_aug, kps_aug, bbs_aug = aug(image=image, keypoints=kps, bounding_boxes=bbs)
    assert image_aug.dtype == image.dtype
    return {
        "augmenter": name,
        "options": {camel(k): ts_value(v) for k, v in kwargs.items()},
        "image": image_name,
        "output": enc_image(image_aug),
        "keypoints": [[float(kp.x), float(kp.y)] for kp in kps_aug.keypoints],
        "keypointsShape": [int(v) for v in kps_aug.shape],
        "boxes": [[float(b.x1), float(b.y1), float(b.x2), float(b.y2)] for b in bbs_aug.bounding_boxes],
        "boxesShape": [int(v) for v in bbs_aug.shape],
    }


AFFINE_CASES = [
    ({"rotate": 30, "order": 1}, "rgb"),
    ({"rotate": 45, "order": 0, "mode": "edge"}, "rgb"),
    ({"rotate": -20, "order": 3, "mode": "reflect"}, "rgb"),
    ({"rotate": 90, "order": 0}, "rgb"),
    ({"scale": 0.8, "order": 1, "mode": "symmetric"}, "rgb"),
    ({"scale": {"x": 1.3, "y": 0.7}, "order": 1, "mode": "wrap"}, "rgb"),
    ({"scale": 1.7, "order": 3, "mode": "constant", "cval": 30}, "rgb"),
    ({"translate_px": {"x": 2, "y": -3}, "order": 0}, "rgb"),
    ({"translate_px": 2, "order": 1, "mode": "edge"}, "rgb"),
    ({"translate_percent": {"x": 0.1, "y": 0.25}, "order": 1}, "rgb"),
    ({"translate_percent": -0.15, "order": 3, "mode": "wrap"}, "rgb"),
    ({"shear": 15, "order": 1, "cval": 128}, "rgb"),
    ({"shear": {"x": 10, "y": 20}, "order": 3, "cval": 200}, "rgb"),
    ({"shear": {"y": -25}, "order": 0, "mode": "symmetric"}, "rgb"),
    ({"scale": 1.1, "rotate": 17, "shear": 8, "translate_px": 1, "order": 3, "cval": 50}, "rgb"),
    ({"rotate": 17.5, "shear": 3.3, "scale": 0.93, "order": 1}, "rgb"),
    ({"rotate": 30, "order": 1, "fit_output": True}, "rgb"),
    ({"scale": {"x": 0.6, "y": 1.4}, "rotate": -50, "order": 0, "fit_output": True}, "rgb"),
    ({"rotate": 33, "order": 1, "mode": "reflect"}, "gray"),
    ({"rotate": -70, "scale": 1.2, "order": 3, "cval": 255}, "gray"),
    ({"rotate": 30, "order": 1, "cval": 90}, "rgba"),
]

CROP_PAD_CASES = [
    ("Crop", {"px": 2, "keep_size": False}, "rgb"),
    ("Crop", {"px": (1, 2, 3, 0), "keep_size": False}, "rgb"),
    ("Crop", {"percent": (0.1, 0.2, 0.0, 0.3), "keep_size": False}, "rgb"),
    ("Crop", {"px": (0, 20, 0, 0), "keep_size": False}, "rgb"),
    ("Crop", {"px": (1, 2, 3, 0)}, "rgb"),
    ("Crop", {"percent": 0.2}, "gray"),
    ("Pad", {"px": 2, "keep_size": False, "pad_cval": 7}, "rgb"),
    ("Pad", {"px": (1, 2, 0, 3), "keep_size": False, "pad_mode": "edge"}, "rgb"),
    ("Pad", {"px": (3, 1, 4, 2), "keep_size": False, "pad_mode": "reflect"}, "rgb"),
    ("Pad", {"px": (3, 1, 4, 2), "keep_size": False, "pad_mode": "symmetric"}, "rgb"),
    ("Pad", {"px": (3, 1, 4, 2), "keep_size": False, "pad_mode": "wrap"}, "rgb"),
    ("Pad", {"px": (12, 0, 0, 15), "keep_size": False, "pad_mode": "reflect"}, "gray"),
    ("Pad", {"px": (12, 0, 0, 15), "keep_size": False, "pad_mode": "symmetric"}, "gray"),
    ("Pad", {"px": (12, 0, 0, 15), "keep_size": False, "pad_mode": "wrap"}, "gray"),
    ("Pad", {"percent": (0.1, 0.2, 0.0, 0.3), "keep_size": False, "pad_cval": 255}, "rgb"),
    ("Pad", {"px": (1, 2, 3, 0)}, "rgb"),
    ("Pad", {"percent": 0.25, "pad_mode": "edge"}, "gray"),
    ("CropAndPad", {"px": (-1, 2, 1, -2), "keep_size": False, "pad_mode": "edge"}, "rgb"),
    ("CropAndPad", {"percent": (0.2, -0.1, -0.3, 0.1), "keep_size": False, "pad_cval": 99}, "rgb"),
    ("CropAndPad", {"px": (-2, 3, 2, -3)}, "rgb"),
]

RESIZE_CASES = [
    ({"size": {"height": 5, "width": 7}, "interpolation": "nearest"}, "rgb"),
    ({"size": {"height": 17, "width": 14}, "interpolation": "nearest"}, "rgb"),
    ({"size": {"height": 5, "width": 7}, "interpolation": "linear"}, "rgb"),
    ({"size": {"height": 17, "width": 14}, "interpolation": "linear"}, "rgb"),
    ({"size": {"height": 5, "width": 7}, "interpolation": "cubic"}, "rgb"),
    ({"size": {"height": 17, "width": 14}, "interpolation": "cubic"}, "rgb"),
    ({"size": {"height": 16, "width": 19}, "interpolation": "area"}, "rgb"),
    ({"size": {"height": 4, "width": 5}, "interpolation": "area"}, "rgb"),
    ({"size": 1.5, "interpolation": "linear"}, "gray"),
    ({"size": {"shorter-side": 10, "longer-side": "keep-aspect-ratio"}, "interpolation": "area"}, "rgb"),
    ({"size": 0.5, "interpolation": "cubic"}, "gray"),
    ({"size": 13, "interpolation": "linear"}, "gray"),
    ({"size": {"height": 6, "width": "keep-aspect-ratio"}, "interpolation": "nearest"}, "rgb"),
    ({"size": {"height": "keep", "width": 0.5}, "interpolation": "cubic"}, "rgb"),
]

FLOAT_CASES = [
    ("Affine", {"rotate": 30, "order": 1}),
    ("Affine", {"scale": 1.3, "shear": 12, "order": 3, "mode": "reflect"}),
    ("Affine", {"translate_px": {"x": 2, "y": -1}, "order": 0, "cval": 0.5}),
    ("Resize", {"size": {"height": 5, "width": 7}, "interpolation": "linear"}),
    ("Resize", {"size": {"height": 17, "width": 14}, "interpolation": "cubic"}),
    ("Resize", {"size": {"height": 16, "width": 19}, "interpolation": "area"}),
    ("Resize", {"size": {"height": 4, "width": 5}, "interpolation": "area"}),
    ("Crop", {"px": (1, 2, 3, 0)}),
    ("Pad", {"px": (2, 1, 0, 3), "pad_mode": "symmetric", "keep_size": False}),
]

FIXED_SIZE_CASES = [
    ("CenterCropToFixedSize", {"width": 6, "height": 4}, "rgb"),
    ("CenterCropToFixedSize", {"width": 5, "height": 20}, "rgb"),
    ("CropToFixedSize", {"width": 6, "height": 4, "position": "left-top"}, "rgb"),
    ("CropToFixedSize", {"width": 6, "height": 4, "position": "right-bottom"}, "rgb"),
    ("PadToFixedSize", {"width": 14, "height": 12, "position": "center"}, "rgb"),
    ("PadToFixedSize", {"width": 14, "height": 12, "position": "left-top", "pad_mode": "edge"}, "rgb"),
    ("PadToFixedSize", {"width": 10, "height": 10, "position": "right-bottom", "pad_cval": 9}, "gray"),
    ("CenterPadToFixedSize", {"width": 13, "height": 12}, "rgb"),
]


def write(name, cases):
    out = {
        "imgaugVersion": IMGAUG_VERSION,
        "images": {k: enc_image(v) for k, v in IMAGES.items()},
        "keypoints": [list(p) for p in KEYPOINTS],
        "boxes": [list(b) for b in BOXES],
        "cases": cases,
    }
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


PERSPECTIVE_CASES = [
    ([0.03, -0.05, 0.08, 0.02, -0.04, 0.06, 0.01, -0.07], {"keep_size": False}, "rgb"),
    ([0.03, -0.05, 0.08, 0.02, -0.04, 0.06, 0.01, -0.07], {}, "rgb"),
    ([0.12, 0.2, -0.15, 0.1, 0.05, -0.22, -0.3, 0.08], {"keep_size": False, "mode": "replicate"}, "rgb"),
    ([0.12, 0.2, -0.15, 0.1, 0.05, -0.22, -0.3, 0.08], {"keep_size": False, "cval": 77.6}, "gray"),
    ([0.45, 0.1, 0.47, 0.05, 0.2, 0.1, 0.1, 0.2], {"keep_size": False}, "rgb"),
    ([0.1, 0.05, -0.08, 0.12, 0.02, -0.06, 0.09, 0.03], {"keep_size": False, "fit_output": True}, "rgb"),
    ([0.12, 0.2, -0.15, 0.1, 0.05, -0.22, -0.3, 0.08], {"keep_size": False, "cval": 120.5}, "rgba"),
]


def perspective_case(jitter, kwargs, image_name):
    """PerspectiveTransform with its corner jitter fixed (its Normal replaced by a DeterministicList
    of the eight values), so the whole warp is deterministic."""
    aug = iaa.PerspectiveTransform(scale=0.05, **kwargs)
    aug.jitter = iap.DeterministicList(jitter)
    return {**run_case("PerspectiveTransform", kwargs, image_name, aug), "jitter": jitter}


MAP_CASES = [
    ("Affine", {"rotate": 30, "order": 1}),
    ("Affine", {"scale": 0.8, "translate_px": {"x": 2}, "order": 3, "mode": "edge"}),
    ("Crop", {"px": (1, 2, 3, 0), "keep_size": False}),
    ("Crop", {"px": (1, 2, 3, 0)}),
    ("Pad", {"px": (2, 0, 1, 3), "keep_size": False, "pad_mode": "edge", "pad_cval": 5}),
    ("Resize", {"size": {"height": 6, "width": 15}, "interpolation": "linear"}),
    ("Resize", {"size": {"height": 13, "width": 7}}),
    ("CenterCropToFixedSize", {"width": 6, "height": 5}),
    ("PadToFixedSize", {"width": 14, "height": 12, "position": "center"}),
]


def map_case(name, kwargs):
    """A deterministic augmenter on the rgb image's heatmap (float32, [0, 1]) and segmentation map (int32 classes 0-3)."""
    from imgaug.augmentables.heatmaps import HeatmapsOnImage
    from imgaug.augmentables.segmaps import SegmentationMapsOnImage
    aug = getattr(iaa, name)(**kwargs)
    image = IMAGES["rgb"]
    heatmaps = HeatmapsOnImage(HEATMAP, shape=image.shape)
    segmaps = SegmentationMapsOnImage(SEGMAP, shape=image.shape)
    _, hm_aug, sm_aug = aug(image=image, heatmaps=heatmaps, segmentation_maps=segmaps)
    return {
        "augmenter": name,
        "options": {camel(k): ts_value(v) for k, v in kwargs.items()},
        "heatmap": {"shape": list(hm_aug.arr_0to1.shape), "data": [float(v) for v in hm_aug.arr_0to1.reshape(-1)], "imageShape": [int(v) for v in hm_aug.shape]},
        "segmap": {"shape": list(sm_aug.arr.shape), "data": [int(v) for v in sm_aug.arr.reshape(-1)], "imageShape": [int(v) for v in sm_aug.shape]},
    }


def elastic_field_statistics():
    """The spread of imgaug's displacement fields: the standard deviation of dx and dy over a 40 x 40
    image, averaged over 50 seeds, for a few (alpha, sigma)."""
    out = []
    for alpha, sigma in [(1.0, 4.0), (10.0, 4.0), (10.0, 1.5), (25.0, 8.0)]:
        stds = []
        for seed in range(50):
            rs = imgaug.random.RNG(seed)
            dx, dy = iaa.ElasticTransformation._generate_shift_maps((40, 40), alpha=alpha, sigma=sigma, random_state=rs)
            stds.append((float(np.std(dx)) + float(np.std(dy))) / 2)
        out.append({"alpha": alpha, "sigma": sigma, "height": 40, "width": 40, "meanStd": float(np.mean(stds))})
    return out


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write("geometric-affine.json", [run_case("Affine", kw, img) for kw, img in AFFINE_CASES])
    write("size-crop-pad.json", [run_case(name, kw, img) for name, kw, img in CROP_PAD_CASES])
    write("size-resize.json", [run_case("Resize", kw, img) for kw, img in RESIZE_CASES])
    write("size-fixed.json", [run_case(name, kw, img) for name, kw, img in FIXED_SIZE_CASES])
    write("geometric-size-float.json", [run_case(name, kw, "float") for name, kw in FLOAT_CASES])
    write("geometric-perspective.json", [perspective_case(*case) for case in PERSPECTIVE_CASES])
    path = os.path.join(OUT_DIR, "geometric-size-maps.json")
    with open(path, "w") as f:
        maps = {"heatmap": {"shape": list(HEATMAP.shape), "data": [float(v) for v in HEATMAP.reshape(-1)]}, "segmap": {"shape": list(SEGMAP.shape), "data": [int(v) for v in SEGMAP.reshape(-1)]}}
        json.dump({"imgaugVersion": IMGAUG_VERSION, "imageShape": list(IMAGES["rgb"].shape), **maps, "cases": [map_case(*case) for case in MAP_CASES]}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")
    path = os.path.join(OUT_DIR, "geometric-elastic-fields.json")
    with open(path, "w") as f:
        json.dump({"imgaugVersion": IMGAUG_VERSION, "fields": elastic_field_statistics()}, f, indent=1)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
