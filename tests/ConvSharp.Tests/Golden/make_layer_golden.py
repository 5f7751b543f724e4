#!/usr/bin/python3
"""Writes the layer golden cases once, with Debian's python3-torch:  /usr/bin/python3 make_layer_golden.py

layer_golden.npz (float64 arrays, each flattened to 1 × n) holds every case's input (N, C, H, W), weight (O, C/g, kh, kw),
bias (O, or absent) and torch's output; layer_manifest.json gives each case's shapes and conv2d arguments. The output is
torch.nn.functional.conv2d, after F.pad for the non-zero padding modes (as torch.nn.Conv2d does for padding_mode).
Data are small integers, so every float32 sum is exact and the C# side compares bit for bit.
Never regenerate these files to make a test pass.
"""
import json
import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(20261126)
arrays, cases = {}, []


def ints(shape):
    return rng.integers(-4, 5, size=shape).astype(np.float32)


def add(n, c, h, w, o, kh, kw, stride=(1, 1), padding=(0, 0, 0, 0), dilation=(1, 1), groups=1, mode="zeros", bias=True):
    x, weight = ints((n, c, h, w)), ints((o, c // groups, kh, kw))
    b = ints((o,)) if bias else None
    top, bottom, left, right = padding
    xt = torch.from_numpy(x)
    if mode == "zeros":
        xt = F.pad(xt, (left, right, top, bottom))
    else:
        xt = F.pad(xt, (left, right, top, bottom), mode=mode)
    out = F.conv2d(xt, torch.from_numpy(weight), None if b is None else torch.from_numpy(b), stride=stride, dilation=dilation, groups=groups).numpy()
    name = f"case{len(cases):02d}"
    for suffix, array in (("x", x), ("w", weight), ("y", out)) + ((("b", b),) if b is not None else ()):
        arrays[f"{name}_{suffix}"] = array.astype(np.float64).reshape(1, -1)
    cases.append(dict(name=name, n=n, c=c, h=h, w=w, o=o, kh=kh, kw=kw, stride=list(stride), padding=list(padding),
                      dilation=list(dilation), groups=groups, mode=mode, bias=bias, out_shape=list(out.shape)))


add(1, 3, 9, 11, 4, 3, 3, padding=(1, 1, 1, 1))
add(2, 4, 8, 7, 6, 3, 3, stride=(2, 2), padding=(1, 1, 1, 1), groups=2)
add(1, 6, 10, 10, 6, 3, 3, padding=(1, 1, 1, 1), groups=6, mode="reflect")            # depthwise
add(2, 3, 7, 9, 5, 2, 3, padding=(0, 1, 2, 1), mode="replicate", bias=False)
add(1, 2, 6, 6, 3, 3, 3, padding=(2, 2, 2, 2), dilation=(2, 2), mode="circular")
add(3, 8, 5, 5, 4, 1, 1, bias=True)                                                   # pointwise
add(1, 5, 12, 9, 7, 5, 4, stride=(3, 2), padding=(2, 1, 0, 3), mode="zeros")
add(1, 4, 7, 7, 8, 3, 3, stride=(1, 2), padding=(1, 1, 1, 1), dilation=(2, 1), groups=4, mode="reflect")

np.savez("layer_golden.npz", **arrays)
with open("layer_manifest.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
print(f"{len(cases)} cases, torch {torch.__version__}")
