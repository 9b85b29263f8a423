"""Lint every XML sample of the 40.x notes vs parsing the same samples alone.

Samples come from tests/fixtures/notes_samples.py (every example in the Japanese notes, with
its line number). The baseline parses each one with the project's parser (``parse_xml``,
errors ignored: several samples are deliberately not well-formed); the subject lints each
one with ``explorer.core.lint.lint`` at the latest version with a fixed clock. One pass =
every sample once; passes alternate subject/baseline, the figure is the ratio of medians.
"""

from __future__ import annotations

import time
from datetime import datetime

from benchmarks.model import Check, Figure, Settings, skipped
from benchmarks.stats import interleaved, median, ms

TITLE = "lint every XML sample of the 40.x notes vs parsing them"
NOW = datetime(2026, 1, 15, 9, 0, 0)


def run(settings: Settings) -> Figure:
    try:
        from explorer.core.errors import ExplorerError
        from explorer.core.lint import LintSettings, lint
        from explorer.core.xmlsafe import parse_xml
        from tests.fixtures.notes_samples import notes_samples
    except ImportError as exc:
        return skipped("lint", TITLE, f"not importable yet: {exc}")
    texts = [sample.text for sample in notes_samples()]
    lint_settings = LintSettings(now=NOW)

    def baseline() -> float:
        start = time.perf_counter()
        for text in texts:
            try:
                parse_xml(text)
            except ExplorerError:
                pass
        return time.perf_counter() - start

    def subject() -> float:
        start = time.perf_counter()
        for text in texts:
            lint(text, None, lint_settings)
        return time.perf_counter() - start

    subject_times, baseline_times = interleaved(subject, baseline, settings.lint_repeats)
    lint_s, parse_s = median(subject_times), median(baseline_times)
    findings = sum(len(lint(text, None, lint_settings)) for text in texts)
    return Figure(
        "lint",
        TITLE,
        checks=[
            Check("lint / parse (median pass)", lint_s / parse_s, "x", "<=", 5.0),
            Check("lint pass", lint_s * 1000, " ms"),
            Check("parse pass", parse_s * 1000, " ms"),
        ],
        details={
            "samples": len(texts),
            "sample_bytes": sum(len(t.encode()) for t in texts),
            "findings": findings,
            "passes": settings.lint_repeats,
            "lint_ms": [ms(t) for t in subject_times],
            "parse_ms": [ms(t) for t in baseline_times],
        },
    )
