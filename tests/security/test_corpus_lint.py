"""The hostile corpus through lint (what users paste into the editor or `webex-explorer lint`),
plus inputs aimed at lint's own tolerant scanner, and every XML example of the 40.x notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.core.lint import RULE_IDS, Finding, lint
from tests.fixtures.notes_samples import require_notes
from tests.security.corpus import CASE_IDS, CASES, Case, Refused, Urls
from tests.security.helpers import assert_clean_exit, run_bounded, run_cli


def _check(case: Case, findings: list[Finding] | None, error, tripwires) -> None:
    # lint never raises for bad input: a document that is not XML is an xml-syntax finding.
    assert error is None, f"{case.name}: lint raised {error!r}"
    assert findings is not None
    for finding in findings:
        assert finding.rule in RULE_IDS
        assert "\n" not in finding.message
    if isinstance(case.parse, Refused):
        assert any(f.severity == "error" for f in findings), f"{case.name}: no error finding"
    tripwires.assert_untouched(*(f.message for f in findings))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_lint_bytes(case: Case, urls: Urls, tripwires) -> None:
    data = case.build(urls)
    findings, error = run_bounded(case, lambda: lint(data))
    _check(case, findings, error, tripwires)


SMALL = [c for c in CASES if not c.big]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_lint_pasted_text(case: Case, urls: Urls, tripwires) -> None:
    text = case.build(urls).decode("utf-8", errors="replace")
    findings, error = run_bounded(case, lambda: lint(text, "40.4.9"))
    assert error is None, f"{case.name}: lint raised {error!r}"
    tripwires.assert_untouched(*(f.message for f in findings or []))
    if "<!DOCTYPE" in text:
        assert any(f.rule == "xml-syntax" and f.severity == "error" for f in findings or [])


# Inputs that well-formedness checks refuse early but a tolerant scanner still walks.
SCANNER_CASES = {
    "attribute-soup": "<serv:message " + "b" * 200_000 + ">x</serv:message>",
    "attribute-soup-quoted": '<a b="' + "'" * 100_000 + ">x</a>",
    "unclosed-tags": "<a" * 100_000,
    "lt-flood": "<" * 300_000,
    "unclosed-comment": "<!--" + "-" * 1_000_000,
    "unclosed-cdata": "<a><![CDATA[" + "]" * 1_000_000,
    "deep-nesting": "<a>" * 10_000 + "</a>" * 10_000,
    "deep-with-comments": "<a><!-- 1 -->" * 3_000 + "</a>" * 3_000,
    "deep-bodycontent": "<bodyContent>" * 5_000 + "</bodyContent>" * 5_000,
    "many-or": "<a>" + "x or y " * 200_000 + "</a>",
    "many-placeholders": "<a>" + "".join(f"<v{i}>{{x}}</v{i}>" for i in range(50_000)) + "</a>",
    "stray-end-tags": "</a>" * 200_000,
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(SCANNER_CASES))
def test_lint_scanner_stays_linear(name: str) -> None:
    case = Case(name, name, lambda _u: b"", Refused(("",)))
    findings, error = run_bounded(case, lambda: lint(SCANNER_CASES[name]))
    assert error is None
    assert findings and any(f.severity == "error" for f in findings)


@pytest.mark.timeout(60)
def test_every_notes_example_lints_without_a_crash() -> None:
    samples = require_notes()
    assert len(samples) >= 10
    for sample in samples:
        case = Case(sample.id, sample.id, lambda _u: b"", Refused(("",)))
        for version in (None, "40.1.0", "40.6.0"):
            findings, error = run_bounded(case, lambda s=sample, v=version: lint(s.text, v))
            assert error is None, f"{sample.id}: {error!r}"
            assert all(f.rule in RULE_IDS for f in findings or [])


@pytest.mark.timeout(60)
def test_lint_cli_on_hostile_files(urls: Urls, tripwires, tmp_path: Path) -> None:
    """`webex-explorer lint FILE --json` on the most hostile inputs: exit 1, JSON, no leak."""
    for name in ("xxe-file", "xxe-http", "billion-laughs", "deep-nesting", "utf7-doctype",
                 "control-chars", "invalid-utf8"):
        case = next(c for c in CASES if c.name == name)
        path = tmp_path / f"{name}.xml"
        path.write_bytes(case.build(urls))
        run = run_cli("lint", str(path), "--json")
        assert_clean_exit(run, (1,))
        findings = json.loads(run.out)
        assert any(f["severity"] == "error" for f in findings)
        tripwires.assert_untouched(run.out, run.err)


@pytest.mark.timeout(60)
def test_lint_cli_of_an_endless_stream_is_bounded() -> None:
    run = run_cli("lint", "/dev/zero", timeout=50)
    assert run.seconds < 20
    assert_clean_exit(run, (1, 2))
    assert "limit" in (run.err + run.out)
