"""The notebook's Python methods, timed for `convsharp bench` on the data it hands over.

Usage: python3 notebook_peers.py JOB.json

JOB.json names one case. A product: {"kind": "gemm", "m", "n", "k", "a", "b", ...}. A convolution: {"kind": "conv",
"h", "w", "kh", "kw", "input", "kernel" (the correlation kernel: flipped already for convolution), "out_h", "out_w",
"pads" [top, bottom, left, right] (what the output reads outside the image), "border" (constant, replicate, reflect,
reflect101, wrap), "value", "anchor" [ay, ax], "stride" [sy, sx], "dilation" [dy, dx], "same" (true for Same)}.
XNOR (the notebook's pipeline, its semantics: zero padding, then x > 0): {"kind": "xnor", "h", "w", "kh", "kw", "input",
"kernel", "pads", "out_h", "out_w"} (stride and dilation 1). A layer: {"kind": "layer", "n", "c", "h",
"w", "o", "kh", "kw", "input", "weights", "pads", "stride", "dilation", "groups"} (zero padding, NCHW files).
All carry "case", "out_dir", "threads" and "max_seconds". Operands are raw little-endian float32 files (row-major). For each method the script prints one JSON line: the method's name,
"ok" with its median/min/max milliseconds and the .npy file (float32) it wrote, or "unavailable" with one line saying why.
Timing follows convsharp's rules: one warm-up run (repeated for 0.1 s), then at least 5 runs and 0.3 s, at most
max_seconds; all inside this process, so interpreter start-up is never counted.
"""
import json
import os
import sys
import time

# The thread count must be fixed before numpy, numba or torch load their thread pools.
if len(sys.argv) > 1:
    with open(sys.argv[1], encoding="utf-8") as _job:
        _threads = str(json.load(_job).get("threads", os.cpu_count()))
    for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_variable, _threads)


def measure(run, max_seconds):
    """Times run(); returns (median, min, max, runs) in seconds and the last call's result (no extra call to fetch it)."""
    start = time.perf_counter()
    out = run()
    first = time.perf_counter() - start
    if first > max_seconds:
        return (first, first, first, 1), out
    while time.perf_counter() - start < 0.1:
        run()
    times = []
    begin = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - begin < 0.3:
        t = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - begin > max_seconds:
            break
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return (median, times[0], times[-1], n), out


def report(case, method, result=None, output=None, why=None, accuracy="exact"):
    row = {"case": case, "method": method, "accuracy": accuracy}
    if why is not None:
        row.update(status="unavailable", why=why)
    else:
        median, low, high, runs = result
        row.update(status="ok", median_ms=median * 1e3, min_ms=low * 1e3, max_ms=high * 1e3, runs=runs, output=output)
    print(json.dumps(row), flush=True)


def gemm(job, np):
    m, n, k = job["m"], job["n"], job["k"]
    a = np.fromfile(job["a"], dtype="<f4").reshape(m, k)
    b = np.fromfile(job["b"], dtype="<f4").reshape(k, n)
    c = np.empty((m, n), dtype=np.float32)
    result, _ = measure(lambda: np.matmul(a, b, out=c), job["max_seconds"])
    path = os.path.join(job["out_dir"], "numpy_matmul.npy")
    np.save(path, np.ascontiguousarray(c, dtype="<f4"))
    report(job["case"], "numpy matmul", result, path)


class Unavailable(Exception):
    """A method that cannot run this case, with the one-line reason."""


NP_PAD = {"constant": "constant", "replicate": "edge", "reflect": "symmetric", "reflect101": "reflect", "wrap": "wrap"}


def padded(np, img, job):
    """The image with the border applied as the output reads it: the notebook pads once, before it times anything."""
    t, b, l, r = job["pads"]
    if min(t, b, l, r) < 0:
        raise Unavailable("the output reads fewer rows or columns than the image holds (negative padding)")
    mode = NP_PAD[job["border"]]
    if mode == "constant":
        return np.pad(img, ((t, b), (l, r)), mode, constant_values=job["value"]).astype(np.float32)
    return np.pad(img, ((t, b), (l, r)), mode).astype(np.float32)


def unit_steps(job, who):
    if job["stride"] != [1, 1] or job["dilation"] != [1, 1]:
        raise Unavailable(f"{who} has stride 1 and dilation 1 only")


def within_budget(job, macs, rate, who):
    seconds = macs / rate
    if seconds > job["max_seconds"]:
        raise Unavailable(f"{who} would take about {seconds:.0f} s per call here (over --max-seconds {job['max_seconds']:g})")


def method_numpy_im2col(np, img, fil, job):
    pad = padded(np, img, job)
    kh, kw, oh, ow = job["kh"], job["kw"], job["out_h"], job["out_w"]
    (sy, sx), (dy, dx) = job["stride"], job["dilation"]
    if kh * kw * oh * ow * 4 > (2 << 30):
        raise Unavailable(f"the column matrix would take {kh * kw * oh * ow * 4 / 2**30:.1f} GiB")
    s0, s1 = pad.strides

    def run():
        # The notebook's im2col_2d (an as_strided view), reshape (which copies), np.matmul, reshape back (col2im).
        col = np.lib.stride_tricks.as_strided(pad, shape=(kh, kw, oh, ow), strides=(s0 * dy, s1 * dx, s0 * sy, s1 * sx))
        return np.matmul(fil.reshape(1, kh * kw), col.reshape(kh * kw, -1)).reshape(oh, ow)
    return run


NUMBA_LOOPS = """
def convolution(mat, fil, res):
    # The notebook's convolution / convolution_parallel: a window, an elementwise product, np.sum.
    kh, kw = fil.shape
    for row in loop(res.shape[0]):
        for col in loop(res.shape[1]):
            submat = mat[row:row + kh, col:col + kw]
            res[row, col] = np.sum(submat * fil)
    return res
"""


NUMBA_MATMUL = """
@guvectorize(['void(float32[:], float32[:,:], float32[:])'], '(n),(n,p)->(p)', target='parallel')
def matmulcore_cpu(A, B, C):
    n, p = B.shape
    for k in range(n):
        for j in range(p):
            C[j] += A[k] * B[k, j]
"""


def method_numba_matmul(np, img, fil, job):
    from numba import guvectorize
    unit_steps(job, "the notebook's im2col")
    kh, kw, oh, ow = job["kh"], job["kw"], job["out_h"], job["out_w"]
    if kh * kw * oh * ow * 4 > (2 << 30):
        raise Unavailable(f"the column matrix would take {kh * kw * oh * ow * 4 / 2**30:.1f} GiB")
    pad = padded(np, img, job)
    scope = {"guvectorize": guvectorize}
    exec(NUMBA_MATMUL, scope)
    matmulcore_cpu = scope["matmulcore_cpu"]
    s0, s1 = pad.strides

    def run():
        # As the notebook times it: a zeroed C, the im2col view reshaped (a copy), the parallel matmul, reshape.
        c = np.zeros(oh * ow, dtype=np.float32)
        col = np.lib.stride_tricks.as_strided(pad, shape=(kh, kw, oh, ow), strides=(s0, s1, s0, s1))
        return matmulcore_cpu(fil.reshape(1, kh * kw), col.reshape(kh * kw, -1), c).reshape(oh, ow)
    return run


def numba_loops(parallel):
    import numpy
    from numba import njit, prange
    scope = {"np": numpy, "loop": prange if parallel else range}
    exec(NUMBA_LOOPS, scope)
    return njit(parallel=parallel)(scope["convolution"])


def method_numba(parallel):
    def make(np, img, fil, job):
        who = "numba parallel=True" if parallel else "numba @njit"
        unit_steps(job, who)
        within_budget(job, job["kh"] * job["kw"] * job["out_h"] * job["out_w"], 4e8 if parallel else 1.5e8, who)
        pad = padded(np, img, job)
        res = np.zeros((job["out_h"], job["out_w"]), dtype=np.float32)
        function = numba_loops(parallel)
        return lambda: function(pad, fil, res)
    return make


def method_numba_stencil(np, img, fil, job):
    from numba import njit, stencil
    unit_steps(job, "numba @stencil")
    kh, kw = job["kh"], job["kw"]
    if kh * kw > 121:
        raise Unavailable(f"numba @stencil spells out every tap; {kh}x{kw} would take minutes to compile (up to 11x11 here)")
    pad = padded(np, img, job)
    # The notebook's kernel_conv, written for this kernel's size: every tap a term, the kernel a global of the stencil.
    terms = " + ".join(f"a[{i}, {j}] * fil[{i}, {j}]" for i in range(kh) for j in range(kw))
    scope = {"fil": fil, "stencil": stencil, "njit": njit}
    exec(f"@stencil\ndef kernel_conv(a):\n    return {terms}\n\n@njit(parallel=True)\ndef stencil_conv(img_pad):\n    return kernel_conv(img_pad)\n", scope)
    run = scope["stencil_conv"]
    oh, ow = job["out_h"], job["out_w"]
    return lambda: run(pad)[:oh, :ow]


def method_convolve2d(np, img, fil, job):
    from scipy import signal
    unit_steps(job, "scipy.signal.convolve2d")
    within_budget(job, job["kh"] * job["kw"] * job["out_h"] * job["out_w"], 2e8, "scipy.signal.convolve2d")
    pad = padded(np, img, job)
    flipped = np.ascontiguousarray(np.flip(fil, (0, 1)))
    # As the notebook calls it: convolution with the flipped kernel over the padded image, 'valid'.
    return lambda: signal.convolve2d(pad, flipped, "valid")


def method_ndimage(np, img, fil, job):
    from scipy import ndimage
    unit_steps(job, "scipy.ndimage.correlate")
    if not job["same"]:
        raise Unavailable("scipy.ndimage.correlate gives Same-size output only")
    within_budget(job, job["kh"] * job["kw"] * job["out_h"] * job["out_w"], 3e8, "scipy.ndimage.correlate")
    mode = {"constant": "constant", "replicate": "nearest", "reflect": "reflect", "reflect101": "mirror", "wrap": "wrap"}[job["border"]]
    origin = (job["anchor"][0] - job["kh"] // 2, job["anchor"][1] - job["kw"] // 2)
    out = np.empty((job["out_h"], job["out_w"]), dtype=np.float32)
    return lambda: ndimage.correlate(img, fil, output=out, mode=mode, cval=job["value"], origin=origin)


def method_fft(name):
    def make(np, img, fil, job):
        from scipy import signal
        unit_steps(job, f"scipy.signal.{name}")
        pad = padded(np, img, job)
        flipped = np.ascontiguousarray(np.flip(fil, (0, 1)))
        function = getattr(signal, name)
        return lambda: function(pad, flipped, "valid")
    return make


CV_BORDER = {"constant": "BORDER_CONSTANT", "replicate": "BORDER_REPLICATE", "reflect": "BORDER_REFLECT", "reflect101": "BORDER_REFLECT_101"}


def cv2_border(job, who):
    import cv2
    unit_steps(job, who)
    if not job["same"]:
        raise Unavailable(f"{who} gives Same-size output only")
    if job["border"] not in CV_BORDER:
        raise Unavailable(f"{who} has no wrap border")
    if job["border"] == "constant" and job["value"] != 0:
        raise Unavailable(f"{who}'s constant border is 0 only")
    return getattr(cv2, CV_BORDER[job["border"]])


def method_cv2_filter2d(np, img, fil, job):
    import cv2
    border = cv2_border(job, "cv2.filter2D")
    anchor = (job["anchor"][1], job["anchor"][0])
    out = np.empty((job["out_h"], job["out_w"]), dtype=np.float32)
    return lambda: cv2.filter2D(img, cv2.CV_32F, fil, dst=out, anchor=anchor, borderType=border)


def method_cv2_sep(np, img, fil, job):
    import cv2
    border = cv2_border(job, "cv2.sepFilter2D")
    u, s, vt = np.linalg.svd(fil.astype(np.float64))
    column, row = u[:, 0] * np.sqrt(s[0]), vt[0] * np.sqrt(s[0])
    if np.abs(np.outer(column, row) - fil).sum() > 1e-6 * np.abs(fil).sum():
        raise Unavailable("cv2.sepFilter2D takes rank-1 kernels only; this one is not")
    column, row = column.astype(np.float32), row.astype(np.float32)
    anchor = (job["anchor"][1], job["anchor"][0])
    out = np.empty((job["out_h"], job["out_w"]), dtype=np.float32)
    return lambda: cv2.sepFilter2D(img, cv2.CV_32F, row, column, dst=out, anchor=anchor, borderType=border)


def method_torch(np, img, fil, job):
    import torch
    import torch.nn.functional as F
    mode = {"constant": "constant", "replicate": "replicate", "reflect101": "reflect", "wrap": "circular"}.get(job["border"])
    if mode is None:
        raise Unavailable("torch has no symmetric (abc|cba) padding")
    t, b, l, r = job["pads"]
    if min(t, b, l, r) < 0:
        raise Unavailable("the output reads fewer rows or columns than the image holds (negative padding)")
    within_budget(job, job["kh"] * job["kw"] * job["out_h"] * job["out_w"], 2.5e8, "torch conv2d on one channel")
    x = torch.from_numpy(img).reshape(1, 1, job["h"], job["w"])
    w = torch.from_numpy(fil).reshape(1, 1, job["kh"], job["kw"])
    stride, dilation = tuple(job["stride"]), tuple(job["dilation"])
    if mode == "constant" and job["value"] == 0 and t == b and l == r:
        run = lambda: F.conv2d(x, w, stride=stride, padding=(t, l), dilation=dilation)
    elif mode == "constant":
        run = lambda: F.conv2d(F.pad(x, (l, r, t, b), mode="constant", value=job["value"]), w, stride=stride, dilation=dilation)
    else:
        run = lambda: F.conv2d(F.pad(x, (l, r, t, b), mode=mode), w, stride=stride, dilation=dilation)

    def call():
        with torch.no_grad():
            return run()
    return call


CONV_METHODS = [
    ("numpy im2col+matmul", "numpy", method_numpy_im2col, "exact"),
    ("numba im2col+guvectorize matmul", "numba", method_numba_matmul, "exact"),
    ("numba @njit", "numba", method_numba(False), "exact"),
    ("numba parallel=True", "numba", method_numba(True), "exact"),
    ("numba @stencil", "numba", method_numba_stencil, "exact"),
    ("scipy.signal.convolve2d", "scipy", method_convolve2d, "exact"),
    ("scipy.ndimage.correlate", "scipy", method_ndimage, "exact"),
    ("scipy.signal.fftconvolve", "scipy", method_fft("fftconvolve"), "fft"),
    ("scipy.signal.oaconvolve", "scipy", method_fft("oaconvolve"), "fft"),
    ("cv2.filter2D (python)", "cv2", method_cv2_filter2d, "exact"),
    ("cv2.sepFilter2D (python)", "cv2", method_cv2_sep, "exact"),
    ("torch conv2d (CPU)", "torch", method_torch, "exact"),
]

INSTALL = {"numpy": "python3-numpy", "numba": "python3-numba", "scipy": "python3-scipy", "cv2": "python3-opencv", "torch": "python3-torch"}


def conv(job, np):
    threads = job["threads"]
    img = np.fromfile(job["input"], dtype="<f4").reshape(job["h"], job["w"])
    fil = np.fromfile(job["kernel"], dtype="<f4").reshape(job["kh"], job["kw"])
    for index, (name, module, make, accuracy) in enumerate(CONV_METHODS):
        try:
            __import__(module)
        except ImportError as error:
            report(job["case"], name, why=f"{module} does not import ({error}); apt-get install {INSTALL[module]}")
            continue
        if module == "cv2":
            import cv2
            cv2.setNumThreads(threads)
        if module == "torch":
            import torch
            torch.set_num_threads(threads)
        try:
            run = make(np, img, fil, job)
        except Unavailable as why:
            report(job["case"], name, why=str(why))
            continue
        try:
            result, out = measure(run, job["max_seconds"])
            out = out.numpy() if hasattr(out, "numpy") else out
            out = np.ascontiguousarray(np.asarray(out, dtype=np.float32).reshape(job["out_h"], job["out_w"]))
        except Exception as error:  # a method that fails here is a row that says so, never a crash of the bench
            report(job["case"], name, why=f"failed: {type(error).__name__}: {error}".splitlines()[0])
            continue
        path = os.path.join(job["out_dir"], f"conv{index}.npy")
        np.save(path, out.astype("<f4"))
        report(job["case"], name, result, path, accuracy=accuracy)


def layer(job, np):
    """torch.nn.functional.conv2d on the layer case, NCHW and channels_last (the bench counts the faster)."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError as error:
        report(job["case"], "torch conv2d (CPU)", why=f"torch does not import ({error}); apt-get install python3-torch")
        return
    torch.set_num_threads(job["threads"])
    n, c, h, w, o, kh, kw = (job[k] for k in ("n", "c", "h", "w", "o", "kh", "kw"))
    x = torch.from_numpy(np.fromfile(job["input"], dtype="<f4").reshape(n, c, h, w))
    weight = torch.from_numpy(np.fromfile(job["weights"], dtype="<f4").reshape(o, c // job["groups"], kh, kw))
    top, bottom, left, right = job["pads"]
    if top != bottom or left != right:
        report(job["case"], "torch conv2d (CPU)", why="asymmetric padding needs F.pad; the layers suite has none")
        return
    for name, fmt in (("torch conv2d (CPU, NCHW)", torch.contiguous_format), ("torch conv2d (CPU, channels_last)", torch.channels_last)):
        xx, ww = x.contiguous(memory_format=fmt), weight.contiguous(memory_format=fmt)

        def run():
            with torch.no_grad():
                return F.conv2d(xx, ww, stride=tuple(job["stride"]), padding=(top, left), dilation=tuple(job["dilation"]), groups=job["groups"])
        result, out = measure(run, job["max_seconds"])
        path = os.path.join(job["out_dir"], f"layer_{len(name)}.npy")
        np.save(path, np.ascontiguousarray(out.contiguous().numpy(), dtype="<f4"))
        report(job["case"], name, result, path)


def xnor(job, np):
    """The notebook's XNOR pipeline in numpy, as it wrote it: im2col by as_strided, binarize, K and alpha, bitpack with
    np.packbits (windows of kh*kw bits to a uint64, MSB first), XNOR, popcount of each window's bits, scale."""
    img = np.fromfile(job["input"], dtype="<f4").reshape(job["h"], job["w"])
    fil = np.fromfile(job["kernel"], dtype="<f4").reshape(job["kh"], job["kw"])
    kh, kw, oh, ow = job["kh"], job["kw"], job["out_h"], job["out_w"]
    taps = kh * kw
    if taps > 64:
        report(job["case"], "xnor numpy pipeline (python)", why=f"the notebook packs whole windows into a uint64; {taps} taps do not fit")
        return
    per = 64 // taps
    t, b, l, r = job["pads"]
    bin_fil = np.uint8(fil.reshape(1, taps) > 0)
    a = np.concatenate([np.tile(bin_fil[0], per), np.zeros(64 - per * taps, np.uint8)])
    fil_pack = np.packbits(a).view(np.uint64).byteswap()
    alpha = np.mean(np.abs(fil), dtype=np.float32)

    # The notebook's bit_count per window, vectorised: a table of 2·popcount − taps for every 16-bit chunk's value.
    chunk_bits = min(taps, 16)
    table = (np.unpackbits(np.arange(1 << chunk_bits, dtype=np.uint32).view(np.uint8)).reshape(-1, 32).sum(axis=1)).astype(np.float32)

    def counts_of(slot):
        total = np.zeros(slot.shape, np.float32)
        for shift in range(0, taps, 16):
            total += table[((slot >> np.uint64(shift)) & np.uint64((1 << chunk_bits) - 1)).astype(np.intp)]
        return 2 * total - taps

    def run():
        pad = np.pad(img, ((t, b), (l, r)))
        s0, s1 = pad.strides
        col = np.lib.stride_tricks.as_strided(pad, shape=(kh, kw, oh, ow), strides=(s0, s1, s0, s1)).reshape(taps, -1)
        bin_col = np.uint8(col > 0)
        # K as the notebook's stencil form (the fastest of its three in numpy): |I| summed over the window's shifts.
        absolute = np.abs(pad)
        k = np.zeros((oh, ow), np.float32)
        for i in range(kh):
            for j in range(kw):
                k += absolute[i:i + oh, j:j + ow]
        k = (k * np.float32(1 / taps)).reshape(-1)
        windows = bin_col.shape[1]
        groups = -(-windows // per)
        packed = np.zeros((groups * per, taps), np.uint8)
        packed[:windows] = bin_col.T
        packed = np.concatenate([packed.reshape(groups, per * taps), np.zeros((groups, 64 - per * taps), np.uint8)], axis=1)
        col_pack = np.packbits(packed).view(np.uint64).byteswap()
        z = np.bitwise_not(np.bitwise_xor(fil_pack, col_pack))
        out = np.empty((groups, per), np.float32)
        for j in range(per):
            slot = (z >> np.uint64(64 - (j + 1) * taps)) & np.uint64((1 << taps) - 1)
            out[:, j] = counts_of(slot)
        return (out.reshape(-1)[:windows] * k * alpha).reshape(oh, ow)

    result, out = measure(run, job["max_seconds"])
    path = os.path.join(job["out_dir"], "xnor_numpy.npy")
    np.save(path, np.ascontiguousarray(out, dtype="<f4"))
    report(job["case"], "xnor numpy pipeline (python)", result, path, accuracy="xnor")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    try:
        import numpy as np
    except ImportError as error:
        report(job["case"], "numpy", why=f"numpy does not import ({error}); apt-get install python3-numpy")
        return 0
    if job["kind"] == "gemm":
        gemm(job, np)
    elif job["kind"] == "conv":
        conv(job, np)
    elif job["kind"] == "xnor":
        xnor(job, np)
    elif job["kind"] == "layer":
        layer(job, np)
    else:
        report(job["case"], job["kind"], why=f"unknown job kind {job['kind']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
