#!/usr/bin/python3
"""Writes the scipy golden cases once. Run with Debian's python3-scipy:  /usr/bin/python3 make_golden.py

golden.npz (a zip of .npy files, float64) holds each distinct input and kernel once and scipy's output for every case;
manifest.json names each case's arrays and its scipy parameters.
The C# side maps the scipy parameters to ConvSharp options itself, so the mapping documented in docs/semantics.md is
what is being tested. Data are small integers, so every float32 sum is exact and comparisons are exact too.
Never regenerate these files to make a test pass.
"""
import json
import numpy as np
import scipy
from scipy import ndimage, signal

rng = np.random.default_rng(20261125)
cases = []


arrays = {}


def key_of(array):
    """Stores each distinct input or kernel once; returns its name in the archive."""
    for key, stored in arrays.items():
        if stored.shape == array.shape and np.array_equal(stored, array):
            return key
    key = f"a{len(arrays):03d}"
    arrays[key] = np.ascontiguousarray(array, dtype=np.float64)
    return key


def add(func, params, image, kernel, result):
    name = f"case{len(cases):03d}"
    arrays[name] = np.ascontiguousarray(result, dtype=np.float64)
    cases.append(dict(name=name, func=func, input=key_of(image), kernel=key_of(kernel), **params))


def ints(shape, low=-4, high=5):
    return rng.integers(low, high, size=shape).astype(np.float64)


image = ints((7, 9))
tall = ints((11, 5))
kernels = [ints((3, 3)), ints((2, 2)), ints((2, 3)), ints((4, 1)), ints((1, 5))]

# scipy.signal: every mode x boundary, odd and even kernels.
for kernel in kernels:
    for mode in ("full", "same", "valid"):
        for boundary, fill in (("fill", 0.0), ("fill", 2.5), ("wrap", 0.0), ("symm", 0.0)):
            for func in ("correlate2d", "convolve2d"):
                for img in (image, tall):
                    if mode == "valid" and (kernel.shape[0] > img.shape[0] or kernel.shape[1] > img.shape[1]):
                        continue
                    f = getattr(signal, func)
                    out = f(img, kernel, mode=mode, boundary=boundary, fillvalue=fill)
                    add(f"signal.{func}", dict(mode=mode, boundary=boundary, fillvalue=fill), img, kernel, out)

# scipy.ndimage: every mode, origins, odd and even kernels.
nd_kernels = [ints((3, 3)), ints((4, 4)), ints((2, 3)), ints((5, 2))]
for kernel in nd_kernels:
    for mode, cval in (("reflect", 0.0), ("mirror", 0.0), ("nearest", 0.0), ("wrap", 0.0), ("constant", 0.0), ("constant", 1.5)):
        origins = [(0, 0), (-1, 0), (0, 1)]
        for origin in origins:
            for func in ("correlate", "convolve"):
                f = getattr(ndimage, func)
                try:
                    out = f(image, kernel, mode=mode, cval=cval, origin=list(origin))
                except ValueError:
                    continue  # origin outside the kernel for this size
                add(f"ndimage.{func}", dict(mode=mode, cval=cval, origin=list(origin)), image, kernel, out)

# A kernel larger than the image in full/same, where borders extend more than one period.
small = ints((3, 4))
big_kernel = ints((5, 6))
for boundary in ("fill", "wrap", "symm"):
    for func in ("correlate2d", "convolve2d"):
        for mode in ("full", "same"):
            out = getattr(signal, func)(small, big_kernel, mode=mode, boundary=boundary, fillvalue=1.0)
            add(f"signal.{func}", dict(mode=mode, boundary=boundary, fillvalue=1.0), small, big_kernel, out)
for mode in ("reflect", "mirror", "nearest", "wrap", "constant"):
    for func in ("correlate", "convolve"):
        out = getattr(ndimage, func)(small, big_kernel, mode=mode, cval=-1.0)
        add(f"ndimage.{func}", dict(mode=mode, cval=-1.0, origin=[0, 0]), small, big_kernel, out)

# Separable kernels (added for issue #6 with their own generator, so every case above keeps its data): integer rank-1
# kernels (binomial, Sobel, an outer product of a 4-vector and a 6-vector) and a rank-2 sum of two outer products,
# on a 13×17 image, in every scipy.signal mode and boundary and every ndimage mode.
sep_rng = np.random.default_rng(20261126)
sep_image = sep_rng.integers(-4, 5, size=(13, 17)).astype(np.float64)
binomial = np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]).astype(np.float64)
sobel = np.outer([1, 2, 1], [-1, 0, 1]).astype(np.float64)
outer = np.outer(sep_rng.integers(1, 4, size=4), sep_rng.integers(-3, 4, size=6)).astype(np.float64)
rank2 = (np.outer(sep_rng.integers(1, 4, size=5), sep_rng.integers(-3, 4, size=5))
         + np.outer(sep_rng.integers(-3, 4, size=5), sep_rng.integers(1, 4, size=5))).astype(np.float64)
for kernel in (binomial, sobel, outer, rank2):
    for boundary in ("fill", "wrap", "symm"):
        for func in ("correlate2d", "convolve2d"):
            for mode in ("full", "same", "valid"):
                out = getattr(signal, func)(sep_image, kernel, mode=mode, boundary=boundary, fillvalue=2.0)
                add(f"signal.{func}", dict(mode=mode, boundary=boundary, fillvalue=2.0), sep_image, kernel, out)
    for mode in ("reflect", "mirror", "nearest", "wrap", "constant"):
        for func in ("correlate", "convolve"):
            out = getattr(ndimage, func)(sep_image, kernel, mode=mode, cval=1.0)
            add(f"ndimage.{func}", dict(mode=mode, cval=1.0, origin=[0, 0]), sep_image, kernel, out)

np.savez_compressed("golden.npz", **arrays)
with open("manifest.json", "w") as fh:
    json.dump(dict(scipy=scipy.__version__, numpy=np.__version__, cases=cases), fh, indent=1)
print(f"{len(cases)} cases, scipy {scipy.__version__}")
