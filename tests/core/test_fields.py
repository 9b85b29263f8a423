"""The field index: every spelling of the identifiers, prefixed paths, registrationForm."""

from __future__ import annotations

import pytest

from explorer.core.fields import FIELD_SPELLINGS, index_fields, registration_form, scan
from explorer.core.xmlsafe import parse_xml

DOC = """<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service"
    xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep"
    xmlns:meet="http://www.webex.com/schemas/2002/06/service/meeting">
  <serv:body>
    <serv:bodyContent>
      <ep:session><ep:sessionKey> 1 </ep:sessionKey><ep:MeetingUUID>u1</ep:MeetingUUID></ep:session>
      <ep:session><ep:sessionkey>2</ep:sessionkey><ep:meetingUuid>u2</ep:meetingUuid>
        <ep:confID>c2</ep:confID></ep:session>
    </serv:bodyContent>
    <serv:bodyContent>
      <meet:meetingkey>3</meet:meetingkey><meet:meetingUUID/><meetingKey>4</meetingKey>
      <meet:seriesMeetingKey>0</meet:seriesMeetingKey>
    </serv:bodyContent>
  </serv:body>
</serv:message>"""


def test_every_spelling_is_found_with_kind_name_value_and_path():
    hits = [(h.kind, h.name, h.value, h.path) for h in index_fields(parse_xml(DOC))]
    base = "/serv:message/serv:body/serv:bodyContent"
    assert hits == [
        ("sessionKey", "ep:sessionKey", "1", f"{base}[1]/ep:session[1]/ep:sessionKey"),
        ("meetingUUID", "ep:MeetingUUID", "u1", f"{base}[1]/ep:session[1]/ep:MeetingUUID"),
        ("sessionKey", "ep:sessionkey", "2", f"{base}[1]/ep:session[2]/ep:sessionkey"),
        ("meetingUUID", "ep:meetingUuid", "u2", f"{base}[1]/ep:session[2]/ep:meetingUuid"),
        ("confID", "ep:confID", "c2", f"{base}[1]/ep:session[2]/ep:confID"),
        ("meetingKey", "meet:meetingkey", "3", f"{base}[2]/meet:meetingkey"),
        ("meetingUUID", "meet:meetingUUID", "", f"{base}[2]/meet:meetingUUID"),
        ("meetingKey", "meetingKey", "4", f"{base}[2]/meetingKey"),
    ]


def test_spelling_table_kinds():
    assert set(FIELD_SPELLINGS.values()) == {"meetingUUID", "sessionKey", "meetingKey", "confID"}
    assert "seriesMeetingKey" not in FIELD_SPELLINGS


def test_no_registration_form_is_none():
    assert registration_form(parse_xml(DOC)) is None
    assert scan(parse_xml(DOC))[1] is None


@pytest.mark.parametrize("prefix", ["", "meet:"])
def test_registration_form_table(prefix):
    ns = ' xmlns:meet="http://www.webex.com/schemas/2002/06/service/meeting"' if prefix else ""
    p = prefix
    doc = (
        f"<r{ns}><{p}registrationForm><{p}title><{p}req>true</{p}req></{p}title>"
        f"<{p}fax><{p}req> FALSE </{p}req></{p}fax><{p}city><{p}req>TRUE</{p}req></{p}city>"
        f"<!-- a comment --><{p}phone/></{p}registrationForm>"
        f"<{p}registrationForm><{p}other><{p}req>true</{p}req></{p}other></{p}registrationForm>"
        "</r>"
    )
    root = parse_xml(doc)
    expected = {"title": True, "fax": False, "city": True, "phone": False}
    assert registration_form(root) == expected  # the first block only
    assert scan(root)[1] == expected


def test_positions_count_siblings_of_the_same_tag_in_a_long_list():
    sessions = "".join(
        f"<s><k><sessionKey>{i}</sessionKey></k></s><other/>" for i in range(1, 301)
    )
    doc = f"<r><body><bodyContent>{sessions}</bodyContent><x><confID>c</confID></x></body></r>"
    hits = index_fields(parse_xml(doc))
    assert [h.path for h in hits[:2]] == ["/r/body/bodyContent[1]/s[1]/k/sessionKey",
                                          "/r/body/bodyContent[1]/s[2]/k/sessionKey"]
    assert hits[299].path == "/r/body/bodyContent[1]/s[300]/k/sessionKey"
    assert hits[299].value == "300"
    assert hits[300].path == "/r/body/x/confID"


def test_a_path_builder_asked_out_of_document_order_still_counts_right():
    from explorer.core.fields import _PathBuilder

    root = parse_xml("<r><a/><a><b/></a><a/></r>")
    builder = _PathBuilder()
    assert builder.path(root[2]) == "/r/a[3]"
    assert builder.path(root[1][0]) == "/r/a[2]/b"
    assert builder.path(root[0]) == "/r/a[1]"


def test_field_hits_compare_and_print_like_records():
    from explorer.core.fields import FieldHit

    joined = FieldHit("confID", "confID", "1", parent_path="/r/x")
    given = FieldHit("confID", "confID", "1", "/r/x/confID")
    assert joined == given and joined.path == "/r/x/confID"
    assert joined != FieldHit("confID", "confID", "2", "/r/x/confID")
    assert "path='/r/x/confID'" in repr(joined)
    assert joined.to_json() == {"kind": "confID", "name": "confID", "value": "1",
                                "path": "/r/x/confID", "problem": None}


def test_field_hits_read_like_the_list_of_hits_they_keep():
    from explorer.core.fields import FieldHit, FieldHits

    made = [FieldHit("sessionKey", "ep:sessionKey", "1", "/m/s[1]/ep:sessionKey"),
            FieldHit("meetingUUID", "ep:meetingUUID", "u1", "/m/s[1]/ep:meetingUUID"),
            FieldHit("sessionKey", "ep:sessionKey", "2", "/m/s[2]/ep:sessionKey"),
            FieldHit("confID", "confID", "9", parent_path="/m")]
    hits = FieldHits(made)
    assert len(hits) == 4 and hits == made and made == hits and list(hits) == made
    assert hits[-1] == made[3] and hits[-1].path == "/m/confID"
    assert hits[1:3] == made[1:3] and hits[::-1] == made[::-1]
    with pytest.raises(IndexError):
        hits[4]
    with pytest.raises(IndexError):
        hits[-5]
    assert hits.indices_of("sessionKey") == [0, 2]
    assert hits.indices_of("sessionKey", 1) == [0]
    assert hits.indices_of("meetingKey") == []
    assert hits.of_kind("sessionKey") == [made[0], made[2]]
    assert hits.last_values() == {"sessionKey": "2", "meetingUUID": "u1", "confID": "9"}
    at = hits.add("meetingKey", "meetingKey", "", "/m")
    hits.set_value(at, "42")
    assert hits[at].value == "42" and hits[at].path == "/m/meetingKey"
    assert hits != made and FieldHits() == []
