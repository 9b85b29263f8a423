"""The benchmark runner works end to end on tiny sizes (no timing is asserted here)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from benchmarks.generate import envelope_lines, lstsummary_session_response
from benchmarks.model import Check, Figure
from benchmarks.runner import FIGURES, main, table
from explorer.core.response import decode_response

QUICK = ["cold_start", "big_10k", "tree_expand", "editor", "lint", "sandbox"]


def test_generated_answer_decodes_with_every_session_indexed() -> None:
    decoded = decode_response(lstsummary_session_response(25))
    assert decoded.result == "SUCCESS"
    assert decoded.response_types == ["ep:lstsummarySessionResponse"]
    kinds = [hit.kind for hit in decoded.fields]
    assert kinds.count("sessionKey") == 25
    assert kinds.count("meetingUUID") == 25
    assert len({hit.value for hit in decoded.meeting_uuids}) == 25


def test_generated_envelope_has_about_300_lines() -> None:
    assert 300 <= envelope_lines(300).count("\n") < 310


def test_quick_run_measures_every_figure_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    assert main(["--quick", "--no-install", "--only", ",".join(QUICK), "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["quick"] is True
    assert result["machine"]["nproc"] >= 1
    figures = {f["name"]: f for f in result["figures"]}
    assert list(figures) == QUICK
    for name, figure in figures.items():
        assert figure["status"] == "measured", (name, figure["notes"])
        budgeted = [c for c in figure["checks"] if c["limit"] is not None]
        assert budgeted, name
        for check in figure["checks"]:
            assert isinstance(check["value"], float) and math.isfinite(check["value"]), check
            assert check["ok"] in (True, False, None)


def test_unknown_benchmark_is_refused() -> None:
    with pytest.raises(SystemExit, match="unknown benchmark 'nope'"):
        main(["--only", "nope"])


def test_table_shows_verdicts_and_skips() -> None:
    measured = Figure("a", "A", checks=[Check("ratio", 2.5, "x", "<=", 2.0), Check("ms", 3.0)])
    skipped = Figure("b", "B", status="skipped", notes=["not there"])
    text = table([measured, skipped])
    assert "MISS" in text and "<= 2x" in text
    assert "skipped" in text and "not there" in text
    assert set(FIGURES) >= set(QUICK)
