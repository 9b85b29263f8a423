"""The common.xsd timeZoneType table shared by lint and the sandbox."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from explorer.core import timezones

COMMON_XSD = (Path(__file__).resolve().parents[3] / "shared" / "reference" / "xsd-2011"
              / "common" / "common.xsd")


@pytest.mark.parametrize(
    ("tz_id", "label", "minutes"),
    [(2, "GMT-10:00, Hawaii (Honolulu)", -600), (4, "GMT-08:00, Pacific (San Jose)", -480),
     (11, "GMT-05:00, Eastern (New York)", -300), (15, "GMT-03:30, Newfoundland (Newfoundland)",
     -210), (21, "GMT+00:00, GMT (London)", 0), (25, "GMT+01:00, Europe (Berlin)", 60),
     (45, "GMT+08:00, China (Beijing)", 480), (49, "GMT+09:00, Tokyo (Tokyo)", 540),
     (55, "GMT+10:00, Australia Eastern (Sydney)", 600)],
)
def test_ids_labels_and_offsets(tz_id, label, minutes):
    assert timezones.label_of(tz_id) == label == timezones.label(str(tz_id))
    assert timezones.offset_of(tz_id) == timedelta(minutes=minutes)
    assert timezones.offset_minutes(tz_id) == minutes
    assert timezones.tzinfo_of(tz_id).utcoffset(None) == timedelta(minutes=minutes)
    assert timezones.id_of(label) == tz_id


@pytest.mark.parametrize("bad", [-1, 62, "x", ""])
def test_unknown_ids(bad):
    assert timezones.label_of(bad) is None
    assert timezones.offset_of(bad) is None
    with pytest.raises(ValueError):
        timezones.offset_minutes(bad)


@pytest.mark.skipif(not COMMON_XSD.exists(), reason="shared/reference is not beside the repo")
def test_table_is_the_common_xsd_enumeration_in_order():
    text = COMMON_XSD.read_text(encoding="utf-8")
    block = text[text.index('name="timeZoneType"'):]
    block = block[: block.index("</xsd:simpleType>")]
    assert tuple(re.findall(r'value="([^"]+)"', block)) == timezones.TIME_ZONE_LABELS
    assert len(timezones.TIME_ZONE_LABELS) == 62
