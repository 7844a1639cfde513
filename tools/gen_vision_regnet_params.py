"""Writes packages/vision/test/fixtures/regnet-block-params.json: torchvision 0.14's RegNet
BlockParams.from_init_params for every RegNet builder's settings (depths, widths, group widths),
which torchvision computes in float32 tensors; the test checks the TypeScript twin reproduces them.

Run with Debian's PyTorch: /usr/bin/python3 tools/gen_vision_regnet_params.py
"""
import ast
import inspect
import json
import os

from torchvision.models import regnet

OUT = os.path.join(os.path.dirname(__file__), "..", "packages", "vision", "test", "fixtures", "regnet-block-params.json")


def builder_settings():
    """(builder name, from_init_params keyword arguments) for each regnet_* builder, read from its source."""
    out = []
    for name in sorted(n for n in dir(regnet) if n.startswith("regnet_")):
        tree = ast.parse(inspect.getsource(getattr(regnet, name)).strip())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "from_init_params":
                out.append((name, {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords if kw.arg is not None}))
    return out


def main():
    cases = []
    for name, kwargs in builder_settings():
        p = regnet.BlockParams.from_init_params(**kwargs)
        cases.append({
            "builder": name,
            "init": kwargs,
            "depths": p.depths,
            "widths": p.widths,
            "group_widths": p.group_widths,
            "bottleneck_multipliers": p.bottleneck_multipliers,
            "strides": p.strides,
            "se_ratio": p.se_ratio,
        })
    with open(OUT, "w") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
