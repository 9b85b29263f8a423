"""The hostile corpus through explorer.core.xmlsafe.parse_xml (bytes and str input)."""

from __future__ import annotations

import pytest
from lxml import etree

from explorer.core.errors import XMLInputError
from explorer.core.xmlsafe import charset_note, parse_xml
from tests.security.canaries import MARKER, FileCanary
from tests.security.corpus import CASE_IDS, CASES, Case, Urls
from tests.security.helpers import assert_parse_outcome, full_text, run_bounded


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_parse_xml_bytes(case: Case, urls: Urls, tripwires) -> None:
    data = case.build(urls)
    root, error = run_bounded(case, lambda: parse_xml(data, max_bytes=64 * 1024 * 1024))
    assert_parse_outcome(case, root, error, tripwires)


TEXT_CASES = [c for c in CASES if not c.big]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.name for c in TEXT_CASES])
def test_parse_xml_text(case: Case, urls: Urls, tripwires) -> None:
    """Pasted text (str) takes a different decoding path; it must be just as safe."""
    data = case.build(urls)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    root, error = run_bounded(case, lambda: parse_xml(text))
    # A str is already decoded, so charset cases may legitimately parse; the rest must agree.
    outputs = [str(error)] if error else [full_text(root)]
    tripwires.assert_untouched(*outputs)
    if "DOCTYPE" in text and error is None:
        pytest.fail(f"{case.name}: a DOCTYPE got through as text")


def test_mislabelled_latin1_is_read_as_utf8_with_a_note(urls: Urls) -> None:
    data = next(c for c in CASES if c.name == "latin1-declared-utf8-sent").build(urls)
    assert "\u65e5\u672c" in "".join(parse_xml(data).itertext())
    note = charset_note(data)
    assert note is not None and "UTF-8" in note and "\n" not in note


def test_mislabelled_utf8_names_the_byte_offset(urls: Urls) -> None:
    data = next(c for c in CASES if c.name == "utf8-declared-latin1-sent").build(urls)
    offset = data.index(b"\xe9")
    with pytest.raises(XMLInputError) as info:
        parse_xml(data)
    assert f"byte offset {offset} (0xE9" in str(info.value)
    assert info.value.line == 1


def test_windows_1252_declared_as_latin1_is_read_as_windows_1252(urls: Urls) -> None:
    data = next(c for c in CASES if c.name == "windows-1252-declared-latin1").build(urls)
    assert "\u201cquoted\u201d \u20ac" in "".join(parse_xml(data).itertext())
    note = charset_note(data)
    assert note is not None and "Windows-1252" in note


def test_correct_documents_get_no_charset_note(urls: Urls) -> None:
    for name in ("latin1-correct", "utf16-bom", "shift-jis", "long-line"):
        assert charset_note(next(c for c in CASES if c.name == name).build(urls)) is None


def test_size_refusal_happens_before_parsing() -> None:
    data = b"<a>" + b"x" * (5 * 1024 * 1024) + b"</a>"
    with pytest.raises(XMLInputError, match=r"5\.0 MB, over the 1\.0 MB limit"):
        parse_xml(data, max_bytes=1024 * 1024)


def test_the_tripwires_do_catch_an_unsafe_parser(tmp_path) -> None:
    """Proof that these tests can fail: a parser that resolves entities trips the canary."""
    canary = FileCanary(tmp_path / "c")
    unsafe = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    doc = f'<!DOCTYPE a [<!ENTITY x SYSTEM "{canary.fifo_url}">]><a>&x;</a>'.encode()
    root = etree.fromstring(doc, unsafe)
    assert MARKER in "".join(root.itertext())
    assert canary.opened.wait(2)
    canary.close()
