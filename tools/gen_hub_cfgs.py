"""Writes packages/hub/src/generated/pretrained-cfgs.ts: timm's pretrained configs (default tag first,
as timm orders them) for every architecture @x/hub implements, with camelCase field names, so tags,
means, stds and crops are timm's own, not typed by hand; and TORCHVISION_CFGS, the same fields for
the @x/vision models whose names timm's models here do not take, read from torchvision 0.14's
weights enums (URL, SHA-256 prefix from the file name as torch.hub checks it, crop, resize,
interpolation, mean, std, classes; first convolution and classifier found in the model).

Run: /usr/bin/python3 tools/gen_hub_cfgs.py   (see tools/hub_timm.py for the timm it imports)
"""
import json
import os
import re

from hub_timm import ARCHITECTURES, TIMM_VERSION, timm  # noqa: F401
import torch
import torchvision
from timm.models._registry import _model_default_cfgs, _model_to_module
from torchvision.models import get_model_weights

# @x/vision's builders (packages/vision/src/models/index.ts)
TORCHVISION_MODELS = [
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d", "wide_resnet50_2", "alexnet",
    "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn", "squeezenet1_0", "squeezenet1_1",
    "densenet121", "densenet161", "densenet169", "densenet201", "inception_v3", "googlenet", "mobilenet_v2",
    "mobilenet_v3_large", "mobilenet_v3_small", "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3",
    "mnasnet0_5", "mnasnet1_0", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "regnet_y_400mf", "convnext_tiny", "vit_b_16",
]


def torchvision_cfgs(taken):
    out = {}
    for name in TORCHVISION_MODELS:
        if name in taken:
            continue
        w = get_model_weights(name).DEFAULT
        t = w.transforms()
        model = torchvision.models.get_model(name) if hasattr(torchvision.models, "get_model") else getattr(torchvision.models, name)()
        mods = list(model.named_modules())
        first_conv = next(n for n, m in mods if isinstance(m, torch.nn.Conv2d))
        n_classes = len(w.meta["categories"])
        classifier = [n for n, m in mods if (isinstance(m, torch.nn.Linear) and m.out_features == n_classes) or (isinstance(m, torch.nn.Conv2d) and m.out_channels == n_classes)]
        main = [n for n in classifier if "aux" not in n.lower()][-1]
        file_hash = re.search(r"-([a-f0-9]+)\.", w.url.rsplit("/", 1)[-1])
        crop, resize = t.crop_size[0], t.resize_size[0]
        cfg = {
            "url": w.url,
            **({"sha256": file_hash.group(1)} if file_hash else {}),
            "numClasses": n_classes,
            "inputSize": [3, crop, crop],
            "fixedInputSize": name == "vit_b_16",
            "interpolation": t.interpolation.value,
            "cropPct": round(crop / resize, 10),
            "cropMode": "center",
            "mean": list(t.mean),
            "std": list(t.std),
            "firstConv": first_conv,
            "classifier": main,
            "license": "bsd-3-clause",
            "originUrl": "https://github.com/pytorch/vision",
        }
        out[name] = {"module": "torchvision", "tags": [w.name.lower()], "cfgs": {w.name.lower(): cfg}}
    return out

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "hub", "src", "generated", "pretrained-cfgs.ts")

FIELDS = [
    "url", "hf_hub_id", "architecture", "tag", "num_classes", "input_size", "test_input_size", "min_input_size", "fixed_input_size",
    "interpolation", "crop_pct", "test_crop_pct", "crop_mode", "mean", "std", "pool_size", "test_pool_size", "first_conv", "classifier",
    "label_offset", "license", "origin_url", "paper_ids", "notes",
]


def camel(name):
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


def convert(v):
    if isinstance(v, tuple):
        return [convert(x) for x in v]
    if isinstance(v, float):
        return round(v, 10)
    return v


def ts_table(table):
    """The table as a TypeScript object literal, one config per line."""
    one = lambda v: json.dumps(v, separators=(", ", ": "))  # noqa: E731
    lines = ["{"]
    for arch, v in table.items():
        lines.append(f"  {json.dumps(arch)}: {{ module: {one(v['module'])}, tags: {one(v['tags'])}, cfgs: {{")
        lines += [f"    {json.dumps(tag)}: {one(c)}," for tag, c in v["cfgs"].items()]
        lines.append("  } },")
    lines.append("}")
    return "\n".join(lines)


def main():
    out = {}
    for module, archs in ARCHITECTURES.items():
        for arch in archs:
            if _model_to_module.get(arch) != module:
                raise SystemExit(f"{arch}: timm has it in module {_model_to_module.get(arch)!r}, not {module!r}")
            dc = _model_default_cfgs[arch]
            cfgs = {}
            for tag in dc.tags:
                c = dc.cfgs[tag].to_dict()
                entry = {}
                for f in FIELDS:
                    v = c.get(f)
                    if v is None or (f == "architecture"):
                        continue
                    if f == "hf_hub_id" and v == "timm/":
                        v = f"timm/{arch}.{tag}" if tag else f"timm/{arch}"
                    entry[camel(f)] = convert(v)
                entry.pop("tag", None)
                cfgs[tag] = entry
            out[arch] = {"module": module, "tags": list(dc.tags), "cfgs": cfgs}
    tv = torchvision_cfgs(set(out))
    with open(OUT, "w") as f:
        f.write(
            f"// Generated by tools/gen_hub_cfgs.py from timm {TIMM_VERSION}'s registry and torchvision {torchvision.__version__}'s weights: do not edit.\n"
            "import type { PretrainedCfg } from '../pretrained-cfg';\n\n"
            "type CfgTable = Record<string, { module: string; tags: string[]; cfgs: Record<string, Partial<PretrainedCfg>> }>;\n\n"
            f"export const GENERATED_CFGS: CfgTable = {ts_table(out)};\n\n"
            "// @x/vision's models under their torchvision names (those timm's models here do not take).\n"
            f"export const TORCHVISION_CFGS: CfgTable = {ts_table(tv)};\n"
        )
    print(f"{len(tv)} torchvision models")
    print(f"wrote {OUT}: {sum(len(v['tags']) for v in out.values())} configs of {len(out)} architectures")


if __name__ == "__main__":
    main()
