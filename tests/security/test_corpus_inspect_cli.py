"""The hostile corpus through `webex-explorer inspect` in a subprocess (saved responses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.security.corpus import CASE_IDS, CASES, MARKUP_TEXT, Case, Refused, Urls
from tests.security.helpers import assert_clean_exit, run_cli, says, time_bound


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_inspect_json(case: Case, urls: Urls, tripwires, tmp_path: Path) -> None:
    saved = tmp_path / "response.xml"
    saved.write_bytes(case.build(urls))
    run = run_cli("inspect", str(saved), "--json")
    assert run.seconds < time_bound(case) + 5, f"{case.name}: {run.seconds:.1f}s"
    assert_clean_exit(run, (0, 2))
    tripwires.assert_untouched(run.out, run.err)
    if isinstance(case.parse, Refused):
        assert run.code == 2, f"{case.name}: accepted"
    if run.code == 2 and case.response_says:
        assert says(run.err, case.response_says), run.err
    if run.code == 0:
        data = json.loads(run.out)
        assert {"result", "reason", "exception_id", "keys", "meeting_uuids"} <= set(data)
        if case.name == "rich-markup":
            assert data["reason"] == MARKUP_TEXT


# The human-readable output prints server text: a representative subset through stdin.
STDIN_CASES = [c for c in CASES if c.name in {
    "xxe-file", "xxe-http", "billion-laughs", "deep-nesting", "utf7-doctype", "html-error-page",
    "json", "empty-body", "truncated", "soap-fault", "rich-markup", "latin1-declared-utf8-sent",
    "utf16-bom", "control-chars", "long-line", "comment-run"}]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", STDIN_CASES, ids=[c.name for c in STDIN_CASES])
def test_inspect_text_from_stdin(case: Case, urls: Urls, tripwires) -> None:
    run = run_cli("inspect", "-", stdin=case.build(urls))
    assert run.seconds < time_bound(case) + 5
    assert_clean_exit(run, (0, 2))
    tripwires.assert_untouched(run.out, run.err)
    if case.name == "rich-markup":
        assert MARKUP_TEXT in run.out  # printed literally, not interpreted


@pytest.mark.timeout(60)
def test_inspect_of_an_endless_stream_is_bounded() -> None:
    """/dev/zero never ends: inspect must stop reading at its limit and say so."""
    run = run_cli("inspect", "/dev/zero", timeout=50)
    assert run.seconds < 20
    assert_clean_exit(run, (2,))
    assert says(run.err, ("limit", "too large", "MB")), run.err
