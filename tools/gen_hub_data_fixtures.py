"""Writes packages/hub/test/fixtures/data-config.json and data-*.png: timm's resolve_data_config for
several models' pretrained cfgs (with and without the test size), and what timm's eval transform
(create_transform) makes of a generated image, for packages/hub/test/data-config.test.ts. The
transform's resized and cropped image is stored as a PNG (its output is that image's pixels / 255,
normalized: the test applies the normalization itself).

Run: /usr/bin/python3 tools/gen_hub_data_fixtures.py   (see tools/hub_timm.py for the timm it imports)
"""
import json
import os

import numpy as np
from PIL import Image

from hub_timm import timm
from timm.data import create_transform, resolve_data_config

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "packages", "hub", "test", "fixtures")

MODELS = ["resnet34", "resnet34.tv_in1k", "vit_base_patch16_224", "convnext_tiny", "efficientnet_b3", "densenet121", "deit_tiny_patch16_224"]


def camel(d):
    return {"".join(w.capitalize() if i else w for i, w in enumerate(k.split("_"))): list(v) if isinstance(v, tuple) else v for k, v in d.items()}


def image():
    """A smooth 200x160 RGB pattern (edges too, so resampling matters), stored as PNG."""
    y, x = np.mgrid[0:160, 0:200].astype(np.float64)
    r = 127.5 + 127.5 * np.sin(x / 9.0) * np.cos(y / 13.0)
    g = (x * 255.0 / 199.0)
    b = np.where(((x // 20) + (y // 20)) % 2 == 0, 230.0, 25.0)
    return Image.fromarray(np.stack([r, g, b], -1).round().clip(0, 255).astype(np.uint8), "RGB")


def main():
    img = image()
    img.save(os.path.join(OUT, "data-image.png"))
    cases = []
    for name in MODELS:
        cfg = timm.models.get_pretrained_cfg(name.split(".")[0]) if "." not in name else None
        model = timm.create_model(name, pretrained=False)
        for use_test_size in (False, True):
            dc = resolve_data_config({}, model=model, use_test_size=use_test_size)
            case = {"model": name, "useTestSize": use_test_size, "config": camel(dc)}
            if not use_test_size and name in ("resnet34.tv_in1k", "vit_base_patch16_224"):
                t = create_transform(**dc)
                resized = img
                for step in t.transforms[:-2]:  # everything before MaybeToTensor and Normalize
                    resized = step(resized)
                png = f"data-{name}.png"
                resized.save(os.path.join(OUT, png))
                case["transform"] = str(t)
                case["resized_png"] = png
            cases.append(case)
        del cfg
    args_case = resolve_data_config({"img_size": 160, "mean": [0.5], "std": [0.25], "crop_pct": 1.0, "in_chans": 1}, model=timm.create_model("resnet18", pretrained=False))
    with open(os.path.join(OUT, "data-config.json"), "w") as f:
        json.dump({"cases": cases, "args": {"args": {"imgSize": 160, "mean": [0.5], "std": [0.25], "cropPct": 1.0, "inChans": 1}, "model": "resnet18", "config": camel(args_case)}}, f)
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
