"""Fixtures for @x/vision's io, utils and datasets tests, from torchvision 0.14 (Debian's
python3-torchvision): small images written with PIL, what torchvision.io reads from each in every
ImageReadMode, make_grid / save_image results, an ImageFolder tree with what ImageFolder finds in it,
and a tiny CIFAR-format folder written with Python's pickle.

Run: /usr/bin/python3 tools/gen_vision_io_fixtures.py (writes packages/vision/test/fixtures/).
"""
import gzip
import hashlib
import io
import json
import os
import pickle
import shutil
import struct
import tarfile
import sys

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision.io import ImageReadMode, read_image
from torchvision.utils import make_grid, save_image

sys.path.insert(0, os.path.dirname(__file__))
from fixture_io import enc_tensor  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "packages", "vision", "test", "fixtures")
IMAGES = os.path.join(ROOT, "images")
MODES = ["UNCHANGED", "GRAY", "GRAY_ALPHA", "RGB", "RGB_ALPHA"]


def pattern(h, w, c, seed):
    """Smooth gradients with a little noise: what a photo looks like to a codec, small enough to commit."""
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(h, dtype=torch.float64).view(h, 1, 1)
    x = torch.arange(w, dtype=torch.float64).view(1, w, 1)
    k = torch.arange(c, dtype=torch.float64).view(1, 1, c)
    base = 127.5 + 100 * torch.sin(0.35 * x + 0.2 * y + 1.3 * k) * torch.cos(0.15 * y - 0.4 * k)
    noise = torch.randint(-12, 13, (h, w, c), generator=g).to(torch.float64)
    return (base + noise).round().clamp(0, 255).to(torch.uint8).numpy()


def write_images():
    os.makedirs(IMAGES, exist_ok=True)
    h, w = 14, 19
    Image.fromarray(pattern(h, w, 1, 1)[:, :, 0], "L").save(os.path.join(IMAGES, "gray.png"))
    Image.fromarray(pattern(h, w, 2, 2), "LA").save(os.path.join(IMAGES, "gray_alpha.png"))
    Image.fromarray(pattern(h, w, 3, 3), "RGB").save(os.path.join(IMAGES, "rgb.png"))
    Image.fromarray(pattern(h, w, 4, 4), "RGBA").save(os.path.join(IMAGES, "rgba.png"))
    Image.fromarray(pattern(h, w, 3, 5), "RGB").quantize(colors=16).save(os.path.join(IMAGES, "palette.png"))
    gray16 = pattern(h, w, 1, 6)[:, :, 0].astype(np.uint16) * 257 + np.arange(w, dtype=np.uint16)
    Image.fromarray(gray16.astype(np.uint16), "I;16").save(os.path.join(IMAGES, "gray16.png"))
    Image.fromarray(pattern(h, w, 3, 7), "RGB").save(os.path.join(IMAGES, "rgb.jpg"), quality=90)
    Image.fromarray(pattern(h, w, 1, 8)[:, :, 0], "L").save(os.path.join(IMAGES, "gray.jpg"), quality=90)
    # Broken files: a PNG cut short, a JPEG cut short, and text with an image's name.
    png = open(os.path.join(IMAGES, "rgb.png"), "rb").read()
    open(os.path.join(IMAGES, "truncated.png"), "wb").write(png[: len(png) // 2])
    jpg = open(os.path.join(IMAGES, "rgb.jpg"), "rb").read()
    open(os.path.join(IMAGES, "truncated.jpg"), "wb").write(jpg[: len(jpg) // 2])
    open(os.path.join(IMAGES, "not_an_image.png"), "wb").write(b"this is not an image\n")


def read_all():
    out = {}
    for name in ["gray.png", "gray_alpha.png", "rgb.png", "rgba.png", "palette.png", "gray16.png", "rgb.jpg", "gray.jpg"]:
        path = os.path.join(IMAGES, name)
        per_mode = {}
        for mode in MODES:
            try:
                per_mode[mode] = enc_tensor(read_image(path, ImageReadMode[mode]))
            except Exception as e:  # torchvision refuses some (16-bit PNG): record what it says
                per_mode[mode] = {"error": str(e)}
        # What PIL's RGB conversion gives: torchvision's default loader for ImageFolder.
        rgb = torch.from_numpy(np.asarray(Image.open(path).convert("RGB")).copy())
        out[name] = {"modes": per_mode, "pilRgb": enc_tensor(rgb)}
    return out


def grids():
    g = torch.Generator().manual_seed(15)
    batch = torch.randn(5, 3, 4, 6, generator=g)
    gray = torch.rand(3, 1, 5, 4, generator=g)
    single = torch.randn(3, 4, 5, generator=g)
    plain = torch.randn(4, 6, generator=g)
    inputs = {"batch": batch, "gray": gray, "single": single, "plain": plain}
    cases = [
        ("batch", {}),
        ("batch", {"nrow": 2, "padding": 1, "pad_value": 0.5}),
        ("batch", {"nrow": 3, "padding": 0}),
        ("batch", {"normalize": True}),
        ("batch", {"normalize": True, "scale_each": True, "nrow": 4}),
        ("batch", {"normalize": True, "value_range": (-1.0, 1.0)}),
        ("batch", {"normalize": True, "value_range": (-0.5, 2.0), "scale_each": True}),
        ("gray", {"padding": 3, "pad_value": 1.0}),
        ("single", {}),
        ("single", {"normalize": True}),
        ("plain", {"normalize": True}),
        ("batch", {"nrow": 10}),
    ]
    out = []
    for name, kw in cases:
        grid = make_grid(inputs[name], **kw)
        options = {
            {"nrow": "nrow", "padding": "padding", "normalize": "normalize", "value_range": "valueRange", "scale_each": "scaleEach", "pad_value": "padValue"}[k]: (list(v) if isinstance(v, tuple) else v)
            for k, v in kw.items()
        }
        buf = io.BytesIO()
        save_image(inputs[name], buf, format="png", **kw)
        saved = torch.from_numpy(np.asarray(Image.open(io.BytesIO(buf.getvalue()))).copy())
        out.append({"input": name, "options": options, "grid": enc_tensor(grid), "saved": enc_tensor(saved)})
    # a list of tensors stacks them
    lst = [batch[0], batch[1], batch[2]]
    out.append({"input": "list3", "options": {"nrow": 2}, "grid": enc_tensor(make_grid(lst, nrow=2)), "saved": None})
    return {"inputs": {k: enc_tensor(v) for k, v in inputs.items()}, "cases": out}


def write_image_folder():
    """A tree with what ImageFolder's sorting and filtering have to get right: case, underscores and
    digits in class names, nested folders, upper-case extensions, files it must skip."""
    root = os.path.join(ROOT, "imagefolder")
    shutil.rmtree(root, ignore_errors=True)
    tiny = lambda seed: Image.fromarray(pattern(3, 2, 3, seed), "RGB")  # noqa: E731
    files = [
        "cat/b.png", "cat/a.png", "cat/A2.PNG", "cat/notes.txt", "cat/sub/deep.jpg", "cat/sub/z/deeper.png",
        "Dog/x.jpeg", "Dog/10.png", "Dog/9.png", "_bird/one.bmp", "10_fish/f.webp", "2_fish/g.ppm",
        "Dog/.hidden.png",
    ]
    for i, rel in enumerate(files):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        ext = os.path.splitext(rel)[1].lower()
        if ext in (".txt", ".md"):
            open(path, "w").write("not an image\n")
        else:
            fmt = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".bmp": "BMP", ".webp": "WEBP", ".ppm": "PPM"}[ext]
            tiny(i).save(path, format=fmt, **({"lossless": True} if fmt == "WEBP" else {}))
    open(os.path.join(root, "stray.png"), "wb").write(open(os.path.join(root, "cat/a.png"), "rb").read())
    # A second tree whose class 'empty' holds no image.
    bad = os.path.join(ROOT, "imagefolder-empty-class")
    shutil.rmtree(bad, ignore_errors=True)
    os.makedirs(os.path.join(bad, "full"))
    os.makedirs(os.path.join(bad, "empty"))
    tiny(0).save(os.path.join(bad, "full", "a.png"))
    open(os.path.join(bad, "empty", "readme.md"), "w").write("not an image\n")
    return root


def image_folder_results(root):
    from torchvision.datasets import DatasetFolder, ImageFolder
    from torchvision.datasets.folder import IMG_EXTENSIONS

    rel = lambda p: os.path.relpath(p, root)  # noqa: E731
    out = {"IMG_EXTENSIONS": list(IMG_EXTENSIONS)}
    bad = os.path.join(ROOT, "imagefolder-empty-class")
    try:
        ImageFolder(bad)
    except Exception as e:
        out["emptyClassError"] = str(e).replace(bad, "<root>")
    try:
        ImageFolder(bad, is_valid_file=lambda p: p.endswith(".png"))
    except Exception as e:
        out["emptyClassErrorValidFile"] = str(e).replace(bad, "<root>")
    ds = ImageFolder(root)
    out["classes"] = ds.classes
    out["classToIdx"] = ds.class_to_idx
    out["samples"] = [[rel(p), t] for p, t in ds.samples]
    first = ds[0][0]
    out["first"] = enc_tensor(torch.from_numpy(np.asarray(first).copy()))
    out["repr"] = repr(ds).replace(root, "<root>")
    some = DatasetFolder(root, loader=lambda p: p, extensions=(".png", ".bmp", ".webp", ".ppm", ".jpeg"))
    out["someSamples"] = [[rel(p), t] for p, t in some.samples]
    try:
        DatasetFolder(root, loader=lambda p: p, extensions=(".png", ".gif"))
    except Exception as e:
        out["pngGifError"] = str(e).replace(root, "<root>")
    try:
        ImageFolder(os.path.join(root, "cat", "sub", "z"))
    except Exception as e:
        out["noClassError"] = str(e).replace(root, "<root>")
    with_tf = ImageFolder(root, transform=torchvision.transforms.ToTensor())
    out["reprWithTransform"] = repr(with_tf).replace(root, "<root>")
    return out


class Py2Pickler(pickle._Pickler):
    """Writes str and bytes as Python 2's str (SHORT_BINSTRING / BINSTRING), as the real CIFAR
    batches, pickled by Python 2, hold them."""

    dispatch = dict(pickle._Pickler.dispatch)

    def save_py2_str(self, obj):
        raw = obj if isinstance(obj, bytes) else obj.encode("latin1")
        if len(raw) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(raw)]) + raw)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(raw)) + raw)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str
    dispatch[str] = save_py2_str


def py2_dump(obj, path):
    with open(path, "wb") as fh:
        Py2Pickler(fh, protocol=2).dump(obj)


def write_cifar():
    """CIFAR's layout (<root>/cifar-10-batches-py/data_batch_1..5, test_batch, batches.meta), with a
    few random images per batch, pickled as the real files are: protocol 2, Python 2 str for text and
for the pixel bytes, which torchvision reads back with pickle.load(f, encoding="latin1")."""
    rng = np.random.RandomState(10)
    out = {}
    for name, folder, train_list, test_list, meta, meta_key, label_key, nclass in [
        ("CIFAR10", "cifar-10-batches-py", [f"data_batch_{i}" for i in range(1, 6)], ["test_batch"], "batches.meta", "label_names", "labels", 10),
        ("CIFAR100", "cifar-100-python", ["train"], ["test"], "meta", "fine_label_names", "fine_labels", 100),
    ]:
        base = os.path.join(ROOT, "cifar", folder)
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(base)
        for i, f in enumerate(train_list + test_list):
            n = 2 + i % 2
            data = rng.randint(0, 256, size=(n, 3072)).astype(np.uint8)
            labels = [int(v) for v in rng.randint(0, nclass, size=n)]
            entry = {"batch_label": f"batch {i}", "data": data, label_key: labels, "filenames": [f"img{j}.png" for j in range(n)]}
            if name == "CIFAR100":
                entry["coarse_labels"] = [v // 5 for v in labels]
            py2_dump(entry, os.path.join(base, f))
        names = [f"class{k}" for k in range(nclass)]
        py2_dump({meta_key: names, "num_cases_per_batch": 3}, os.path.join(base, meta))
        ds_cls = getattr(torchvision.datasets, name)
        root = os.path.join(ROOT, "cifar")
        res = {}
        for train in (True, False):
            # The integrity checks compare MD5s with the real files': skip them for the fake ones.
            torchvision.datasets.cifar.check_integrity = lambda *args: True
            ds_cls._check_integrity = lambda self: True
            ds = ds_cls(root, train=train)
            res["train" if train else "test"] = {
                "data": enc_tensor(torch.from_numpy(ds.data.copy())),
                "targets": ds.targets,
                "first": enc_tensor(torch.from_numpy(np.asarray(ds[0][0]).copy())),
                "repr": repr(ds).replace(root, "<root>"),
            }
        res["classes"] = ds.classes
        out[name] = res
    # The CIFAR-10 folder as a .tar.gz, to serve a test's download (mtimes fixed: the same bytes every run).
    archive = os.path.join(ROOT, "cifar-10-python.tar.gz")
    with open(archive, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for f in sorted(os.listdir(os.path.join(ROOT, "cifar", "cifar-10-batches-py"))):
            info = tar.gettarinfo(os.path.join(ROOT, "cifar", "cifar-10-batches-py", f), arcname=f"cifar-10-batches-py/{f}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with open(os.path.join(ROOT, "cifar", "cifar-10-batches-py", f), "rb") as fh:
                tar.addfile(info, fh)
    out["CIFAR10"]["tgzMd5"] = hashlib.md5(open(archive, "rb").read()).hexdigest()
    return out


def mnist_repr():
    from torchvision.datasets import FashionMNIST

    ds = FashionMNIST("/usr/share/datasets/fashion-mnist", train=False)
    return {"repr": repr(ds), "classToIdx": ds.class_to_idx}


def fake_data_repr():
    from torchvision.datasets import FakeData

    ds = FakeData(size=7, image_size=(3, 5, 4), num_classes=4)
    img, target = ds[2]
    return {"repr": repr(ds), "mode": img.mode, "size": list(img.size)}


def main():
    write_images()
    root = write_image_folder()
    # Fashion-MNIST from Debian's package, read the way torchvision would from <root>/FashionMNIST/raw
    fm = None
    fm_root = "/tmp/vision-io-fm"
    raw = os.path.join(fm_root, "FashionMNIST", "raw")
    os.makedirs(raw, exist_ok=True)
    for f in ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"]:
        dest = os.path.join(raw, f)
        if not os.path.exists(dest):
            with gzip.open(f"/usr/share/datasets/fashion-mnist/{f}.gz") as src, open(dest, "wb") as out:
                out.write(src.read())
    from torchvision.datasets import FashionMNIST

    ds = FashionMNIST(fm_root, train=False)
    img, target = ds[3]
    fm = {
        "repr": repr(ds).replace(fm_root, "<root>"),
        "classToIdx": ds.class_to_idx,
        "item3": {"mode": img.mode, "image": enc_tensor(torch.from_numpy(np.asarray(img).copy())), "target": target},
    }
    result = {
        "io": read_all(),
        "grids": grids(),
        "imageFolder": image_folder_results(root),
        "cifar": write_cifar(),
        "fashionMnist": fm,
        "fakeData": fake_data_repr(),
    }
    with open(os.path.join(ROOT, "vision-io.json"), "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main()
