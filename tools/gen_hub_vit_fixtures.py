"""Writes packages/hub/test/fixtures/vit-convnext.json: timm 1.0.28's ConvNeXt and VisionTransformer
built from their classes with the options the named architectures do not use (small widths, so the
whole model fits in the fixture), reset_classifier, test_vit at a non-square input (position
embeddings resampled in the forward), resample_abs_pos_embed, and a checkpoint loaded into a ViT of
another image size through timm's checkpoint_filter_fn, original-layout ConvNeXt checkpoints renamed
by timm's convnext checkpoint_filter_fn, for packages/hub/test/vit-convnext.test.ts.

Each case holds the class's keyword arguments (or a create_model name), the reset_classifier call
if any, the state-dict keys with shapes, str(model), and the eval-mode output on
deterministic_input after load_deterministic_weights (tools/vision_weights.py).

Run: /usr/bin/python3 tools/gen_hub_vit_fixtures.py   (see tools/hub_timm.py for the timm it imports)
"""
import json
import os
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import enc_values  # noqa: E402
from hub_timm import timm  # noqa: E402
from vision_weights import deterministic_input, load_deterministic_weights  # noqa: E402
from timm.layers import resample_abs_pos_embed  # noqa: E402
from timm.models.convnext import ConvNeXt, checkpoint_filter_fn as convnext_checkpoint_filter_fn  # noqa: E402
from timm.models.vision_transformer import VisionTransformer, checkpoint_filter_fn  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "hub", "test", "fixtures", "vit-convnext.json")

SMALL_CONVNEXT = {"depths": [1, 1, 2, 1], "dims": [8, 16, 24, 32]}
SMALL_VIT = {"img_size": 32, "patch_size": 8, "embed_dim": 16, "depth": 2, "num_heads": 2}

# case name -> (class name or "create:<model name>", keyword arguments, reset_classifier args or None, input shape)
MODELS = {
    "convnext_reset_to_conv_head": ("ConvNeXt", {**SMALL_CONVNEXT, "num_classes": 5}, [4, ""], [1, 3, 64, 64]),
    "convnext_conv_mlp_hidden_head_no_ls": ("ConvNeXt", {**SMALL_CONVNEXT, "conv_mlp": True, "head_hidden_size": 12, "ls_init_value": None, "num_classes": 3, "drop_path_rate": 0.2}, None, [2, 3, 64, 64]),
    "convnext_hidden_head_reset_unpooled": ("ConvNeXt", {**SMALL_CONVNEXT, "head_hidden_size": 12, "num_classes": 3}, [2, ""], [1, 3, 64, 64]),
    "convnext_head_norm_first_max": ("ConvNeXt", {**SMALL_CONVNEXT, "head_norm_first": True, "global_pool": "max", "kernel_sizes": 3, "patch_size": 2, "norm_eps": 1e-5, "num_classes": 4}, None, [1, 3, 32, 32]),
    "vit_avg_reg_tokens_layer_scale_qk_norm": ("VisionTransformer", {**SMALL_VIT, "global_pool": "avg", "reg_tokens": 2, "init_values": 0.1, "qk_norm": True, "num_classes": 3, "drop_path_rate": 0.1}, None, [2, 3, 32, 32]),
    "vit_no_class_token_avgmax_pre_norm": ("VisionTransformer", {"img_size": 48, "patch_size": 16, "embed_dim": 12, "depth": 1, "num_heads": 3, "mlp_ratio": 2, "qkv_bias": False, "class_token": False, "global_pool": "avgmax", "no_embed_class": True, "pre_norm": True, "num_classes": 2}, None, [1, 3, 48, 48]),
    "vit_reset_to_max_pool": ("VisionTransformer", {**SMALL_VIT, "num_classes": 3}, [6, "max"], [1, 3, 32, 32]),
    "test_vit_non_square_input": ("create:test_vit", {}, None, [1, 3, 96, 128]),
    "test_vit_reset_to_features": ("create:test_vit", {}, [0, "avg"], [1, 3, 64, 64]),
}

CLASSES = {"ConvNeXt": ConvNeXt, "VisionTransformer": VisionTransformer}


def build(kind, kwargs):
    if kind.startswith("create:"):
        return timm.create_model(kind[len("create:"):], pretrained=False, **kwargs)
    return CLASSES[kind](**kwargs)


def model_case(kind, kwargs, reset, input_shape):
    torch.manual_seed(0)
    model = build(kind, kwargs)
    if reset is not None:
        model.reset_classifier(*reset)
    load_deterministic_weights(model)
    model.eval()
    with torch.no_grad():
        out = model(deterministic_input(input_shape))
    return {
        "kind": kind,
        "kwargs": kwargs,
        "reset": reset,
        "state": [[k, list(t.shape)] for k, t in model.state_dict().items()],
        "repr": str(model),
        "input_shape": input_shape,
        "output_shape": list(out.shape),
        "output": enc_values(out),
    }


# name -> (tokens, prefix tokens, new grid, antialias): the embeddings are deterministic_input([1, tokens, 8])
RESAMPLES = {
    "up_4x4_to_6x6_plain": (17, 1, [6, 6], False),
    "down_4x4_to_3x3_plain": (17, 1, [3, 3], False),
    "up_4x4_to_2x5_antialias_no_prefix": (16, 0, [2, 5], True),
    "down_6x6_to_4x4_antialias": (38, 2, [4, 4], True),
}


def resample_case(tokens, prefix, new_size, antialias):
    posemb = deterministic_input([1, tokens, 8])
    out = resample_abs_pos_embed(posemb, new_size, num_prefix_tokens=prefix, antialias=antialias)
    return {"tokens": tokens, "num_prefix_tokens": prefix, "new_size": new_size, "antialias": antialias, "output_shape": list(out.shape), "output": enc_values(out)}


def checkpoint_case():
    """A 64-pixel ViT's weights loaded into a 96-pixel one: the 4×4 grid's embeddings resampled to 6×6."""
    base = {"patch_size": 16, "embed_dim": 16, "depth": 1, "num_heads": 2, "num_classes": 3}
    source = VisionTransformer(img_size=64, **base)
    load_deterministic_weights(source)
    target = VisionTransformer(img_size=96, **base)
    target.load_state_dict(checkpoint_filter_fn(source.state_dict(), target))
    target.eval()
    with torch.no_grad():
        out = target(deterministic_input([1, 3, 96, 96]))
    return {
        "base": base, "source_img_size": 64, "target_img_size": 96,
        "pos_embed_shape": list(target.pos_embed.shape), "pos_embed": enc_values(target.pos_embed),
        "output_shape": list(out.shape), "output": enc_values(out),
    }


def facebook_key(k):
    """timm's ConvNeXt key → the original (facebookresearch) checkpoint's, the layout timm's filter renames."""
    k = re.sub(r"^stem\.", "downsample_layers.0.", k)
    k = re.sub(r"^stages\.([0-9]+)\.downsample\.", r"downsample_layers.\1.", k)
    k = re.sub(r"^stages\.([0-9]+)\.blocks\.([0-9]+)\.", r"stages.\1.\2.", k)
    k = k.replace("conv_dw", "dwconv").replace("mlp.fc", "pwconv")
    return k.replace("head.norm.", "norm.").replace("head.fc.", "head.")


def facebook_checkpoint_case(kwargs):
    """An original-layout checkpoint of a small ConvNeXt (1×1 MLP weights as Linear matrices) through timm's filter."""
    model = ConvNeXt(**kwargs)
    original = {}
    for k, v in model.state_dict().items():
        original[facebook_key(k)] = v.reshape(v.shape[:2]) if "mlp.fc" in k and v.dim() == 4 else v
    filtered = convnext_checkpoint_filter_fn(original, model)
    return {
        "kwargs": kwargs,
        "original": [[k, list(v.shape)] for k, v in original.items()],
        "filtered": [[k, list(v.shape)] for k, v in filtered.items()],
    }


def main():
    torch.set_num_threads(2)
    data = {
        "models": {name: model_case(*spec) for name, spec in MODELS.items()},
        "resample": {name: resample_case(*spec) for name, spec in RESAMPLES.items()},
        "checkpoint": checkpoint_case(),
        "convnext_facebook_checkpoints": {
            "linear_mlp": facebook_checkpoint_case({**SMALL_CONVNEXT, "num_classes": 5}),
            "conv_mlp": facebook_checkpoint_case({**SMALL_CONVNEXT, "conv_mlp": True, "num_classes": 5}),
        },
    }
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    for name, case in data["models"].items():
        print(f"{name}: output {case['output_shape']}")


if __name__ == "__main__":
    main()
