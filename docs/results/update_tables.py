#!/usr/bin/env python3
"""Rewrites the benchmark tables in README.md and docs/benchmarks.md from docs/results/*.json.

Run after `convsharp bench --suite S --json docs/results/S.json ...` for S in seed, kernels, separable, large, gemm (and
`--suite gemm --threads 1 --json docs/results/gemm-1thread.json`). Tables sit between
<!-- table:NAME --> and <!-- /table:NAME --> markers, so the prose around them is never touched.
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]


def load(suite):
    return json.loads((root / "docs" / "results" / f"{suite}.json").read_text())["results"]


def ms(v):
    return f"{v:.3f} ms" if v < 1 else f"{v:.2f} ms" if v < 100 else f"{v:,.1f} ms"


def groups(rows):
    """Splits the results into cases in run order: by the `case` field, or (older files without it) a new group
    whenever an algorithm reappears."""
    out = []
    for r in rows:
        key = r.get("case", r["problem"])
        if not out or out[-1][0] != key or ("case" not in r and any(x["algorithm"] == r["algorithm"] for x in out[-1][1])):
            out.append((key, []))
        out[-1][1].append(r)
    return out


def fastest_cv(rows):
    """The fastest OpenCV row of a case (filter2D or sepFilter2D, in process or through Python's cv2), or None."""
    cv = [r for r in rows if r["peer"] and (r["algorithm"].startswith("OpenCV") or r["algorithm"].startswith("cv2."))]
    return min(cv, key=lambda r: r["median_ms"]) if cv else None


def seed_table():
    rows = load("seed")
    naive = next(r for r in rows if r["algorithm"] == "Naive")["median_ms"]
    cv = fastest_cv(rows)
    lines = ["| algorithm | median | vs Naive | vs OpenCV | verified |", "|---|---:|---:|---:|---|"]
    for r in rows:
        if r.get("runtime") == "python":
            continue  # the notebook's Python methods have their own column in the notebook table
        m = r["median_ms"]
        name = f"**{r['algorithm']}**" if r["algorithm"] == "Stencil" else r["algorithm"]
        ratio = f"{m / cv['median_ms']:.2f}×" if cv else "—"
        lines.append(f"| {name} | {ms(m)} | {naive / m:.1f}× | {ratio} | {'yes' if r['verified'] else 'NO'} |")
    return "\n".join(lines)


def best_table(suite):
    lines = ["| case | kernel | fastest ConvSharp | median | fastest OpenCV | vs OpenCV | Auto | all rows verified |", "|---|---|---|---:|---:|---:|---|---|"]
    for case, rows in groups(load(suite)):
        size = re.search(r"_k(\d+x\d+)_", rows[0]["problem"]).group(1)
        ours = [r for r in rows if not r["peer"] and not r["algorithm"].startswith("Auto")]
        best = min(ours, key=lambda r: r["median_ms"])
        auto = next((r for r in rows if r["algorithm"].startswith("Auto")), None)
        auto_text = f"{auto['algorithm'][6:-1]}, {auto['median_ms'] / best['median_ms']:.2f}× the fastest" if auto else "—"
        cv = fastest_cv(rows)
        ratio = f"**{best['median_ms'] / cv['median_ms']:.2f}×**" if cv else "—"
        cv_name = cv["algorithm"][7:] if cv and cv["algorithm"].startswith("OpenCV") else cv["algorithm"][4:] if cv else ""
        cv_ms = f"{ms(cv['median_ms'])} ({cv_name})" if cv else "—"
        verified = "yes" if all(r["verified"] for r in rows) else "NO"
        lines.append(f"| {case if not case.startswith('h') else '—'} | {size} | {best['algorithm']} | {ms(best['median_ms'])} | {cv_ms} | {ratio} | {auto_text} | {verified} |")
    return "\n".join(lines)


def gemm_table():
    lines = ["| product | threads | Gemm.Sgemm | numpy matmul (OpenBLAS) | ours ÷ numpy, GFLOP/s |", "|---|---:|---:|---:|---:|"]
    for suite, threads in [("gemm", 2), ("gemm-1thread", 1)]:
        for case, rows in groups(load(suite)):
            ours = next(r for r in rows if not r["peer"])
            peer = next((r for r in rows if r["peer"]), None)
            ratio = f"**{ours['gflops'] / peer['gflops']:.2f}**" if peer else "—"
            peer_text = f"{ms(peer['median_ms'])} ({peer['gflops']:.1f} GFLOP/s)" if peer else "—"
            lines.append(f"| {case} ({ours['problem']}) | {threads} | {ms(ours['median_ms'])} ({ours['gflops']:.1f} GFLOP/s) | {peer_text} | {ratio} |")
    return "\n".join(lines)


def python_value(name):
    row = next((r for r in load("seed") if r.get("runtime") == "python" and r["algorithm"] == name), None)
    return ms(row["median_ms"]) if row else "—"


def notebook_values():
    rows = {r["algorithm"]: r["median_ms"] for r in load("seed")}
    cv = fastest_cv(load("seed"))["median_ms"]
    return {k: ms(rows[k]) for k in ["Naive", "Direct", "Parallel", "Reference", "Stencil", "Im2ColGemm", "Matmul"]} | {"OpenCV": ms(cv)}


def binary_value(name):
    """The seed case's median of a row of the recorded binary suite, or a dash."""
    path = root / "docs" / "results" / "binary.json"
    if not path.exists():
        return "—"
    rows = [r for r in json.loads(path.read_text())["results"] if r["case"] == "seed" and r["algorithm"] == name]
    return ms(rows[0]["median_ms"]) if rows else "—"


def notebook_table():
    v = notebook_values()
    p = python_value
    return "\n".join([
        "| notebook method | notebook (Colab) | the same method here, same run | ConvSharp counterpart | ConvSharp |",
        "|---|---:|---:|---|---:|",
        f"| Python loops, per-window `np.sum(submat*fil)` | 6260 ms | — (seconds per call; not run) | `Naive` (the same per-window method) | {v['Naive']} |",
        f"| numba `@njit` loops | 125 ms | {p('numba @njit')} | `Direct` (scalar loops) | {v['Direct']} |",
        f"| numba `parallel=True` loops | 28 ms | {p('numba parallel=True')} | `Parallel` | {v['Parallel']} |",
        f"| `scipy.signal.convolve2d` | 42 ms | {p('scipy.signal.convolve2d')} | `Reference` (the formula, double accumulation) | {v['Reference']} |",
        f"| numba CPU `@stencil` | 3.62 ms | {p('numba @stencil')} | `Stencil` | {v['Stencil']} |",
        f"| im2col + numpy matmul | 8 ms | {p('numpy im2col+matmul')} | `Im2ColGemm` (segmented im2col + our SGEMM) | {v['Im2ColGemm']} |",
        f"| im2col + numba `guvectorize` matmul | 13 ms | {p('numba im2col+guvectorize matmul')} | `Matmul` (the same plain parallel loop) | {v['Matmul']} |",
        f"| XNOR + bit-packing pipeline | 20 ms | {binary_value('xnor numpy pipeline (python)')} (numpy, `--suite binary`) | `xnor-seed` (the same stages) / `xnor-bitsliced` | {binary_value('xnor-seed')} / {binary_value('xnor-bitsliced')} |",
        "| CuPy / numba CUDA im2col, GPU stencil | 0.23–1 ms | — | ILGPU kernels: a later issue | — |",
        "| TensorFlow `Conv2D` layer | — | torch `conv2d` rows of `--suite layers` | `Conv2DLayer` (above) | |",
        f"| (not in the notebook) `scipy.ndimage.correlate` / `fftconvolve` / `torch conv2d` | — | {p('scipy.ndimage.correlate')} / {p('scipy.signal.fftconvolve')} / {p('torch conv2d (CPU)')} | | |",
        f"| (not in the notebook) OpenCV `filter2D` | — | {p('cv2.filter2D (python)')} (python) | peer in process, same run | {v['OpenCV']} |",
    ])


tables = {"seed": seed_table, "kernels": lambda: best_table("kernels"), "separable": lambda: best_table("separable"),
          "large": lambda: best_table("large"), "notebook": notebook_table, "gemm": gemm_table}
for doc in [root / "README.md", root / "docs" / "benchmarks.md"]:
    text = doc.read_text()
    for name, render in tables.items():
        pattern = re.compile(rf"(<!-- table:{name} -->\n)(?:.*?\n)?(<!-- /table:{name} -->)", re.S)
        if pattern.search(text):
            text = pattern.sub(lambda m: m.group(1) + render() + "\n" + m.group(2), text)
    doc.write_text(text)
print("tables updated")
