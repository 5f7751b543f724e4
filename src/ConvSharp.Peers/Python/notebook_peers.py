"""The notebook's Python methods, timed for `convsharp bench` on the data it hands over.

Usage: python3 notebook_peers.py JOB.json

JOB.json names one case: {"kind": "gemm", "m", "n", "k", "a", "b", "out_dir", "threads", "max_seconds"}. Operands are
raw little-endian float32 files (row-major). For each method the script prints one JSON line: the method's name,
"ok" with its median/min/max milliseconds and the raw float32 file it wrote, or "unavailable" with one line saying why.
Timing follows convsharp's rules: one warm-up run (repeated for 0.1 s), then at least 5 runs and 0.3 s, at most
max_seconds; all inside this process, so interpreter start-up is never counted.
"""
import json
import os
import sys
import time


def measure(run, max_seconds):
    start = time.perf_counter()
    run()
    first = time.perf_counter() - start
    if first > max_seconds:
        return first, first, first, 1
    while time.perf_counter() - start < 0.1:
        run()
    times = []
    begin = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - begin < 0.3:
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - begin > max_seconds:
            break
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return median, times[0], times[-1], n


def report(case, method, result=None, output=None, why=None):
    row = {"case": case, "method": method}
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
    result = measure(lambda: np.matmul(a, b, out=c), job["max_seconds"])
    path = os.path.join(job["out_dir"], "numpy_matmul.f32")
    c.astype("<f4").tofile(path)
    report(job["case"], "numpy matmul", result, path)


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
    else:
        report(job["case"], job["kind"], why=f"unknown job kind {job['kind']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
