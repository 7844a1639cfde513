"""Fixtures for @x/augment's core from imgaug 0.4.0: flips, Rot90 and the meta augmenters with
deterministic settings (images, keypoints, bounding boxes, polygons, segmentation maps, heatmaps),
imgaug's argument conventions (which parameter each argument form becomes), and the distributions
of its stochastic parameters (moments and quantiles of many draws).

imgaug is pure Python: its 0.4.0 source is found through IMGAUG_SRC (default /work/imgaug/v0.4.0;
get it from PyPI's sdist or the GitHub tag 0.4.0). Debian's numpy is newer than imgaug 0.4 expects:
the aliases numpy removed (np.bool, np.int, np.float, np.complex, np.object), which SomeOf and other
code paths still use, are set back before imgaug is imported.

Run: /usr/bin/python3 tools/gen_augment_core_fixtures.py  (writes packages/augment/test/fixtures/core-*.json)
"""
import json
import os
import sys

import warnings

import numpy as np

for _alias, _type in [("bool", bool), ("int", int), ("float", float), ("complex", complex), ("object", object)]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        if not hasattr(np, _alias):
            setattr(np, _alias, _type)

IMGAUG_VERSION = "0.4.0"
sys.path.insert(0, os.environ.get("IMGAUG_SRC", f"/work/imgaug/v{IMGAUG_VERSION}"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import imgaug as ia  # noqa: E402
import imgaug.augmenters as iaa  # noqa: E402
import imgaug.parameters as iap  # noqa: E402
from imgaug.augmentables.batches import UnnormalizedBatch  # noqa: E402
import torch  # noqa: E402

from fixture_io import camel, enc_tensor  # noqa: E402

if ia.__version__ != IMGAUG_VERSION:
    raise SystemExit(f"expected imgaug {IMGAUG_VERSION} (IMGAUG_SRC), got {ia.__version__} from {ia.__file__}")

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "augment", "test", "fixtures")


def enc_array(arr):
    return enc_tensor(torch.from_numpy(np.ascontiguousarray(arr)))


# -- inputs ------------------------------------------------------------------------------------

rng = np.random.RandomState(0)
IMAGES = {
    "rgb": rng.randint(0, 256, size=(4, 6, 3)).astype(np.uint8),
    "square": rng.randint(0, 256, size=(5, 5, 3)).astype(np.uint8),
    "gray": rng.randint(0, 256, size=(4, 6)).astype(np.uint8),
    # multiples of 1/16: exact in float32 and short in JSON
    "float": (rng.randint(0, 17, size=(4, 6, 3)) / 16).astype(np.float32),
}


def annotations(shape):
    """Keypoints, boxes, a polygon, a segmentation map and heatmaps on an image of `shape`."""
    h, w = shape[:2]
    return {
        "keypoints": ia.KeypointsOnImage([ia.Keypoint(x=1.5, y=0.5), ia.Keypoint(x=w - 0.8, y=h - 0.1), ia.Keypoint(x=0, y=0)], shape=shape),
        "boundingBoxes": ia.BoundingBoxesOnImage(
            [ia.BoundingBox(x1=0.5, y1=1, x2=3.5, y2=2.5, label="a"), ia.BoundingBox(x1=2, y1=0, x2=w, y2=h)], shape=shape
        ),
        "polygons": ia.PolygonsOnImage([ia.Polygon([(0.5, 0.5), (4, 1), (3, 3.5)], label="p")], shape=shape),
        "segmentationMaps": ia.SegmentationMapsOnImage(rng.randint(0, 4, size=(h, w)).astype(np.int32), shape=shape),
        "heatmaps": ia.HeatmapsOnImage((rng.randint(0, 9, size=(h, w, 2)) / 8).astype(np.float32), shape=shape),
    }


ANNOTATIONS = {"rgb": annotations(IMAGES["rgb"].shape), "square": annotations(IMAGES["square"].shape)}


def enc_annotation(kind, value):
    if kind == "keypoints":
        return {"shape": list(value.shape), "xy": [[float(kp.x), float(kp.y)] for kp in value.keypoints]}
    if kind == "boundingBoxes":
        return {"shape": list(value.shape), "boxes": [[float(c) for c in (bb.x1, bb.y1, bb.x2, bb.y2)] for bb in value.bounding_boxes], "labels": [bb.label for bb in value.bounding_boxes]}
    if kind == "polygons":
        return {"shape": list(value.shape), "polygons": [p.exterior.astype(np.float64).tolist() for p in value.polygons], "labels": [p.label for p in value.polygons]}
    if kind == "segmentationMaps":
        return {"shape": list(value.shape), "arr": enc_array(value.get_arr())}
    if kind == "heatmaps":
        return {"shape": list(value.shape), "arr": enc_array(value.get_arr())}
    raise ValueError(kind)


BATCH_KEYS = {"keypoints": "keypoints", "boundingBoxes": "bounding_boxes", "polygons": "polygons", "segmentationMaps": "segmentation_maps", "heatmaps": "heatmaps"}

# -- augmenters, described once for both languages ----------------------------------------------


class Spec:
    """An augmenter as imgaug builds it and as the TypeScript test rebuilds it: a class name,
    positional arguments and keyword arguments (camelCase there); specs nest as children."""

    def __init__(self, cls, *args, **kwargs):
        self.cls, self.args, self.kwargs = cls, args, kwargs

    def build(self):
        conv = lambda v: v.build() if isinstance(v, (Spec, Choice)) else [conv(x) for x in v] if isinstance(v, list) else v
        return getattr(iaa, self.cls)(*[conv(a) for a in self.args], **{k: conv(v) for k, v in self.kwargs.items()})

    def encode(self):
        return {"class": self.cls, "args": [enc_spec_arg(a) for a in self.args], "options": {camel(k): enc_spec_arg(v) for k, v in self.kwargs.items()}}


class Choice:
    """An explicit choice list: a Python list in imgaug, iaa.choice([...]) in TypeScript."""

    def __init__(self, values):
        self.values = values

    def build(self):
        return list(self.values)


def enc_spec_arg(v):
    if isinstance(v, Spec):
        return {"augmenter": v.encode()}
    if isinstance(v, Choice):
        return {"choice": list(v.values)}
    if isinstance(v, tuple):
        return {"range": list(v)}
    if isinstance(v, list):
        return [enc_spec_arg(x) for x in v]
    return v


def augment_case(name, spec, image_key, kinds):
    aug = spec.build()
    image = IMAGES[image_key]
    annots = ANNOTATIONS.get(image_key, {})
    batch = UnnormalizedBatch(images=[image], **{BATCH_KEYS[k]: [annots[k]] for k in kinds})
    out = aug.augment_batch_(batch)
    return {
        "name": name,
        "augmenter": spec.encode(),
        "image": image_key,
        "kinds": kinds,
        "images": [enc_array(out.images_aug[0])],
        "annotations": {k: enc_annotation(k, getattr(out, BATCH_KEYS[k] + "_aug")[0]) for k in kinds},
    }


def coordinates_case(name, spec, image_key, kinds):
    """Annotations only (no image): e.g. Rot90 keepSize on a non-square image projects points back."""
    aug = spec.build()
    annots = ANNOTATIONS[image_key]
    out = aug.augment_batch_(UnnormalizedBatch(**{BATCH_KEYS[k]: [annots[k]] for k in kinds}))
    return {
        "name": name,
        "augmenter": spec.encode(),
        "image": image_key,
        "kinds": kinds,
        "images": None,
        "annotations": {k: enc_annotation(k, getattr(out, BATCH_KEYS[k] + "_aug")[0]) for k in kinds},
    }


ALL_KINDS = ["keypoints", "boundingBoxes", "polygons", "segmentationMaps", "heatmaps"]
COORDS = ["keypoints", "boundingBoxes", "polygons"]

CASES = [
    augment_case("Fliplr(1) rgb with annotations", Spec("Fliplr", 1), "rgb", ALL_KINDS),
    augment_case("Fliplr() default p flips", Spec("Fliplr"), "rgb", COORDS),
    augment_case("Fliplr(0) leaves all", Spec("Fliplr", 0), "rgb", ALL_KINDS),
    augment_case("Flipud(1) rgb with annotations", Spec("Flipud", 1), "rgb", ALL_KINDS),
    augment_case("Fliplr(1) gray", Spec("Fliplr", 1), "gray", []),
    augment_case("Flipud(1) float", Spec("Flipud", p=1.0), "float", []),
    augment_case("Fliplr(1) square", Spec("Fliplr", 1.0), "square", ALL_KINDS),
    *[augment_case(f"Rot90({k}, keep_size=False) rgb", Spec("Rot90", k, keep_size=False), "rgb", ALL_KINDS) for k in [0, 1, 2, 3, -1, 5]],
    *[augment_case(f"Rot90({k}) square", Spec("Rot90", k), "square", ALL_KINDS) for k in [1, 2, 3]],
    augment_case("Rot90(1) float square-free keep_size=False", Spec("Rot90", 1, keep_size=False), "float", []),
    augment_case("Rot90(3, keep_size=False) gray", Spec("Rot90", 3, keep_size=False), "gray", []),
    # keep_size on a non-square image: the image resized back through imgaug's default cv2.resize, maps through their own resize
    *[augment_case(f"Rot90({k}) keep_size rgb", Spec("Rot90", k), "rgb", ALL_KINDS) for k in [1, 3]],
    augment_case("Rot90(1) keep_size gray", Spec("Rot90", 1), "gray", []),
    coordinates_case("Rot90(1) keep_size projects coordinates back", Spec("Rot90", 1), "rgb", COORDS),
    coordinates_case("Rot90(3) keep_size projects coordinates back", Spec("Rot90", k=3, keep_size=True), "rgb", COORDS),
    augment_case("Sequential Fliplr then Rot90", Spec("Sequential", [Spec("Fliplr", 1), Spec("Rot90", 1, keep_size=False)]), "rgb", ALL_KINDS),
    augment_case("Sequential Rot90 then Fliplr", Spec("Sequential", [Spec("Rot90", 1, keep_size=False), Spec("Fliplr", 1)]), "rgb", ALL_KINDS),
    augment_case("Sequential nested", Spec("Sequential", [Spec("Sequential", [Spec("Flipud", 1)]), Spec("Fliplr", 1)]), "square", ALL_KINDS),
    augment_case("SomeOf all children", Spec("SomeOf", None, [Spec("Fliplr", 1), Spec("Rot90", 1, keep_size=False)]), "rgb", ALL_KINDS),
    augment_case("SomeOf n=2 of 2", Spec("SomeOf", 2, [Spec("Flipud", 1), Spec("Rot90", 3, keep_size=False)]), "rgb", COORDS),
    augment_case("SomeOf n=0", Spec("SomeOf", 0, [Spec("Flipud", 1)]), "rgb", COORDS),
    augment_case("OneOf one child", Spec("OneOf", [Spec("Rot90", 2)]), "rgb", ALL_KINDS),
    augment_case("Sometimes(1) then", Spec("Sometimes", 1, Spec("Fliplr", 1), Spec("Flipud", 1)), "rgb", ALL_KINDS),
    augment_case("Sometimes(0) else", Spec("Sometimes", 0, Spec("Fliplr", 1), Spec("Flipud", 1)), "rgb", ALL_KINDS),
    augment_case("Sometimes(0) no else", Spec("Sometimes", 0.0, [Spec("Fliplr", 1)]), "rgb", COORDS),
    augment_case("Sometimes then list", Spec("Sometimes", p=1, then_list=[Spec("Fliplr", 1), Spec("Rot90", 1, keep_size=False)]), "rgb", ALL_KINDS),
    augment_case("Identity", Spec("Identity"), "rgb", ALL_KINDS),
    augment_case("Noop", Spec("Noop"), "gray", []),
    augment_case("WithChannels([0], Fliplr(1))", Spec("WithChannels", [0], Spec("Fliplr", 1)), "rgb", ALL_KINDS),
    augment_case("WithChannels([0, 2], Flipud(1))", Spec("WithChannels", [0, 2], [Spec("Flipud", 1)]), "rgb", ALL_KINDS),
    augment_case("WithChannels(1, Rot90(2))", Spec("WithChannels", 1, Spec("Rot90", 2)), "square", []),
    augment_case("WithChannels(None, Fliplr(1))", Spec("WithChannels", None, Spec("Fliplr", 1)), "rgb", COORDS),
    augment_case("WithChannels([], Fliplr(1))", Spec("WithChannels", [], Spec("Fliplr", 1)), "rgb", COORDS),
    augment_case("Rot90 choice [1, 3] of a square's k%4 both", Spec("Sequential", [Spec("Rot90", Choice([2])), Spec("Rot90", (1, 1))]), "square", ALL_KINDS),
]

# -- argument conventions: which parameter each form becomes -------------------------------------

HANDLERS = [
    ("continuous", 0.5, iap.handle_continuous_param(0.5, "x")),
    ("continuous", 2, iap.handle_continuous_param(2, "x")),
    ("continuous", {"range": [1, 3]}, iap.handle_continuous_param((1, 3), "x")),
    ("continuous", {"range": [-0.5, 0.25]}, iap.handle_continuous_param((-0.5, 0.25), "x")),
    ("continuous", {"choice": [1, 2, 3]}, iap.handle_continuous_param([1, 2, 3], "x")),
    ("discrete", 2.7, iap.handle_discrete_param(2.7, "x")),
    ("discrete", {"range": [1, 4]}, iap.handle_discrete_param((1, 4), "x")),
    ("discrete", {"choice": [1, 3]}, iap.handle_discrete_param([1, 3], "x")),
    ("probability", 0.5, iap.handle_probability_param(0.5, "p")),
    ("probability", 1, iap.handle_probability_param(1, "p")),
    ("probability", 0.0, iap.handle_probability_param(0.0, "p")),
    ("probability", True, iap.handle_probability_param(True, "p")),
    ("probability", 0.9999999, iap.handle_probability_param(0.9999999, "p")),
]
HANDLED = [{"handler": h, "arg": arg, "str": str(param)} for h, arg, param in HANDLERS]

# -- distributions: moments and quantiles of many draws ------------------------------------------

N_DRAWS = 200000
QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95]
DISTRIBUTIONS = [
    ("Uniform", [-2, 5], {}),
    ("Normal", [1, 2], {}),
    ("TruncatedNormal", [0, 1], {"low": -0.5, "high": 1.5}),
    ("Laplace", [1, 0.5], {}),
    ("Poisson", [3.5], {}),
    ("Poisson", [40], {}),
    ("DiscreteUniform", [-2, 3], {}),
    ("Binomial", [0.3], {}),
    ("Choice", [[1, 5, 9]], {"p": [0.2, 0.5, 0.3]}),
    ("Clip", [{"parameter": ["Normal", [0, 1]]}, -0.5, 0.8], {}),
    ("Beta", [0.5, 2], {}),
    ("Beta", [3, 1.5], {}),
]


def build_param(name, args, kwargs):
    args = [build_param(*a["parameter"], {}) if isinstance(a, dict) and "parameter" in a else a for a in args]
    return getattr(iap, name)(*args, **kwargs)


def stats(values):
    v = np.asarray(values, dtype=np.float64).ravel()
    return {"mean": float(v.mean()), "std": float(v.std()), "quantiles": [float(q) for q in np.quantile(v, QUANTILES)]}


DISTS = []
for name, args, kwargs in DISTRIBUTIONS:
    samples = build_param(name, args, kwargs).draw_samples((N_DRAWS,), random_state=1)
    entry = {"parameter": name, "args": args, "options": kwargs, **stats(samples)}
    if name in ("DiscreteUniform", "Binomial", "Choice", "Poisson"):
        vals, counts = np.unique(samples, return_counts=True)
        entry["frequencies"] = {str(int(val)): float(c) / N_DRAWS for val, c in zip(vals, counts) if c / N_DRAWS >= 0.01}
    DISTS.append(entry)

def write(name, content):
    path = os.path.join(FIXTURES, name)
    with open(path, "w") as f:
        json.dump({"imgaug": ia.__version__, **content}, f, separators=(",", ":"))
    print(f"wrote {os.path.normpath(path)}")


def group(prefixes):
    return [c for c in CASES if c["augmenter"]["class"] in prefixes]


write("core-inputs.json", {
    "images": {k: enc_array(v) for k, v in IMAGES.items()},
    "annotations": {img: {k: enc_annotation(k, v) for k, v in annots.items()} for img, annots in ANNOTATIONS.items()},
})
write("core-flip.json", {"cases": group({"Fliplr", "Flipud"})})
write("core-rot90.json", {"cases": group({"Rot90"})})
write("core-meta.json", {"cases": group({"Sequential", "SomeOf", "OneOf", "Sometimes", "Identity", "Noop", "WithChannels"})})
write("core-parameters.json", {"handled": HANDLED, "draws": N_DRAWS, "quantiles": QUANTILES, "distributions": DISTS})
