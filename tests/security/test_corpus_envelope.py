"""The hostile corpus through request parsing: parse_envelope and pretty_xml (what users paste)."""

from __future__ import annotations

import pytest

from explorer.core.envelope import parse_envelope, pretty_xml
from explorer.core.errors import XMLInputError
from tests.security.corpus import CASE_IDS, CASES, MARKUP_TEXT, Case, Parsed, Refused, Urls
from tests.security.helpers import run_bounded, says

ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<serv:message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
    '    xmlns:serv="http://www.webex.com/schemas/2002/06/service">\n'
    "  <header><securityContext><siteName>s</siteName></securityContext></header>\n"
    '  <body><bodyContent xsi:type="java:com.webex.service.binding.ep.GetAPIVersion">'
    "{inner}</bodyContent></body>\n</serv:message>\n"
)


def _outputs(result) -> list[str]:
    if result is None:
        return []
    if isinstance(result, str):
        return [result]
    return [repr(result.security), repr(result.http_headers)] + [
        "".join(part.element.itertext()) for part in result.bodies
    ]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_parse_envelope(case: Case, urls: Urls, tripwires) -> None:
    data = case.build(urls)
    parsed, error = run_bounded(case, lambda: parse_envelope(data))
    if isinstance(case.parse, Refused) and "DOCTYPE" in case.parse.fragments:
        assert error is not None and says(str(error), ("DOCTYPE", "not well-formed"))
    if case.big:
        assert error is not None and "limit" in str(error)
    tripwires.assert_untouched(str(error), *_outputs(parsed))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", [c for c in CASES if not c.big],
                         ids=[c.name for c in CASES if not c.big])
def test_pasted_text_with_http_preamble(case: Case, urls: Urls, tripwires) -> None:
    """The same hostile body pasted as an HTTP request copied from documentation."""
    body = case.build(urls).decode("utf-8", errors="replace")
    text = (
        "POST https://example.webex.com/WBXService/XMLService HTTP/1.1\n"
        "Content-Type: text/xml\n\n" + body
    )
    parsed, error = run_bounded(case, lambda: parse_envelope(text))
    if "<!DOCTYPE" in body:
        assert error is not None
    tripwires.assert_untouched(str(error), *_outputs(parsed))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_pretty_xml(case: Case, urls: Urls, tripwires) -> None:
    data = case.build(urls)
    pretty, error = run_bounded(case, lambda: pretty_xml(data))
    if isinstance(case.parse, Refused):
        assert isinstance(error, XMLInputError), f"{case.name}: pretty-printed a refused input"
    elif isinstance(case.parse, Parsed) and case.parse.text and not case.big:
        assert error is None
    tripwires.assert_untouched(str(error), pretty)


def test_markup_and_long_lines_inside_a_valid_envelope(tripwires) -> None:
    inner = f"<note>{MARKUP_TEXT}</note><pad>{'p' * 2_000_000}</pad>"
    parsed = parse_envelope(ENVELOPE.replace("{inner}", inner))
    assert parsed.bodies[0].command == "GetAPIVersion"
    assert parsed.bodies[0].element[0].text == MARKUP_TEXT
    tripwires.assert_untouched(*_outputs(parsed))
