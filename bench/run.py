"""Run every benchmark and print one table: SockLab, the reference measured in the same run, the ratio.

``python -m bench.run [--quick] [--only tcp_bulk,window,...] [--baseline]``

Writes the rows as JSON to bench/results/latest.json (and bench/baseline.json
with --baseline), and shows the ratios of the committed baseline beside
today's, so a change can be compared between commits.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import subprocess
import sys
import time
import traceback

from .common import ROOT, Row, Stat
from .display import virtual_display

BENCHMARKS = ["tcp_bulk", "udp_flood", "tcp_echo", "many_clients", "window", "window_packetsender",
              "window_close", "startup", "packetsender"]
RESULTS = ROOT / "bench" / "results"
BASELINE = ROOT / "bench" / "baseline.json"


def _fmt(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def _cell(stat: Stat | None) -> str:
    if stat is None:
        return "—"
    if len(stat.samples) == 1:
        return _fmt(stat.median)
    return f"{_fmt(stat.median)} [{_fmt(stat.low)}–{_fmt(stat.high)}]"


def _ratio(ratio: float | None, higher_is_better: bool) -> str:
    """Three decimals, rounded towards worse, so a ratio never reads better than it is: rounded to
    two, 0.9496 read "0.95×" beside a target of "≥ 0.95×" it missed."""
    if ratio is None:
        return "—"
    thousandths = math.floor(ratio * 1000) if higher_is_better else math.ceil(ratio * 1000)
    return f"{thousandths / 1000:.3f}×"


def _table(rows: list[Row], baseline: dict[str, float]) -> str:
    header = ["benchmark", "metric", "unit", "SockLab median [min–max]", "reference (same run)", "ratio",
              "baseline ratio", "target", "met"]
    lines = [header]
    for row in rows:
        key = f"{row.benchmark} / {row.metric}"
        old = baseline.get(key)
        lines.append([row.benchmark, row.metric, row.unit, _cell(row.socklab), _cell(row.reference),
                      _ratio(row.ratio, row.higher_is_better), _ratio(old, row.higher_is_better), row.target,
                      "yes" if row.met else "NO"])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    notes = [f"- {row.benchmark}: {row.note}" for row in rows if row.note]
    return "\n".join(out + ([""] + notes if notes else []))


def _baseline_ratios() -> dict[str, float]:
    try:
        data = json.loads(BASELINE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {f"{r['benchmark']} / {r['metric']}": r["ratio"] for r in data.get("rows", []) if r.get("ratio")}


def _machine() -> dict:
    """What the figures were measured on: CPU model, cores, kernel, Python."""
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    return {"cpu": cpu or platform.processor() or platform.machine() or "?", "cores": os.cpu_count(),
            "kernel": platform.release(), "python": platform.python_version(), "system": platform.platform()}


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller loads and fewer rounds (a smoke run)")
    parser.add_argument("--only", help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    parser.add_argument("--baseline", action="store_true", help="also write bench/baseline.json")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else BENCHMARKS
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    machine = _machine()
    started = time.monotonic()
    rows: list[Row] = []
    with virtual_display():
        for name in names:
            print(f"== {name}", flush=True)
            began = time.monotonic()
            try:
                new = importlib.import_module(f"bench.{name}").run(args.quick)
            except Exception as exc:  # one broken benchmark must not hide the others
                traceback.print_exc()
                new = [Row(name, "did not complete", "", Stat.of([0.0]), None, "completes", False,
                           note=f"{type(exc).__name__}: {exc}")]
            rows.extend(new)
            print(f"   {time.monotonic() - began:.1f} s", flush=True)
    print()
    print(f"machine: {machine['cpu']}, {machine['cores']} cores, kernel {machine['kernel']}, "
          f"Python {machine['python']}")
    print(_table(rows, _baseline_ratios()))
    data = {
        "commit": _commit(), "date": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": args.quick,
        "machine": machine,
        "seconds": round(time.monotonic() - started, 1),
        "rows": [row.to_json() for row in rows],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    if args.baseline:
        BASELINE.write_text(text, encoding="utf-8")
    met = sum(row.met for row in rows)
    print(f"\n{met} of {len(rows)} targets met in {data['seconds']} s; JSON in bench/results/latest.json"
          + (" and bench/baseline.json" if args.baseline else ""))
    return 0 if met == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
