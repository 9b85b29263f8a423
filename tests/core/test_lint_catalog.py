"""Lint's command facts are worked out once per template and version, and follow the library."""

from __future__ import annotations

import pytest

from explorer.core.lint import catalog
from explorer.core.versions import Version


def test_answers_follow_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    version = Version(40, 2, 0)
    with_library = catalog.exclusive_groups("GetSessionInfo", version)
    monkeypatch.setattr(catalog, "_library", lambda: None)
    assert catalog.exclusive_groups("GetSessionInfo", version) == (
        (("sessionKey", "meetingUUID"), ""),
    )
    monkeypatch.undo()
    assert catalog.exclusive_groups("GetSessionInfo", version) == with_library


def test_the_same_question_gets_the_same_answer() -> None:
    version = Version(40, 1, 0)
    first = catalog.unavailable_elements("GetSessionInfo", version)
    assert catalog.unavailable_elements("GetSessionInfo", version) is first
    assert "meetingUUID" in first
    assert catalog.anonymous_allowed("GetSessionInfo", version) is True
