"""SECURITY.md lists every hostile case and every security/reliability test."""

from __future__ import annotations

import re
from pathlib import Path

from tests.security.corpus import CASES

REPO = Path(__file__).resolve().parents[2]
AREAS = [REPO / "tests" / "security", REPO / "tests" / "reliability"]


def _doc() -> str:
    return (REPO / "SECURITY.md").read_text(encoding="utf-8")


def test_every_corpus_case_is_listed() -> None:
    doc = _doc()
    missing = [case.name for case in CASES if f"`{case.name}`" not in doc]
    assert not missing, f"add to SECURITY.md: {missing}"
    assert len(CASES) >= 30


def test_every_test_is_listed() -> None:
    doc = _doc()
    names = {
        match.group(1)
        for area in AREAS
        for path in area.glob("test_*.py")
        for match in re.finditer(r"^(?:async )?def (test_\w+)", path.read_text(), re.MULTILINE)
    }
    missing = sorted(name for name in names if name not in doc)
    assert not missing, f"add to SECURITY.md: {missing}"
