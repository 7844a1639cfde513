#!/usr/bin/python3
"""PyTorch's half of the one-epoch cross-framework check (packages/serialize/test/train-epoch.test.ts).

The model is the seed's LeNet for 28x28 inputs (conv 1→6→16, 5x5, max-pool 2; fc 256→120→84→10);
@x's test builds the same architecture. Every file is read with torch.load(weights_only=True) except
the optimizer state_dict (see `step`).

  logits STATE INPUT
      Loads @x's trained state_dict into LeNet and prints {"logits": values} for INPUT (eval mode).
  train IMAGES LABELS INPUT OUT
      Trains LeNet one epoch here — torch.manual_seed(0) init, Adam(lr=1e-3), batches of 64 in file
      order, cross-entropy — on the tensors @x saved, saves its state_dict to OUT and prints
      {"loss": last batch loss, "logits": values for INPUT}.
  step STATE OPTIMIZER IMAGES LABELS
      Loads @x's model and Adam state_dict into LeNet and torch.optim.Adam, takes one more step on
      IMAGES/LABELS and prints {"weights_only_error": what torch.load(OPTIMIZER, weights_only=True)
      raised (None if it loaded), "steps": the loaded `step` of each parameter, "params": values of
      every parameter after the step}.

Values are flat lists in row-major order, with their shape.
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def values(t):
    return {"shape": list(t.shape), "values": t.detach().reshape(-1).double().tolist()}


def logits_of(model, input_path):
    x = torch.load(input_path, weights_only=True)
    with torch.no_grad():
        return values(model.eval()(x))


def loaded_model(state_path):
    model = LeNet()
    model.load_state_dict(torch.load(state_path, weights_only=True))
    return model


def train(images_path, labels_path, input_path, out_path):
    images = torch.load(images_path, weights_only=True)
    labels = torch.load(labels_path, weights_only=True)
    torch.manual_seed(0)
    model = LeNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss = None
    for i in range(0, len(images), 64):
        opt.zero_grad()
        loss = F.cross_entropy(model(images[i:i + 64]), labels[i:i + 64])
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), out_path)
    return {"loss": loss.item(), "logits": logits_of(model, input_path)}


def step(state_path, optimizer_path, images_path, labels_path):
    model = loaded_model(state_path)
    try:
        torch.load(optimizer_path, weights_only=True)
        error = None
    except Exception as e:  # noqa: BLE001
        error = str(e)
    sd = torch.load(optimizer_path, weights_only=False)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    opt.load_state_dict(sd)
    steps = [opt.state[p]["step"].item() for p in model.parameters()]
    images = torch.load(images_path, weights_only=True)
    labels = torch.load(labels_path, weights_only=True)
    opt.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    opt.step()
    return {"weights_only_error": error, "steps": steps, "params": {k: values(v) for k, v in model.named_parameters()}}


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "logits":
        out = {"logits": logits_of(loaded_model(args[0]), args[1])}
    elif mode == "train":
        out = train(*args)
    elif mode == "step":
        out = step(*args)
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
