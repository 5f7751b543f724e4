#!/usr/bin/python3
"""Writes the .npy goldens once, with numpy itself. Run with Debian's python3-numpy:  /usr/bin/python3 make_npy.py

- good_<dtype>_<order>.npy: the 3x4 array [[0, 1, -2, 3], [4, -5, 6, 7], [-8, 9, 10, 11]] (unsigned types use abs)
  in every supported dtype, both byte orders and both memory orders, written by numpy.save;
- numpy_f4.npy: numpy's own float32 C-order file of the same array, which NpyWriter must reproduce byte for byte;
- bad_*.npy: files that must be rejected with a clear message.
Never regenerate these files to make a test pass.
"""
import struct
import numpy as np

base = np.array([[0, 1, -2, 3], [4, -5, 6, 7], [-8, 9, 10, 11]])
for name in ["f4", "f8", "u1", "u2", "i2", "i4"]:
    for endian in ["<", ">"]:
        if name == "u1" and endian == ">":
            continue  # one byte: no byte order
        dtype = np.dtype(endian + name)
        values = np.abs(base) if name.startswith("u") else base
        for order in ["C", "F"]:
            array = np.array(values, dtype=dtype, order=order)
            tag = f"{'le' if endian == '<' else 'be'}" if name != "u1" else "na"
            np.save(f"good_{name}_{tag}_{order}.npy", array)
np.save("numpy_f4.npy", base.astype("<f4"))


def raw(name, header, payload=b""):
    header = header + " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    with open(name, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + payload)


np.save("bad_3d.npy", np.zeros((2, 2, 2), dtype="<f4"))
np.save("bad_complex.npy", np.zeros((2, 2), dtype="<c8"))
np.save("bad_object.npy", np.array([[None, 1], [2, 3]], dtype=object), allow_pickle=True)
np.save("bad_int64.npy", np.zeros((2, 2), dtype="<i8"))
raw("bad_truncated.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (100, 100), }", b"\x00" * 64)
raw("bad_huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000), }", b"\x00" * 64)
raw("bad_negative.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 4), }", b"\x00" * 64)
raw("bad_header.npy", "{'descr': '<f4', 'fortran_order': False, 'shap': (3, 4) }", b"\x00" * 48)
with open("bad_magic.npy", "wb") as f:
    f.write(b"PK\x03\x04 this is not numpy")
with open("bad_short_header.npy", "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", 500) + b"{'descr': '<f4'")
print("ok", np.__version__)
