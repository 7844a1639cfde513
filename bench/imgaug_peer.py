"""The imgaug side of `pnpm bench augment`: images per second through the seed's pipeline
(iaa.Sequential([Affine(rotate=(-25,25)), AdditiveGaussianNoise(scale=(10,60)), Crop(percent=(0,0.2))]))
on the same 224x224 images as bench/src/augment/images.ts, read through a torch DataLoader with
the given number of worker processes (batch 16), second pass timed. imgaug 0.4.0 comes from
IMGAUG_SRC (default /work/imgaug/v0.4.0); numpy's removed aliases are restored for it.

Run: /usr/bin/python3 bench/imgaug_peer.py IMAGES WORKERS   (prints images per second)
"""
import json
import os
import sys
import time

import numpy as np

for alias, value in (("bool", bool), ("int", int), ("float", float), ("complex", complex), ("object", object)):
    if not hasattr(np, alias):
        setattr(np, alias, value)
sys.path.insert(0, os.environ.get("IMGAUG_SRC", "/work/imgaug/v0.4.0"))
import imgaug.augmenters as iaa  # noqa: E402
import torch  # noqa: E402

SIZE = 224


def bench_image(i):
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    r = x * np.float32(255 / (SIZE - 1))
    g = y * np.float32(255 / (SIZE - 1))
    b = np.mod(x + y + i * 7, 64) * 4
    return np.floor(np.stack([r, g, b], 2)).astype(np.uint8)


class AugmentedImages(torch.utils.data.Dataset):
    def __init__(self, count):
        self.images = [bench_image(i) for i in range(count)]
        self.aug = iaa.Sequential([iaa.Affine(rotate=(-25, 25)), iaa.AdditiveGaussianNoise(scale=(10, 60)), iaa.Crop(percent=(0, 0.2))])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return torch.from_numpy(self.aug.augment_image(self.images[i]))


def main():
    images, workers = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(1)
    loader = torch.utils.data.DataLoader(AugmentedImages(images), batch_size=16, num_workers=workers, persistent_workers=True)
    for _ in loader:
        pass
    t0 = time.perf_counter()
    n = sum(b.shape[0] for b in loader)
    assert n == images
    print(json.dumps(images / (time.perf_counter() - t0)))


if __name__ == "__main__":
    main()
