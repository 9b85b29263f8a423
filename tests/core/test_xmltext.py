"""explorer.core.xmltext escapes exactly as the standard library's xml.sax.saxutils does."""

from __future__ import annotations

import itertools
from xml.sax.saxutils import escape as std_escape
from xml.sax.saxutils import quoteattr as std_quoteattr

import pytest

from explorer.core.xmltext import escape, quoteattr

CHARACTERS = ["a", "&", "<", ">", '"', "'", "\n", "\r", "\t", "é"]
TEXTS = ["".join(p) for n in range(1, 4) for p in itertools.product(CHARACTERS, repeat=n)]


@pytest.mark.parametrize("entities", [None, {'"': "&quot;", "'": "&apos;"}])
def test_escape_matches_the_standard_library(entities: dict[str, str] | None) -> None:
    assert [escape(t, entities) for t in TEXTS] == [std_escape(t, entities or {}) for t in TEXTS]


def test_quoteattr_matches_the_standard_library() -> None:
    assert [quoteattr(t) for t in TEXTS] == [std_quoteattr(t) for t in TEXTS]


def test_quoteattr_picks_single_quotes_only_when_safe() -> None:
    assert quoteattr('say "hi"') == "'say \"hi\"'"
    assert quoteattr("it's \"x\"") == '"it\'s &quot;x&quot;"'
