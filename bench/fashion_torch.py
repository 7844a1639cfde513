"""PyTorch's side of the Fashion-MNIST benchmark (bench/src/fashion/main.ts runs it): the seed's CNN,
Adam lr 1e-3, batch 256, shuffle, drop_last, 2 threads, the images read from the IDX files and
turned into tensors per item as transforms.ToTensor does, through a DataLoader in the main process.
Prints one JSON line: each epoch's seconds, RSS and mean loss, and the peak RSS.

    /usr/bin/python3 bench/fashion_torch.py --data /usr/share/datasets/fashion-mnist --epochs 3
"""
import argparse
import gzip
import json
import os
import resource
import struct
import time

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2, stride=2), nn.Dropout(0.3),
            nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2, stride=2), nn.Dropout(0.3),
        )
        self.fc = nn.Sequential(nn.Linear(64 * 4 * 4, 512), nn.ReLU(), nn.Linear(512, 10))

    def forward(self, x):
        return self.fc(self.conv(x).view(-1, 64 * 4 * 4))


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def find(root, base):
    for name in (base, base + ".gz"):
        for folder in (os.path.join(root, "FashionMNIST", "raw"), root):
            if os.path.isfile(os.path.join(folder, name)):
                return os.path.join(folder, name)
    raise FileNotFoundError(f"{base}[.gz] not found in {root}")


class FashionTrain(Dataset):
    """torchvision's FashionMNIST with ToTensor: a uint8 image per item, scaled to float [1, 28, 28]."""

    def __init__(self, root):
        self.images = torch.from_numpy(read_idx(find(root, "train-images-idx3-ubyte")).copy())
        self.labels = torch.from_numpy(read_idx(find(root, "train-labels-idx1-ubyte")).astype(np.int64))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i].float().div(255).unsqueeze(0), int(self.labels[i])


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    loader = DataLoader(FashionTrain(a.data), batch_size=a.batch_size, shuffle=True, drop_last=True, num_workers=0)
    model = Net()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    epochs = []
    for _ in range(a.epochs):
        t0 = time.perf_counter()
        total, batches = 0.0, 0
        for data, label in loader:
            optimizer.zero_grad()
            loss = criterion(model(data), label)
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        epochs.append({"seconds": time.perf_counter() - t0, "rssMiB": rss_mib(), "loss": total / batches})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"name": f"PyTorch {torch.__version__}", "detail": f"{torch.get_num_threads()} threads, DataLoader num_workers 0", "epochs": epochs, "peakRssMiB": peak}))


if __name__ == "__main__":
    main()
