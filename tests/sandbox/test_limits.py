"""BodyContent limit (10) and the GetUserCard/GetSessionInfo usage limit (11)."""

from __future__ import annotations

import httpx

from explorer.sandbox.demo import DEMO_SESSION_KEY
from tests.sandbox.helpers import call, envelope, post

VERSION = ("ep.GetAPIVersion", "")
NOTES_BATCH = (  # ja:L754-778, the notes' own three-bodyContent example (with its user.GetSite)
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<serv:message  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
    'xmlns:serv="http://www.webex.com/schemas/2002/06/service">\n<header>\n    <securityContext>\n'
    "    <webExID>admin</webExID>\n    <password>sandbox</password>\n"
    "    <siteName>sandbox</siteName>\n    </securityContext>  \n</header>\n<body>\n\n"
    '<bodyContent xsi:type="java:com.webex.service.binding.user.GetUser">\n'
    "<webExId>alice</webExId>\n</bodyContent>\n\n"
    '<bodyContent xsi:type="java:com.webex.service.binding.user.GetSite">\n</bodyContent>\n\n'
    '<bodyContent xsi:type="java:com.webex.service.binding.ep.GetSessionInfo">\n'
    f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>\n</bodyContent>\n\n</body>\n</serv:message>\n"
)


def test_default_limit_lets_the_notes_example_through(sandbox):
    answer = post(sandbox.url, NOTES_BATCH)
    assert answer.results == ["SUCCESS", "FAILURE", "SUCCESS"]  # user.GetSite is not a command
    assert "000053" not in answer.exception_ids


def test_too_many_bodies_is_000053_with_the_limit(make_sandbox):
    handle = make_sandbox(seed="empty")
    limit = handle.config.bodycontent_limit
    assert len(call(handle.url, *[VERSION] * limit).ok().bodies) == limit
    reason = call(handle.url, *[VERSION] * (limit + 1)).fails_with("000053")
    # the words match the behaviour: `limit` bodies went through, so "less than limit + 1"
    assert reason == f"The count of BodyContent in a request must be less than {limit + 1}"


def test_limit_is_a_setting_and_arrived_with_40_4_4_and_40_2_5(make_sandbox):
    two = make_sandbox(seed="empty", bodycontent_limit=2)
    assert len(call(two.url, VERSION, VERSION).ok().bodies) == 2
    assert "less than 3" in call(two.url, VERSION, VERSION, VERSION).fails_with("000053")
    for version in ("40.4.4", "40.2.5"):
        handle = make_sandbox(seed="empty", api_version=version, bodycontent_limit=2)
        call(handle.url, VERSION, VERSION, VERSION).fails_with("000053")
    for version in ("40.4.3", "40.2.4"):
        older = make_sandbox(seed="empty", api_version=version, bodycontent_limit=2)
        assert len(call(older.url, VERSION, VERSION, VERSION).ok().bodies) == 3


def _info(url: str, **auth):
    return call(url, ("ep.GetSessionInfo", f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>"), **auth)


def test_usage_limit_answers_http_403_per_caller_and_window(make_sandbox):
    handle = make_sandbox(usage_limit=3, usage_window=60)
    for _ in range(3):
        _info(handle.url).ok()
    blocked = _info(handle.url)
    assert blocked.status == 403 and b"403" in blocked.raw
    assert int(blocked.headers["retry-after"]) >= 1
    card = call(handle.url, ("user.GetUserCard", "<webExId>alice</webExId>"))
    assert card.status == 403  # GetUserCard shares the caller's count
    call(handle.url, ("user.GetUser", "<webExId>alice</webExId>")).ok()  # others unlimited
    _info(handle.url, webex_id="bob", password="sandbox").ok()  # another caller
    httpx.post(f"{handle.base_url}/sandbox/clock", json={"advance_seconds": 61})
    _info(handle.url).ok()  # a new window


def test_no_usage_limit_before_40_4_5(make_sandbox):
    handle = make_sandbox(api_version="40.4.4", usage_limit=1)
    for _ in range(3):
        _info(handle.url).ok()
    train = make_sandbox(api_version="40.2.6", usage_limit=1)
    _info(train.url).ok()
    assert _info(train.url).status == 403


def test_lint_and_sandbox_agree_on_the_limit_and_its_words(make_sandbox):
    from explorer.core.lint import LintSettings, lint

    handle = make_sandbox(seed="empty", bodycontent_limit=3)
    three, four = envelope(*[VERSION] * 3), envelope(*[VERSION] * 4)
    settings = LintSettings(bodycontent_limit=3)
    assert not [f for f in lint(three, None, settings) if f.rule == "bodycontent-count"]
    assert len(post(handle.url, three).ok().bodies) == 3
    (finding,) = [f for f in lint(four, None, settings) if f.rule == "bodycontent-count"]
    reason = post(handle.url, four).fails_with("000053")
    assert f'"{reason}"' in finding.message


def test_a_wrong_password_spends_nobody_s_usage(make_sandbox):
    handle = make_sandbox(usage_limit=2, usage_window=60)
    for _ in range(4):
        _info(handle.url, webex_id="admin", password="WRONG").fails_with("030002")
    _info(handle.url).ok()
    _info(handle.url).ok()
    assert _info(handle.url).status == 403
