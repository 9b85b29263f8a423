"""Render a results file as Markdown (the tables in docs/benchmarks.md).

    python -m benchmarks.report [benchmarks/results/latest.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.runner import DEFAULT_JSON


def _value(check: dict[str, Any]) -> str:
    value = check["value"]
    if value is None:
        return "-"
    unit = check["unit"].strip()
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else (
        f"{value:.1f}"
    )
    return f"{text}{'x' if unit == 'x' else (' ' + unit if unit else '')}"


def _verdict(ok: bool | None) -> str:
    return {True: "ok", False: "**MISS**", None: ""}[ok]


def markdown(result: dict[str, Any]) -> str:
    machine = result["machine"]
    lines = [
        f"Run: `{result['command']}`, started {result['started']}, "
        f"{result['total_seconds']:.0f} s in all.",
        "",
        f"Machine: {machine['nproc']} CPUs (`nproc`), {machine['cpu_model']}, "
        f"Python {machine['python']}, Textual {machine['textual']}, lxml {machine['lxml']}, "
        f"tree-sitter {machine['tree_sitter']}, {machine['platform']}. Load average "
        f"(1, 5, 15 min) at start {machine.get('loadavg_at_start')}, at end "
        f"{machine.get('loadavg')}.",
        "",
        "```",
        "$ free -h",
        machine["free_h"],
        "```",
        "",
        "| figure | check | value | budget | verdict |",
        "|---|---|---|---|---|",
    ]
    for figure in result["figures"]:
        if figure["status"] != "measured":
            note = figure["notes"][0] if figure["notes"] else ""
            lines.append(f"| {figure['name']} | {figure['status']}: {note} | | | |")
            continue
        for index, check in enumerate(figure["checks"]):
            name = f"**{figure['name']}**" if index == 0 else ""
            budget = "" if check["limit"] is None else check["budget"].replace(" ", " ")
            lines.append(
                f"| {name} | {check['name']} | {_value(check)} | {budget} | "
                f"{_verdict(check['ok'])} |"
            )
    notes = [(f["name"], n) for f in result["figures"] for n in f["notes"]]
    if notes:
        lines += ["", "Notes from the run:", ""]
        lines += [f"- {name}: {note}" for name, note in notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_JSON
    sys.stdout.write(markdown(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
