"""Run the benchmarks, print a table, write benchmarks/results/latest.json.

    python -m benchmarks                    # everything (a few minutes on 2 cores)
    python -m benchmarks --quick            # tiny sizes: proves the runner works end to end
    python -m benchmarks --only editor,lint # some figures (repeatable; names below)
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.machine import describe
from benchmarks.model import Figure, Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"

#: name -> (module, function, title); each function takes Settings and returns a Figure.
FIGURES: dict[str, tuple[str, str, str]] = {
    "cold_start": (
        "benchmarks.cold_start",
        "run_cold_start",
        "cold start to first interactive frame vs a bare Textual app",
    ),
    "posting": (
        "benchmarks.cold_start",
        "run_posting",
        "cold start vs posting (another Textual HTTP client)",
    ),
    "big_10k": (
        "benchmarks.big_response",
        "run_10k",
        "open a LstsummarySession answer with 10,000 sessions vs lxml parse",
    ),
    "big_50k": (
        "benchmarks.big_response",
        "run_50k",
        "open a LstsummarySession answer with 50,000 sessions vs lxml parse",
    ),
    "tree_expand": (
        "benchmarks.tree_expand",
        "run",
        "expand a response-tree node with 10,000 children",
    ),
    "editor": (
        "benchmarks.editor_keystroke",
        "run",
        "editor keystroke to repaint (XML highlighting + live lint) vs a plain TextArea",
    ),
    "lint": (
        "benchmarks.lint_samples",
        "run",
        "lint every XML sample of the 40.x notes vs parsing them",
    ),
    "sandbox": (
        "benchmarks.sandbox_rps",
        "run",
        "sandbox GetSessionInfo req/s, 8 clients vs a stdlib fixed-body server",
    ),
}


def _load(name: str) -> Callable[[Settings], Figure]:
    module_name, function, _title = FIGURES[name]
    return getattr(importlib.import_module(module_name), function)


def run_figure(name: str, settings: Settings) -> Figure:
    title = FIGURES[name][2]
    start = time.perf_counter()
    try:
        figure = _load(name)(settings)
    except Exception as exc:  # a broken figure must not hide the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        figure = Figure(
            name,
            title,
            status="error",
            notes=[
                f"{type(exc).__name__}: {exc}".splitlines()[0][:300],
                f"at {Path(where.filename).name}:{where.lineno} in {where.name}",
            ],
        )
    figure.seconds = time.perf_counter() - start
    return figure


def _parse_names(raw: Sequence[str] | None) -> list[str]:
    if not raw:
        return list(FIGURES)
    names: list[str] = []
    for chunk in raw:
        for name in chunk.split(","):
            name = name.strip()
            if not name:
                continue
            if name not in FIGURES:
                raise SystemExit(
                    f"error: unknown benchmark {name!r} (known: {', '.join(FIGURES)})"
                )
            if name not in names:
                names.append(name)
    return names


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _verdict(ok: bool | None) -> str:
    return {True: "ok", False: "MISS", None: "-"}[ok]


def table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "check", "value", "budget", "verdict")]
    for figure in figures:
        if figure.status != "measured" or not figure.checks:
            note = figure.notes[0] if figure.notes else ""
            rows.append((figure.name, figure.status, "", "", note[:70]))
            continue
        for index, check in enumerate(figure.checks):
            rows.append(
                (
                    figure.name if index == 0 else "",
                    check.name,
                    f"{_fmt(check.value)}{check.unit}",
                    check.budget,
                    _verdict(check.ok),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure the explorer against baselines run on the same machine, now.",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, few repetitions")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"run only these (comma-separated, repeatable): {', '.join(FIGURES)}",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="do not create the other client's venv under benchmarks/.cache if it is missing",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a budget is missed or a figure fails"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list:
        for name, (_module, _function, title) in FIGURES.items():
            print(f"{name:12} {title}")
        return 0
    names = _parse_names(args.only)
    settings = Settings(quick=args.quick, install=not args.no_install)
    started = datetime.now(UTC)
    load_at_start = describe()["loadavg"]
    clock = time.perf_counter()
    figures: list[Figure] = []
    for name in names:
        print(f"… {name}", file=sys.stderr, flush=True)
        figure = run_figure(name, settings)
        figures.append(figure)
        print(
            f"  {name}: {figure.status}, {_verdict(figure.ok)} ({figure.seconds:.1f} s)",
            file=sys.stderr,
            flush=True,
        )
    total = time.perf_counter() - clock
    machine = describe()
    machine["loadavg_at_start"] = load_at_start
    command = " ".join(["python -m benchmarks", *(sys.argv[1:] if argv is None else argv)])
    result = {
        "started": started.isoformat(timespec="seconds"),
        "command": command,
        "quick": settings.quick,
        "total_seconds": round(total, 2),
        "machine": machine,
        "figures": [f.to_json() for f in figures],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(figures))
    print(f"\n{len(figures)} figure(s) in {total:.1f} s; results in {args.json}")
    failed = any(f.status == "error" or f.ok is False for f in figures)
    return 1 if args.strict and failed else 0
