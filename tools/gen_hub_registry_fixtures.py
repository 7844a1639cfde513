"""Writes packages/hub/test/fixtures/registry.json: timm's list_models / list_pretrained answers for a
set of filters, restricted to the architectures @x/hub implements (tools/hub_timm.py), so the
registry's wildcard matching, tag expansion and natural sort are checked against timm's own.

Run: /usr/bin/python3 tools/gen_hub_registry_fixtures.py
"""
import json
import os

from hub_timm import ARCHITECTURES, timm

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "hub", "test", "fixtures", "registry.json")

OURS = {a for archs in ARCHITECTURES.values() for a in archs}

# (filter, keyword arguments of list_models); the options' names are the TypeScript ones
CASES = [
    ("", {}),
    ("*densenet*", {}),
    ("resnet*", {}),
    ("resnet?d", {}),
    ("resnet[13]*", {}),
    ("resnet[!1]*", {}),
    (["*vit*", "deit*"], {}),
    ("resnet*", {"exclude_filters": ["*d", "resnext*"]}),
    ("resnet34*", {"pretrained": True}),
    ("resnet50.*", {"pretrained": True}),
    ("*", {"pretrained": True}),
    # a list: timm iterates a plain string of exclude filters character by character when tags are listed
    ("convnext*", {"pretrained": True, "exclude_filters": ["*in22k*"]}),
    ("resnet18", {"include_tags": True}),
    ("", {"module": "regnet"}),
    ("", {"module": ["convnext", "deit"]}),
    ("*.tv_in1k", {"pretrained": True}),
]


def arch(name):
    return name.split(".", 1)[0]


def main():
    cases = []
    for flt, kw in CASES:
        got = [m for m in timm.list_models(flt, **kw) if arch(m) in OURS]
        options = {{"exclude_filters": "exclude", "include_tags": "includeTags"}.get(k, k): v for k, v in kw.items()}
        cases.append({"filter": flt, "options": options, "expected": got})
    pretrained = [m for m in timm.list_pretrained("resnet18*") if arch(m) in OURS]
    with open(OUT, "w") as f:
        json.dump({"list_models": cases, "list_pretrained": {"filter": "resnet18*", "expected": pretrained}}, f, indent=1)
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
