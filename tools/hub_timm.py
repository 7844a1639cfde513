"""Imports the pinned timm (a pure-Python release; CI never runs this) for the hub generators.

timm is not a Debian package: get v1.0.28's source with the tool library's fetch of
huggingface/pytorch-image-models, then `git --git-dir=<mirror> archive v1.0.28 timm | tar -x -C DIR`,
and point TIMM_SRC at DIR (default /work/timm/v1.0.28). v1.0.28 runs on Debian's PyTorch 1.13.
"""
import os
import sys

TIMM_VERSION = "1.0.28"
sys.path.insert(0, os.environ.get("TIMM_SRC", f"/work/timm/v{TIMM_VERSION}"))
import timm  # noqa: E402

if timm.__version__ != TIMM_VERSION:
    raise SystemExit(f"expected timm {TIMM_VERSION} (TIMM_SRC), got {timm.__version__} from {timm.__file__}")

# The architectures @x/hub implements, by timm module (each model family's entrypoint table).
ARCHITECTURES = {
    "resnet": [
        "resnet18", "resnet26", "resnet34", "resnet50", "resnet101", "resnet152",
        "resnet18d", "resnet26d", "resnet34d", "resnet50d", "resnet101d", "resnet152d",
        "resnext50_32x4d", "resnext101_32x8d", "test_resnet",
    ],
    "densenet": ["densenet121", "densenet161", "densenet169", "densenet201"],
    "regnet": ["regnetx_002", "regnetx_004", "regnetx_006", "regnetx_008", "regnety_002", "regnety_004", "regnety_006", "regnety_008"],
    "efficientnet": ["efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3", "test_efficientnet"],
    "mobilenetv3": ["mobilenetv3_large_100", "mobilenetv3_small_100"],
    "convnext": ["convnext_tiny", "convnext_small"],
    "vision_transformer": ["vit_tiny_patch16_224", "vit_small_patch16_224", "vit_base_patch16_224", "test_vit"],
    "deit": ["deit_tiny_patch16_224"],
}
