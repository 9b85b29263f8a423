"""A big answer read as an outline: the same tree, fields and registrationForm as the whole
lxml tree, whatever the step size; what cannot be followed is refused (None)."""

from __future__ import annotations

import pytest
from lxml import etree

from explorer.core.fields import scan
from explorer.core.outline import OutlineElement
from explorer.core.outline_reader import read_outline
from explorer.core.xmlsafe import parse_xml

SERV = "http://www.webex.com/schemas/2002/06/service"
EP = "http://www.webex.com/schemas/2002/06/service/ep"
NS = (f'xmlns:serv="{SERV}" xmlns:ep="{EP}" '
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
STEPS = (23, 64, 200, 1000, 256 * 1024)


def answer(body: str, header: str = "<serv:result>SUCCESS</serv:result>") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<serv:message {NS}><serv:header>'
            f"<serv:response>{header}</serv:response></serv:header><serv:body>"
            f'<serv:bodyContent xsi:type="ep:lstsummarySessionResponse">{body}'
            "</serv:bodyContent></serv:body></serv:message>").encode()


def sessions(count: int) -> str:
    return "".join(
        f"<ep:session><ep:sessionKey>{800 + i}</ep:sessionKey><ep:MeetingUUID>u{i}"
        f"</ep:MeetingUUID><ep:confName>Team &amp; {i}</ep:confName><ep:confID>{i}"
        "</ep:confID></ep:session>"
        for i in range(count)
    )


DOCS = {
    "list": answer(sessions(60)),
    "list after other children": answer("<ep:matchingRecords><serv:total>9</serv:total>"
                                        "</ep:matchingRecords>" + sessions(30)),
    "mixed siblings": answer("".join(f"<ep:a n='{i}'>x</ep:a><ep:b/><ep:confID>{i}</ep:confID>"
                                     for i in range(40))),
    "same name inside": answer("".join(
        f"<ep:session><ep:session><ep:session>{i}</ep:session></ep:session>"
        f"<ep:sessionKey>{i}</ep:sessionKey></ep:session>" for i in range(30))),
    "same name inside, empty": answer("".join(
        f"<ep:session><ep:session/><ep:confID>{i}</ep:confID></ep:session>" for i in range(30))),
    "empty elements, attributes with markup characters": answer("".join(
        f'<ep:item a="x>y/>" b=\'&lt;/ep:item>\'/><ep:item c="1" ></ep:item ><ep:item/>'
        f"<ep:item>{i}</ep:item   >" for i in range(30))),
    "white space between elements": answer("\n  " + "\n  ".join(
        f"<ep:session>\n    <ep:sessionKey> {i} </ep:sessionKey>\n  </ep:session>"
        for i in range(30)) + "\n"),
    "mixed content": answer("".join(f"<ep:p>a<ep:b>{i}</ep:b>tail &lt;x&gt;</ep:p>more"
                                    for i in range(30))),
    "namespaces declared on the items": answer("".join(
        f'<x:session xmlns:x="{EP}"><x:confID>{i}</x:confID></x:session>'
        f'<session xmlns="urn:other"><confID>{i}</confID></session>'
        f'<ep:session xmlns:ep="urn:rebound"><ep:confID>{i}</ep:confID></ep:session>'
        for i in range(20))),
    "fields deep inside items": answer("".join(
        f"<ep:s><ep:k><ep:k/><ep:k><meetingKey>{i}</meetingKey></ep:k></ep:k></ep:s>"
        for i in range(30))),
    "registration form": answer(sessions(10) + "<ep:registrationForm><ep:title><ep:req>true"
                                "</ep:req></ep:title><ep:fax><ep:req>false</ep:req></ep:fax>"
                                "<ep:phone/></ep:registrationForm>" + sessions(10)),
    "big registration form": answer("<ep:registrationForm>" + "".join(
        f"<ep:f{i}><ep:req>{'true' if i % 2 else 'false'}</ep:req></ep:f{i}>"
        for i in range(80)) + "</ep:registrationForm>"),
    "two bodyContents": answer(sessions(20) + "</serv:bodyContent><serv:bodyContent>"
                               "<ep:meetingkey>7</ep:meetingkey>" + sessions(20)),
    "a field with a long text": answer("<ep:confID>" + "9" * 3000 + "</ep:confID>"
                                       + sessions(5)),
    "non-ASCII": answer("".join(f"<ep:session><ep:confName>会議 {i} café</ep:confName>"
                                f"<ep:confID>{i}</ep:confID></ep:session>" for i in range(40))),
    "white space and a byte order mark before the declaration":
        b"\xef\xbb\xbf \n" + answer(sessions(20)),
    "deep": answer("<ep:a>" * 100 + "<ep:confID>1</ep:confID>" + "</ep:a>" * 100
                   + sessions(5)),
}


def assert_same_tree(outlined, whole, where: str = "") -> None:
    where = f"{where}/{whole.tag}"
    assert outlined.tag == whole.tag, where
    assert outlined.prefix == whole.prefix, where
    assert dict(outlined.attrib) == dict(whole.attrib), where
    assert (outlined.text or "").strip() == (whole.text or "").strip(), where
    assert len(outlined) == len(whole), where
    for index, (a, b) in enumerate(zip(outlined, whole, strict=True)):
        assert_same_tree(a, b, f"{where}[{index}]")


def hits(found) -> list[tuple[str, str, str, str]]:
    return [(h.kind, h.name, h.value, h.path) for h in found]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("name", list(DOCS))
def test_the_outline_holds_what_the_whole_tree_holds(name, step):
    data = DOCS[name]
    whole = parse_xml(data, drop_blank_text=True)
    read = read_outline(data, max_bytes=len(data), what="response", step=step)
    assert read is not None
    assert isinstance(read.root, OutlineElement)
    assert_same_tree(read.root, whole)
    whole_hits, whole_form = scan(whole)
    assert hits(read.fields) == hits(whole_hits)
    assert read.registration_form == whole_form


@pytest.mark.parametrize("markup", ["<!-- a comment -->", "<![CDATA[</ep:session>]]>",
                                    "<?pi x?>"])
def test_markup_that_is_not_a_tag_is_refused(markup):
    data = answer(sessions(5) + f"<ep:x>{markup}</ep:x>" + sessions(5))
    assert read_outline(data, max_bytes=len(data), what="response", step=64) is None
    assert read_outline(answer(sessions(5)) + markup.encode(), max_bytes=10**6,
                        what="response") is None


def test_exclamation_and_question_marks_in_text_are_fine():
    data = answer("".join(f"<ep:confName>Why? Now! {i}</ep:confName>" for i in range(100)))
    assert read_outline(data, max_bytes=len(data), what="response", step=64) is not None


@pytest.mark.parametrize("data", [
    answer(sessions(3))[:-10],  # cut short
    answer(sessions(3)).replace(b"</ep:confID>", b"</ep:confId>", 1),  # malformed
    b'<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\xe9</a>',  # not UTF-8
    b"<!DOCTYPE a><a/>",
])
def test_what_the_whole_parser_would_refuse_or_read_differently_is_none(data):
    assert read_outline(data, max_bytes=len(data) + 1, what="response", step=64) is None


def test_children_are_parsed_when_asked_and_find_works_on_names():
    data = answer(sessions(50) + "<ep:sessionTicket>T</ep:sessionTicket>")
    root = read_outline(data, max_bytes=len(data), what="response", step=128).root
    body = root.find(f"{{{SERV}}}body")
    assert isinstance(body, OutlineElement) and body.getparent() is root
    content = body[0]
    assert isinstance(content, OutlineElement)
    assert content.get("{http://www.w3.org/2001/XMLSchema-instance}type") \
        == "ep:lstsummarySessionResponse"
    assert len(content) == 51
    assert content.findtext("{*}sessionTicket") == "T"
    assert content.findtext("{*}nothing", "none") == "none"
    assert content[-1].tag == f"{{{EP}}}sessionTicket"
    page = content[10:20]
    assert [s.findtext("{*}sessionKey") for s in page] == [str(800 + i) for i in range(10, 20)]
    assert len(content.findall(f"{{{EP}}}session")) == 50
    assert [s.findtext("{*}confID") for s in content.iterchildren("{*}session")][:2] \
        == ["0", "1"]
    assert content.find("ep:session/ep:confID", {"ep": EP}).text == "0"
    assert content.findtext(".//{*}confName") == "Team & 0"
    # The rest of lxml's element API works on a full copy.
    assert len(root.xpath("//*[local-name()='session']")) == 50
    whole = root.materialise()
    assert isinstance(whole, etree._Element) and len(whole.iter("{*}session").__next__()) == 4
    assert etree.tostring(content.materialise()).startswith(b"<serv:bodyContent")


def test_small_answers_are_outlined_the_same_from_str():
    text = answer(sessions(3)).decode()
    read = read_outline(text, max_bytes=len(text), what="response", step=50)
    assert read is not None and len(read.fields) == 9


def _decoded(data) -> object:
    from explorer.core.errors import ExplorerError
    from explorer.core.response import decode_response

    try:
        decoded = decode_response(data)
    except ExplorerError as exc:
        return str(exc)
    return (decoded.to_json(), [h.to_json() for h in decoded.fields], decoded.registration_form,
            [bc.get("{http://www.w3.org/2001/XMLSchema-instance}type")
             for bc in decoded.body_contents])


@pytest.mark.parametrize("name", list(DOCS))
def test_decoding_as_an_outline_gives_the_same_answer(name, monkeypatch):
    from explorer.core import response

    whole = _decoded(DOCS[name])
    monkeypatch.setattr(response, "OUTLINE_FROM", 0)
    assert _decoded(DOCS[name]) == whole


def test_every_example_of_the_notes_decodes_the_same_as_an_outline(monkeypatch):
    from explorer.core import response
    from tests.fixtures.notes_samples import require_notes

    samples = require_notes()
    whole = [_decoded(sample.text) for sample in samples]
    monkeypatch.setattr(response, "OUTLINE_FROM", 0)
    assert [_decoded(sample.text) for sample in samples] == whole


def test_the_rest_of_the_element_api():
    data = answer(sessions(3) + '<ep:n xmlns="urn:d"><plain a="1" b="2">p</plain></ep:n>')
    root = read_outline(data, max_bytes=len(data), what="response", step=40).root
    content = root[1][0]
    assert isinstance(content, OutlineElement) and "bodyContent" in repr(content)
    assert content.keys() == ["{http://www.w3.org/2001/XMLSchema-instance}type"]
    assert content.items() == [(content.keys()[0], "ep:lstsummarySessionResponse")]
    assert content.values() == ["ep:lstsummarySessionResponse"]
    assert content.tail is None and content.nsmap["ep"] == EP
    assert [c.tag.rpartition("}")[2] for c in content.iterchildren(f"{{{EP}}}*")] \
        == ["session"] * 3 + ["n"]
    assert next(content.iterchildren(reversed=True)).tag == f"{{{EP}}}n"
    assert list(content.iterchildren(etree.Comment)) == []
    assert content[-1].find("{urn:d}plain").get("b") == "2"
    assert content.find("{}plain") is None and content.find("*").tag.endswith("session")
    assert [e.text for e in content.iterfind("ep:session/ep:confID", {"ep": EP})] \
        == ["0", "1", "2"]
    assert len(content.findall(".//{*}confName")) == 3
    with pytest.raises(IndexError):
        content[4]
    assert not hasattr(content, "_private")  # never asked of a full copy
    assert content.getroottree().getroot().tag == content.tag  # on a full copy
