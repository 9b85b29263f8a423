"""The hostile corpus through explorer.core.response.decode_response (what a server sends)."""

from __future__ import annotations

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.response import DecodedResponse, decode_response, split_http_response
from tests.security.corpus import CASE_IDS, CASES, MARKUP_TEXT, Case, Refused, Urls
from tests.security.helpers import run_bounded, says

# What a decoded (accepted) response must show, by case.
EXPECTED_REASON = {
    "latin1-declared-utf8-sent": "caf\u00e9 \u65e5\u672c",
    "latin1-correct": "caf\u00e9",
    "windows-1252-declared-latin1": "\u201cquoted\u201d \u20ac caf\u00e9",
    "shift-jis": "\u4f1a\u8b70",
    "utf16-bom": "\u65e5\u672c\u8a9e",
    "utf32-bom": "\u00e9t\u00e9",
    "utf8-bom": "caf\u00e9",
    "rich-markup": MARKUP_TEXT,
    "comment-run": "after-comments",
}


def _check(case: Case, decoded: DecodedResponse | None, error: ExplorerError | None, wires):
    if isinstance(case.parse, Refused):
        assert error is not None, f"{case.name}: accepted a response parse_xml refuses"
    if error is not None:
        if case.response_says:
            assert says(str(error), case.response_says), f"{case.name}: {error}"
        wires.assert_untouched(str(error))
        assert case.name not in EXPECTED_REASON, f"{case.name}: refused: {error}"
        return
    assert decoded is not None
    wires.assert_untouched(decoded.to_json(), decoded.reason)
    if case.name in EXPECTED_REASON:
        assert decoded.reason == EXPECTED_REASON[case.name]
    if case.name == "long-line":
        assert len(decoded.keys["meetingKey"]) == 40_000


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_decode_response_bytes(case: Case, urls: Urls, tripwires) -> None:
    data = case.build(urls)
    decoded, error = run_bounded(
        case, lambda: decode_response(data, content_type="text/xml;charset=UTF-8")
    )
    _check(case, decoded, error, tripwires)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_saved_response_with_status_line(case: Case, urls: Urls, tripwires) -> None:
    """A saved response (status line and headers, then the body), as `inspect` reads it."""
    if case.big:
        data = case.build(urls)
        saved = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n" + data
        del data
    else:
        saved = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n" + case.build(urls)

    def run() -> DecodedResponse:
        status, headers, body = split_http_response(saved)
        assert status == 200
        return decode_response(body, content_type=headers.get("Content-Type"))

    decoded, error = run_bounded(case, run)
    _check(case, decoded, error, tripwires)


def test_html_page_with_status_200_names_the_title(urls: Urls) -> None:
    data = next(c for c in CASES if c.name == "html-error-page").build(urls)
    with pytest.raises(ExplorerError, match=r"HTML page \(title: 503 Service Unavailable\)"):
        decode_response(data, content_type="text/xml;charset=UTF-8")


def test_soap_fault_names_the_fault_string(urls: Urls) -> None:
    data = next(c for c in CASES if c.name == "soap-fault").build(urls)
    with pytest.raises(ExplorerError, match="Internal Error"):
        decode_response(data)


def test_markup_in_reason_is_kept_literally(urls: Urls) -> None:
    data = next(c for c in CASES if c.name == "rich-markup").build(urls)
    decoded = decode_response(data)
    assert decoded.reason == MARKUP_TEXT
    assert decoded.to_json()["reason"] == MARKUP_TEXT
