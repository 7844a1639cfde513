"""Writes packages/nn/test/fixtures/models.json: the seed's models as PyTorch 1.13 builds them.

For each model: str(model), the parameter count, the first parameter shapes, and for the small ones
the output and parameter gradients after loading deterministic weights (w = 0.1 * sin(0.01 * i + k)
for the k-th tensor of the state dict), so the TypeScript port can load the same weights.
Run: /usr/bin/python3 tools/gen_model_fixtures.py
"""
import json
import math
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 256)
        self.act = nn.ReLU()
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        return self.output(self.act(self.hidden(x)))


class Net(nn.Module):  # LeNet
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 400)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class AlexNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 96, 11, 4), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(96, 256, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(256, 384, 3, 1, 1), nn.ReLU(), nn.Conv2d(384, 384, 3, 1, 1), nn.ReLU(),
            nn.Conv2d(384, 256, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(3, 2))
        self.fc = nn.Sequential(
            nn.Linear(256 * 5 * 5, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, 10))

    def forward(self, img):
        return self.fc(self.conv(img).view(img.shape[0], -1))


class DoubleConv(nn.Module):
    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        mid_channels = mid_channels or out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False), nn.BatchNorm2d(mid_channels), nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(nn.MaxPool2d(2), DoubleConv(in_channels, out_channels))

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    def __init__(self, in_channels, out_channels, bilinear=False):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        diffY = x2.size()[2] - x1.size()[2]
        diffX = x2.size()[3] - x1.size()[3]
        x1 = F.pad(x1, [diffX // 2, diffX - diffX // 2, diffY // 2, diffY - diffY // 2])
        return self.conv(torch.cat([x2, x1], dim=1))


class OutConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1)

    def forward(self, x):
        return self.conv(x)


class UNet(nn.Module):
    def __init__(self, n_channels, n_classes, bilinear=False, width=64):
        super().__init__()
        w = width
        self.inc = DoubleConv(n_channels, w)
        self.down1 = Down(w, 2 * w)
        self.down2 = Down(2 * w, 4 * w)
        self.down3 = Down(4 * w, 8 * w)
        factor = 2 if bilinear else 1
        self.down4 = Down(8 * w, 16 * w // factor)
        self.up1 = Up(16 * w, 8 * w // factor, bilinear)
        self.up2 = Up(8 * w, 4 * w // factor, bilinear)
        self.up3 = Up(4 * w, 2 * w // factor, bilinear)
        self.up4 = Up(2 * w, w, bilinear)
        self.outc = OutConv(w, n_classes)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x4 = self.down3(x3)
        x5 = self.down4(x4)
        x = self.up1(x5, x4)
        x = self.up2(x, x3)
        x = self.up3(x, x2)
        x = self.up4(x, x1)
        return self.outc(x)


class BasicBlock(nn.Module):  # a ResNet-style block (torchvision's BasicBlock)
    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, kernel_size=1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


def load_pattern(model):
    with torch.no_grad():
        for k, (name, t) in enumerate(model.state_dict().items()):
            if t.dtype.is_floating_point:
                i = torch.arange(t.numel(), dtype=torch.float64)
                t.copy_((0.1 * torch.sin(0.01 * i + k)).reshape(t.shape).to(t.dtype))


def pattern_input(shape, k=0):
    n = math.prod(shape)
    return (torch.sin(0.05 * torch.arange(n, dtype=torch.float64) + k)).reshape(shape).float()


def entry(model, inputs=None, train=False):
    e = {
        "repr": str(model),
        "num_params": sum(p.numel() for p in model.parameters()),
        "param_shapes": [list(p.shape) for p in model.parameters()],
        "state_keys": list(model.state_dict().keys()),
    }
    if inputs is not None:
        load_pattern(model)
        model.train(train)
        xs = [pattern_input(s, i) for i, s in enumerate(inputs)]
        out = model(*xs)
        e["input_shapes"] = inputs
        e["output_shape"] = list(out.shape)
        e["output"] = out.detach().flatten().tolist()
        out.sum().backward()
        e["grads"] = {n: p.grad.flatten().tolist() for n, p in model.named_parameters() if p.grad is not None and p.numel() <= 5000}
    return e


torch.manual_seed(0)
fixtures = {
    "mlp": entry(MLP(), [[2, 784]]),
    "lenet": entry(Net(), [[1, 1, 32, 32]]),
    "alexnet": entry(AlexNet()),
    "unet": entry(UNet(3, 2)),
    "unet_bilinear": entry(UNet(3, 2, bilinear=True)),
    "unet_small": entry(UNet(3, 2, width=4), [[2, 3, 20, 28]], train=True),
    "unet_small_bilinear": entry(UNet(3, 2, bilinear=True, width=4), [[2, 3, 19, 26]], train=True),
    "basic_block": entry(BasicBlock(4, 8, stride=2), [[2, 4, 8, 8]], train=True),
    "sequential": {"repr": str(nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)))},
    "sequential_named": {"repr": str(nn.Sequential(OrderedDict([("fc1", nn.Linear(784, 256)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(256, 10))])))},
}
path = os.path.join(os.path.dirname(__file__), "..", "packages", "nn", "test", "fixtures", "models.json")
with open(path, "w") as f:
    json.dump(fixtures, f)
print("wrote", path, os.path.getsize(path), "bytes")
