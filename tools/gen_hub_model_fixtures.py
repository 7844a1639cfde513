"""Writes packages/hub/test/fixtures/models/<fixture>.json: timm's models as timm.create_model builds
them (pretrained=False), for packages/hub/test/models.test.ts.

Each file holds the model name and create_model's keyword arguments, the parameter count, the
state_dict keys with shapes in order, str(model), and the eval-mode output on
deterministic_input(input_shape) after load_deterministic_weights (tools/vision_weights.py, twin of
packages/vision/test/helpers/deterministic-weights.ts), so any architecture compares without a
weight file.

Run: /usr/bin/python3 tools/gen_hub_model_fixtures.py [FIXTURE...]   (no names: every fixture;
see tools/hub_timm.py for the timm it imports)
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import enc_values  # noqa: E402
from hub_timm import ARCHITECTURES, timm  # noqa: E402
from vision_weights import deterministic_input, load_deterministic_weights  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "hub", "test", "fixtures", "models")

IMAGENET = [1, 3, 224, 224]
# Big CNNs run on a small image in the test (the arithmetic is the same at any size).
SMALL = [1, 3, 64, 64]
TEST_SIZE = [1, 3, 160, 160]
BIG = {
    "resnet101", "resnet152", "resnet101d", "resnet152d", "resnext101_32x8d", "densenet161", "densenet169", "densenet201",
    "convnext_small", "efficientnet_b2", "efficientnet_b3",
}

# fixture name -> (model name, create_model keyword arguments, input shape)
FIXTURES = {}
for archs in ARCHITECTURES.values():
    for arch in archs:
        FIXTURES[arch] = (arch, {}, TEST_SIZE if arch.startswith("test_") else SMALL if arch in BIG else IMAGENET)
FIXTURES.update({
    # the seed's call: 10 classes from 1-channel images
    "resnet34_10_classes_1_chan": ("resnet34", {"num_classes": 10, "in_chans": 1}, [1, 1, 64, 64]),
    # reset_classifier(0): pooled features; and no pooling either
    "resnet18_no_classifier": ("resnet18", {"num_classes": 0}, SMALL),
    "resnet18_no_pool": ("resnet18", {"num_classes": 0, "global_pool": ""}, SMALL),
    "resnet50_catavgmax": ("resnet50", {"global_pool": "catavgmax", "num_classes": 7}, SMALL),
    # dilation in place of the last strides (BasicBlock, and the average-pool shortcut that pads 'SAME')
    "resnet18d_output_stride_8": ("resnet18d", {"output_stride": 8}, SMALL),
    "resnet50_output_stride_16": ("resnet50", {"output_stride": 16, "down_kernel_size": 3}, SMALL),
    # stochastic depth and DropBlock layers (identities in eval), dropout before the classifier
    "resnet26d_drop_rates": ("resnet26d", {"drop_rate": 0.2, "drop_path_rate": 0.1, "drop_block_rate": 0.1}, SMALL),
    "resnet34_tiered_stem": ("resnet34", {"stem_type": "deep_tiered", "stem_width": 32, "replace_stem_pool": True, "block_reduce_first": 2}, SMALL),
    "densenet121_5_chan": ("densenet121", {"in_chans": 5, "num_classes": 3}, [1, 5, 64, 64]),
    "densenet121_deep_stem_max": ("densenet121", {"stem_type": "deep_tiered", "global_pool": "max", "num_classes": 0}, SMALL),
    "densenet121_small_catavgmax": ("densenet121", {"growth_rate": 16, "block_config": [2, 3, 4], "bn_size": 2, "global_pool": "catavgmax", "num_classes": 4, "drop_rate": 0.2, "proj_drop_rate": 0.1}, SMALL),
    "regnety_002_os16_drop_path": ("regnety_002", {"output_stride": 16, "drop_path_rate": 0.1, "global_pool": "avgmax", "num_classes": 7}, SMALL),
    "regnetx_002_os8_no_classifier": ("regnetx_002", {"output_stride": 8, "num_classes": 0}, SMALL),
    "regnetx_002_avg_down_final_conv": ("regnetx_002", {"downsample": "avg", "linear_out": True, "num_features": 256, "bottle_ratio": 0.5, "num_classes": 5}, SMALL),
    "regnetx_002_avg_down_os8": ("regnetx_002", {"downsample": "avg", "output_stride": 8, "num_classes": 3}, SMALL),
    "regnety_002_silu": ("regnety_002", {"act_layer": "silu", "num_classes": 5}, SMALL),
    "densenet121_silu": ("densenet121", {"act_layer": "silu", "growth_rate": 8, "num_classes": 5}, SMALL),
    "regnety_002_no_shortcut_linear_out": ("regnety_002", {"downsample": "", "linear_out": True, "se_ratio": 0.5, "num_classes": 6}, SMALL),
    "efficientnet_b0_no_classifier": ("efficientnet_b0", {"num_classes": 0}, SMALL),
    # dilation past output stride 16, drop path printed, a doubled pooling; width, depth and group scaling
    "efficientnet_b0_os16_catavgmax": ("efficientnet_b0", {"output_stride": 16, "drop_path_rate": 0.2, "global_pool": "catavgmax", "num_classes": 7}, SMALL),
    "efficientnet_b1_group8_divisor16": ("efficientnet_b1", {"group_size": 8, "channel_divisor": 16, "drop_rate": 0.3}, SMALL),
    "test_efficientnet_wide_deep_1_chan": ("test_efficientnet", {"channel_multiplier": 1.5, "depth_multiplier": 2.5, "in_chans": 1}, [1, 1, 64, 64]),
    "mobilenetv3_large_100_no_classifier": ("mobilenetv3_large_100", {"num_classes": 0}, SMALL),
    "mobilenetv3_small_100_relu_deep": ("mobilenetv3_small_100", {"act_layer": "relu", "depth_multiplier": 1.3, "bn_eps": 1e-3, "num_classes": 10}, SMALL),
    "convnext_tiny_no_classifier": ("convnext_tiny", {"num_classes": 0}, SMALL),
    "vit_tiny_img_96": ("vit_tiny_patch16_224", {"img_size": 96, "num_classes": 5}, [2, 3, 96, 96]),
    "vit_small_no_classifier": ("vit_small_patch16_224", {"num_classes": 0}, IMAGENET),
})


def main(names):
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.set_num_threads(2)
    for fixture in names or FIXTURES:
        name, kwargs, input_shape = FIXTURES[fixture]
        torch.manual_seed(0)
        model = timm.create_model(name, pretrained=False, **kwargs)
        load_deterministic_weights(model)
        model.eval()
        with torch.no_grad():
            out = model(deterministic_input(input_shape))
        data = {
            "name": name,
            "kwargs": kwargs,
            "num_params": sum(p.numel() for p in model.parameters()),
            "state": [[k, list(t.shape)] for k, t in model.state_dict().items()],
            "repr": str(model),
            "input_shape": input_shape,
            "output_shape": list(out.shape),
            "output": enc_values(out),
        }
        with open(os.path.join(OUT_DIR, f"{fixture}.json"), "w") as f:
            json.dump(data, f, separators=(",", ":"))
        print(f"{fixture}: {data['num_params']} parameters, output {data['output_shape']}")


if __name__ == "__main__":
    main(sys.argv[1:])
