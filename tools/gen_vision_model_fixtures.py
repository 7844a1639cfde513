"""Writes packages/vision/test/fixtures/models/<fixture>.json: torchvision 0.14's models as built by
their builders (weights=None), for packages/vision/test/models.test.ts.

Each file holds the builder's name and keyword arguments, the parameter count, the state_dict keys
with shapes in order, str(model), and the eval-mode logits on deterministic_input(input_shape) after
load_deterministic_weights (tools/vision_weights.py, twin of the test's helper), so the logits of
any architecture compare without a weight file.

Run: /usr/bin/python3 tools/gen_vision_model_fixtures.py [FIXTURE...]   (no names: every fixture)
"""
import json
import os
import sys
import warnings

import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import enc_values  # noqa: E402
from vision_weights import deterministic_input, load_deterministic_weights  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "vision", "test", "fixtures", "models")

IMAGENET = [1, 3, 224, 224]

SMALL = [1, 3, 64, 64]
# Training mode, dropout off: the named-tuple output's fields (InceptionOutputs, GoogLeNetOutputs).
# In float64, since batch norm over the few values per channel of a small training batch (the aux
# head's maps are 1x1) amplifies float32 rounding beyond the tolerance.
TRAIN = {"train": True, "dtype": "float64"}

# VGG's initialisation draws 120M normal values, seconds in the test: vgg16 and vgg16_bn keep it,
# the other variants (whose weights are overwritten anyway) skip it.
NO_INIT = {"init_weights": False}

# fixture name -> (builder name, builder keyword arguments, input shape[, mode])
FIXTURES = {
    "resnet18": ("resnet18", {}, IMAGENET),
    "resnet34": ("resnet34", {}, IMAGENET),
    "resnet50": ("resnet50", {}, IMAGENET),
    "resnet101": ("resnet101", {}, IMAGENET),
    "resnet152": ("resnet152", {}, IMAGENET),
    "resnext50_32x4d": ("resnext50_32x4d", {}, IMAGENET),
    "wide_resnet50_2": ("wide_resnet50_2", {}, IMAGENET),
    "resnet18_10_classes": ("resnet18", {"num_classes": 10, "zero_init_residual": True}, SMALL),
    "resnet50_dilated": ("resnet50", {"replace_stride_with_dilation": [False, True, True]}, SMALL),
    "alexnet": ("alexnet", {}, IMAGENET),
    "alexnet_10_classes": ("alexnet", {"num_classes": 10, "dropout": 0.3}, SMALL),
    "vgg11": ("vgg11", NO_INIT, IMAGENET),
    "vgg13": ("vgg13", NO_INIT, IMAGENET),
    "vgg16": ("vgg16", {}, IMAGENET),
    "vgg19": ("vgg19", NO_INIT, IMAGENET),
    "vgg11_bn": ("vgg11_bn", NO_INIT, IMAGENET),
    "vgg13_bn": ("vgg13_bn", NO_INIT, IMAGENET),
    "vgg16_bn": ("vgg16_bn", {}, IMAGENET),
    "vgg19_bn": ("vgg19_bn", NO_INIT, IMAGENET),
    "squeezenet1_0": ("squeezenet1_0", {}, IMAGENET),
    "squeezenet1_1": ("squeezenet1_1", {}, IMAGENET),
    "densenet121": ("densenet121", {}, IMAGENET),
    "densenet161": ("densenet161", {}, IMAGENET),
    "densenet169": ("densenet169", {}, IMAGENET),
    "densenet201": ("densenet201", {}, IMAGENET),
    "inception_v3": ("inception_v3", {}, [1, 3, 299, 299]),
    # Training-mode batch norm needs more than one value per channel: the aux head's maps are 1x1.
    "inception_v3_train": ("inception_v3", {"dropout": 0.0, "num_classes": 10}, [2, 3, 299, 299], TRAIN),
    "googlenet": ("googlenet", {}, IMAGENET),
    "googlenet_train": ("googlenet", {"dropout": 0.0, "dropout_aux": 0.0, "num_classes": 10}, [1, 3, 112, 112], TRAIN),
    "googlenet_no_aux": ("googlenet", {"aux_logits": False, "transform_input": True}, SMALL),
    # mobile and modern models
    "mobilenet_v2": ("mobilenet_v2", {}, IMAGENET),
    "mobilenet_v2_width_0_5": ("mobilenet_v2", {"num_classes": 10, "width_mult": 0.5}, SMALL),
    "mobilenet_v3_large": ("mobilenet_v3_large", {}, IMAGENET),
    "mobilenet_v3_small": ("mobilenet_v3_small", {}, IMAGENET),
    "mobilenet_v3_large_reduced_dilated": ("mobilenet_v3_large", {"reduced_tail": True, "dilated": True, "width_mult": 0.75}, SMALL),
    "efficientnet_b0": ("efficientnet_b0", {}, IMAGENET),
    "efficientnet_b1": ("efficientnet_b1", {}, IMAGENET),
    "efficientnet_b2": ("efficientnet_b2", {}, IMAGENET),
    "efficientnet_b3": ("efficientnet_b3", {}, IMAGENET),
    "mnasnet0_5": ("mnasnet0_5", {}, IMAGENET),
    "mnasnet1_0": ("mnasnet1_0", {}, IMAGENET),
    "shufflenet_v2_x0_5": ("shufflenet_v2_x0_5", {}, IMAGENET),
    "shufflenet_v2_x1_0": ("shufflenet_v2_x1_0", {}, IMAGENET),
    "regnet_y_400mf": ("regnet_y_400mf", {}, IMAGENET),
    "convnext_tiny": ("convnext_tiny", {}, IMAGENET),
    "vit_b_16": ("vit_b_16", {}, IMAGENET),
}


def build(builder, kwargs):
    with warnings.catch_warnings():
        # torchvision warns that init_weights will default to False in a later release.
        warnings.simplefilter("ignore")
        return getattr(torchvision.models, builder)(weights=None, **kwargs)


def fixture(name):
    builder, kwargs, input_shape, *rest = FIXTURES[name]
    mode = rest[0] if rest else {}
    train = mode.get("train", False)
    dtype = mode.get("dtype", "float32")
    torch.manual_seed(0)
    model = build(builder, kwargs)
    state = {k: list(t.shape) for k, t in model.state_dict().items()}
    if dtype == "float64":
        model.double()
    load_deterministic_weights(model)
    model.train(train)
    with torch.no_grad():
        out = model(deterministic_input(input_shape).to(getattr(torch, dtype)))
    result = {
        "name": builder,
        "kwargs": kwargs,
        "num_params": sum(p.numel() for p in model.parameters()),
        "state": [[k, shape] for k, shape in state.items()],
        "repr": str(model),
        "input_shape": input_shape,
    }
    if dtype != "float32":
        result["dtype"] = dtype
    if train:
        result["train"] = True
        result["outputs"] = {field: enc_values(t, round_float32=True) for field, t in out._asdict().items()}
        out = out[0]
    result["logits"] = enc_values(out, round_float32=True)
    return result


def main(names):
    unknown = [n for n in names if n not in FIXTURES]
    if unknown:
        raise SystemExit(f"unknown fixture(s) {unknown}; known: {sorted(FIXTURES)}")
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.set_num_threads(2)
    for name in names or FIXTURES:
        with open(os.path.join(OUT_DIR, f"{name}.json"), "w") as f:
            json.dump(fixture(name), f)
            f.write("\n")
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
