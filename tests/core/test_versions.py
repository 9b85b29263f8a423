import pytest

from explorer.core.errors import VersionError
from explorer.core.versions import (
    BASELINE,
    LATEST,
    RELEASES,
    Version,
    check_known,
    has_change,
    releases_newest_first,
)

V = Version.parse


def test_parse_and_order():
    assert V("40.6.1") == Version(40, 6, 1)
    assert V("40.7") == Version(40, 7, 0)
    assert V("40.4.9") < V("40.6.0") < V("40.6.1")
    assert str(V(" 40.2.10 ")) == "40.2.10"
    assert V("40.2.10") > V("40.2.9")


@pytest.mark.parametrize("bad", ["", "forty", "40", "40.x.1", "40.6.1.2", "4O.6.1"])
def test_parse_rejects_garbage(bad):
    with pytest.raises(VersionError, match="not an API version"):
        V(bad)


# registrationForm landed as 40.6.1 and 40.4.9 (two trains).
REGISTRATION_FORM = (V("40.6.1"), V("40.4.9"))


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("40.4.8", False),
        ("40.4.9", True),
        ("40.4.12", True),
        ("40.5.0", False),
        ("40.5.7", False),
        ("40.6.0", False),
        ("40.6.1", True),
        ("40.7.0", True),
        ("41.0.0", True),
        ("40.2.9", False),
        ("39.11.0", False),
    ],
)
def test_release_train_rule_two_trains(version, expected):
    assert has_change(REGISTRATION_FORM, V(version)) is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [("40.1.9", False), ("40.2.0", True), ("40.2.9", True), ("40.4.0", True), ("40.7.0", True)],
)
def test_release_train_rule_single_release(version, expected):
    assert has_change((V("40.2.0"),), V(version)) is expected


def test_no_landing_means_always_present():
    assert has_change((), BASELINE)


def test_release_list():
    assert LATEST == V("40.7.0")
    assert list(RELEASES) == sorted(RELEASES)
    assert releases_newest_first()[0] == LATEST
    assert BASELINE < RELEASES[0]


@pytest.mark.parametrize("text", ["39.11.0", "39.11", "40.1.0", "40.5.3", "40.6", "40.7.0",
                                  "40.9.1"])
def test_check_known_accepts_the_baseline_and_every_40_x(text):
    assert check_known(text) == V(text)


@pytest.mark.parametrize("text", ["40.0.0", "40.0.9", "99.0.0", "41.0", "39.10.0", "39.11.1",
                                  "1.0"])
def test_check_known_refuses_others_naming_the_releases(text):
    with pytest.raises(VersionError) as caught:
        check_known(text)
    message = caught.value.message
    assert "\n" not in message
    assert f"unknown API version {V(text)}" in message
    assert "39.11.0" in message and "40.1.0" in message and str(LATEST) in message
