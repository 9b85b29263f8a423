import re
from pathlib import Path

import pytest

from explorer.core import commands, exception_catalog, namespaces

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def test_canonical_and_package():
    assert commands.canonical_command("lstSummarySession") == "LstsummarySession"
    assert commands.package_of("GetSite") == "site"
    assert commands.package_of("CreateTeleconferenceSession") == "meeting.auo"
    assert commands.package_of("NoSuchThing") is None


def test_did_you_mean():
    assert commands.did_you_mean("GetSesionInfo")[0] == "GetSessionInfo"
    assert commands.did_you_mean("zzzzzz") == []


def test_java_type_round_trip():
    t = namespaces.java_type("meeting.auo", "GetTeleconferenceSession")
    assert t == "java:com.webex.service.binding.meeting.auo.GetTeleconferenceSession"
    assert namespaces.split_java_type(t) == ("meeting.auo", "GetTeleconferenceSession")
    assert namespaces.split_java_type("ep:getSessionInfoResponse") is None


def test_response_type_uses_real_prefixes():
    assert namespaces.response_type("meeting", "GetMeeting") == "meet:getMeetingResponse"
    assert namespaces.response_type("site", "GetSite") == "ns1:getSiteResponse"
    assert namespaces.response_type("ep", "LstsummarySession") == "ep:lstsummarySessionResponse"


def test_exception_lookup_and_hint():
    info = exception_catalog.lookup("60016")
    assert info is not None and info.id == "060016"
    assert "now + 5 minutes" in info.hint
    assert info.since == "40.2.0"
    assert exception_catalog.lookup("123456") is None
    assert exception_catalog.lookup(None) is None


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is not beside the repo")
def test_every_exception_id_in_the_reference_is_catalogued():
    text = (REFERENCE / "xmlapi-40-changes.md").read_text() + (
        REFERENCE / "xmlapi-facts.md"
    ).read_text()
    ids = set(re.findall(r"^\| (\d{6})(?: / (\d{6}))? \|", text, re.M))
    flat = {i for pair in ids for i in pair if i}
    assert len(flat) >= 15
    assert flat <= set(exception_catalog.CATALOG)


def test_unconfirmed_exception_texts_say_so_and_two_train_changes_name_both():
    for info in exception_catalog.CATALOG.values():
        assert info.verified or "not Cisco's documents" in info.meaning, info.id
    assert exception_catalog.lookup("110063").since == "40.6.1 / 40.4.9"
    assert exception_catalog.lookup("000053").since == "40.4.4 / 40.2.5"
    assert exception_catalog.lookup("000015").since is None  # "no record" predates 40.x
