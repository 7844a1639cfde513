"""Writes the small Fashion-MNIST subset committed in examples/fashion-mnist/data/fashion-mnist-subset.

The example falls back to it on a machine with no Fashion-MNIST and no network. It is drawn from
Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), stratified: 600 training and
100 test images of each of the 10 classes, chosen with a fixed seed, kept in their original order,
written as gzipped IDX files under the original names (gzip's timestamp fixed, so a rerun writes the
same bytes).

    /usr/bin/python3 tools/make_fashion_subset.py
"""
import gzip
import os
import struct

import numpy as np

SOURCE = "/usr/share/datasets/fashion-mnist"
DEST = os.path.join(os.path.dirname(__file__), "..", "examples", "fashion-mnist", "data", "fashion-mnist-subset")
SEED = 0
PER_CLASS = {"train": 600, "t10k": 100}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def write_idx(path, array):
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(">" + "I" * array.ndim, *array.shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def main():
    os.makedirs(DEST, exist_ok=True)
    rng = np.random.RandomState(SEED)
    for split, per_class in PER_CLASS.items():
        images = read_idx(os.path.join(SOURCE, f"{split}-images-idx3-ubyte.gz"))
        labels = read_idx(os.path.join(SOURCE, f"{split}-labels-idx1-ubyte.gz"))
        chosen = np.sort(np.concatenate([rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in range(10)]))
        write_idx(os.path.join(DEST, f"{split}-images-idx3-ubyte.gz"), images[chosen])
        write_idx(os.path.join(DEST, f"{split}-labels-idx1-ubyte.gz"), labels[chosen])
        print(f"{split}: {len(chosen)} images, per class {np.bincount(labels[chosen]).tolist()}")


if __name__ == "__main__":
    main()
