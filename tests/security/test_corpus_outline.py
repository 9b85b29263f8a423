"""The hostile corpus (tests/security/corpus) through the step-by-step parser
(explorer.core.xmlsafe.XmlSteps) and the outline a big answer is read into
(explorer.core.outline_reader): as safe as parse_xml, and the same answer for the user as the
whole-tree path."""

from __future__ import annotations

import pytest

from explorer.core import response
from explorer.core.errors import ExplorerError
from explorer.core.outline_reader import read_outline
from explorer.core.response import decode_response
from explorer.core.xmlsafe import XmlSteps, parse_xml
from tests.security.corpus import CASE_IDS, CASES, Case, Parsed, Urls
from tests.security.helpers import assert_parse_outcome, full_text, run_bounded

LIMIT = 64 * 1024 * 1024
STEP = 4096  # small steps: every case is read in many of them


def _shape(element) -> tuple:
    """What the response tree shows of an element and everything in it."""
    return (element.tag, element.prefix, dict(element.attrib), (element.text or "").strip(),
            [_shape(child) for child in element])


def _read_in_steps(data: bytes):
    root = None
    for root, finished in XmlSteps(data, max_bytes=LIMIT, step=STEP):
        if not finished:
            continue
        return root
    return root


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_step_by_step_parsing_refuses_what_parse_xml_refuses(case: Case, urls: Urls,
                                                              tripwires) -> None:
    data = case.build(urls)
    root, error = run_bounded(case, lambda: _read_in_steps(data))
    assert_parse_outcome(case, root, error, tripwires)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_outline_is_none_or_what_parse_xml_reads(case: Case, urls: Urls, tripwires) -> None:
    data = case.build(urls)
    read, error = run_bounded(
        case, lambda: read_outline(data, max_bytes=LIMIT, what="response", step=STEP))
    assert error is None, f"{case.name}: read_outline raised {error}"
    if read is None:
        return
    assert isinstance(case.parse, Parsed), f"{case.name}: outlined a refused document"
    assert _shape(read.root) == _shape(parse_xml(data, max_bytes=LIMIT, drop_blank_text=True))
    whole = read.root.materialise()
    if case.parse.text is not None:
        assert case.parse.text in full_text(whole)
    tripwires.assert_untouched(full_text(whole), [hit.to_json() for hit in read.fields])


def _outcome(data: bytes) -> object:
    try:
        decoded = decode_response(data, content_type="text/xml;charset=UTF-8")
    except ExplorerError as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("decoded", decoded.to_json(), len(decoded.fields), decoded.registration_form)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_decoding_as_an_outline_answers_like_the_whole_tree(case: Case, urls: Urls, tripwires,
                                                            monkeypatch) -> None:
    data = case.build(urls)
    whole, _ = run_bounded(case, lambda: _outcome(data))
    monkeypatch.setattr(response, "OUTLINE_FROM", 0)
    outlined, _ = run_bounded(case, lambda: _outcome(data))
    assert outlined == whole, case.name
    tripwires.assert_untouched(outlined)
