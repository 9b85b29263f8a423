"""User service (use): AuthenticateUser, Create/Set/Get/DelUser, LstsummaryUser, GetUserCard,
GetMe."""

from __future__ import annotations

import sqlite3

from explorer.sandbox import ids, languages, mail, tz
from explorer.sandbox.auth import BAD_LOGIN, TICKET_TTL, find_user, user_from_access_token
from explorer.sandbox.common import NO_RECORD, order_by, page, paging, timezone_id
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.seed import E2EE_TYPES
from explorer.sandbox.wire import Fault, el, group, matching_records
from explorer.sandbox.xmlreq import Element, boolean, find, integer, text, texts

USER_NOT_FOUND = Fault("030001", "User not found")
E2EE_ONLY = Fault("110063", "The user must have at least one non-E2EE meeting type to enable PMR.")
PMR_GRACE_SECONDS = 7 * 86400


@handler("user", "AuthenticateUser", anonymous=True)
def authenticate_user(ctx: Ctx, body: Element) -> str:
    user = ctx.caller.user
    token = text(body, "accessToken")
    if token:
        user = user_from_access_token(ctx.app, token, ctx.now)
    if user is None:
        raise BAD_LOGIN
    ticket = ids.token_hex(ctx.rng, 24)
    ctx.conn.execute("INSERT INTO tickets(ticket, webex_id, created, ttl) VALUES (?, ?, ?, ?)",
                     (ctx.app.digest(ticket), user["webex_id"], ctx.now, TICKET_TTL))
    return (el("use:sessionTicket", ticket) + el("use:createTime", int(ctx.now * 1000))
            + el("use:timeToLive", TICKET_TTL))


def _target(ctx: Ctx, body: Element) -> sqlite3.Row:
    webex_id = text(body, "webExId") or text(body, "webExID")
    email = text(body, "email") if not webex_id else None
    if not webex_id and not email:
        return ctx.require_user().user  # type: ignore[return-value]
    row = find_user(ctx.conn, webex_id, email)
    if row is None:
        raise USER_NOT_FOUND
    return row


def _language(ctx: Ctx, body: Element) -> int | None:
    language_id = integer(body, "languageID")
    name = text(body, "language")
    if language_id is None and name:
        language_id = languages.BY_NAME.get(name.lower())
        if language_id is None:
            raise Fault("000000", f"Invalid language {name!r}")
    if language_id is None:
        return None
    if not languages.available(language_id, ctx.has("welcome-languages")):
        raise Fault("000000", f"Invalid languageID {language_id}: not a supported language "
                              f"in API {ctx.version}")
    return language_id


def _meeting_types(ctx: Ctx, body: Element) -> str | None:
    values = [v for v in texts(body, "meetingTypes/meetingType") if v]
    if not values:
        return None
    known = {row[0] for row in ctx.conn.execute("SELECT id FROM meeting_types")}
    for value in values:
        if not value.isdigit() or int(value) not in known:
            raise Fault("000000", f"Invalid meetingType {value!r}")
    return ",".join(values)


def _e2ee_only(types: str) -> bool:
    return all(int(t) in E2EE_TYPES for t in types.split(","))


_PRIVILEGES = (("host", "host"), ("siteAdmin", "site_admin"), ("labAdmin", "lab_admin"),
               ("voiceOverIp", "voip"))


@handler("user", "CreateUser", admin_only=True)
def create_user(ctx: Ctx, body: Element) -> str:
    conn = ctx.conn
    webex_id = text(body, "webExId")
    email = text(body, "email")
    password = text(body, "password")
    if not webex_id or not email or not password:
        raise Fault("000000", "CreateUser needs webExId, email and password")
    if find_user(conn, webex_id) is not None:
        raise Fault("030004", "Duplicated WebEx ID")
    if find_user(conn, None, email) is not None:
        raise Fault("030005", "Duplicated email address")
    values: dict[str, object] = {
        "webex_id": webex_id, "email": email, "password": ctx.app.digest(password),
        "first_name": text(body, "firstName") or "", "last_name": text(body, "lastName") or "",
        "active": int((text(body, "active") or "ACTIVATED").upper() != "DEACTIVATED"),
        "timezone_id": timezone_id(body, "timeZoneID", tz.DEFAULT_TIMEZONE_ID),
        "language_id": _language(ctx, body) or 1,
        "meeting_types": _meeting_types(ctx, body) or "3",
        "pmr_key": str(ids.session_key(ctx.rng)), "pmr_uuid": ids.meeting_uuid(ctx.rng),
        "registered": ctx.now, "avatar_modified": int(ctx.now * 1000),
    }
    for element, column in _PRIVILEGES:
        flag = boolean(body, f"privilege/{element}")
        if flag is not None:
            values[column] = int(flag)
    if ctx.has("um-site-admin"):
        values["um_site_admin"] = int(bool(boolean(body, "privilege/umSiteAdmin")))
    _only_site_admins_grant_admin(ctx, values)
    pmr = boolean(body, "privilege/isEnablePMR")
    e2ee_only = _e2ee_only(str(values["meeting_types"]))
    if pmr and e2ee_only and ctx.has("e2ee-pmr"):
        raise E2EE_ONLY
    values["pmr_enabled"] = int(pmr if pmr is not None else not e2ee_only)
    columns = ", ".join(values)
    conn.execute(f"INSERT INTO users({columns}) VALUES ({', '.join('?' * len(values))})",
                 list(values.values()))
    if boolean(body, "sendWelcome"):
        _welcome(ctx, body, values)
    return el("use:userId", conn.execute("SELECT rowid FROM users WHERE webex_id = ?",
                                         (webex_id,)).fetchone()[0] + 500_000)


def _only_site_admins_grant_admin(ctx: Ctx, values: dict[str, object]) -> None:
    """A user-management admin manages users, but only a site admin makes admins."""
    if ctx.caller.is_site_admin:
        return
    if values.get("site_admin") or values.get("um_site_admin"):
        raise Fault("000001", "Access denied, additional privileges are required")


def _welcome(ctx: Ctx, body: Element, values: dict[str, object]) -> None:
    language_id = int(values["language_id"])  # type: ignore[call-overload]
    html = bool(ctx.has("html-email") and boolean(body, "isHTMLEmail"))
    name, subject = languages.LANGUAGES[language_id]
    content = languages.welcome_body(language_id, str(values["first_name"]),
                                     str(values["webex_id"]), ctx.site_url, html)
    mail.send(ctx.conn, to=str(values["email"]), subject=subject, language=name, html=html,
              body=content, links=[ctx.site_url], now=ctx.now)


@handler("user", "SetUser")
def set_user(ctx: Ctx, body: Element) -> str:
    caller = ctx.require_user()
    row = _target(ctx, body)
    admin = ctx.manages_users()
    own = row["webex_id"].lower() == (caller.webex_id or "").lower()
    if not admin and not own:
        raise Fault("000001", "Access denied, additional privileges are required")
    if not own:
        ctx.may_change(row)
    changes: dict[str, object] = {}
    for element, column in (("firstName", "first_name"), ("lastName", "last_name")):
        value = text(body, element)
        if value:
            changes[column] = value
    password = text(body, "password")
    if password:
        changes["password"] = ctx.app.digest(password)
    if find(body, "timeZoneID") is not None:
        changes["timezone_id"] = timezone_id(body, "timeZoneID", row["timezone_id"])
    language_id = _language(ctx, body)
    if language_id is not None:
        changes["language_id"] = language_id
    types = _meeting_types(ctx, body)
    if types is not None:
        changes["meeting_types"] = types
    if admin:
        for element, column in _PRIVILEGES:
            flag = boolean(body, f"privilege/{element}")
            if flag is not None:
                changes[column] = int(flag)
        if ctx.has("um-site-admin"):
            flag = boolean(body, "privilege/umSiteAdmin")
            if flag is not None:
                changes["um_site_admin"] = int(flag)
        _only_site_admins_grant_admin(ctx, changes)
    # Only the site admin's own changes skip the confirmation mail (40.4.0).
    _email_change(ctx, body, row, caller.is_site_admin, changes)
    _pmr_changes(ctx, body, row, admin, changes)
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        ctx.conn.execute(f"UPDATE users SET {assignments} WHERE webex_id = ?",
                         [*changes.values(), row["webex_id"]])
    return ""


def _email_change(ctx: Ctx, body: Element, row: sqlite3.Row, admin: bool,
                  changes: dict[str, object]) -> None:
    new_email = text(body, "newEmail") or (text(body, "email") if text(body, "webExId") else None)
    if not new_email or new_email.lower() == row["email"].lower():
        return
    other = find_user(ctx.conn, None, new_email)
    if other is not None and other["webex_id"] != row["webex_id"]:
        raise Fault("030005", "Duplicated email address")
    verify = ctx.has("email-verification") and ctx.option("email_verification") and not admin
    if not verify:
        changes["email"] = new_email
        changes["pending_email"] = None
        changes["pending_token"] = None
        return
    token = ids.token_hex(ctx.rng, 20)
    changes["pending_email"] = new_email
    changes["pending_token"] = token
    link = f"{ctx.app.base_url}/sandbox/confirm?token={token}"
    mail.send(ctx.conn, to=new_email, subject="Webex account change confirmation",
              language=languages.LANGUAGES[row["language_id"]][0], html=False,
              body=(f"Hello {row['first_name']},\nconfirm {new_email} as the new email address "
                    f"of Webex account {row['webex_id']}:\n{link}"),
              links=[link], now=ctx.now)


def _pmr_changes(ctx: Ctx, body: Element, row: sqlite3.Row, admin: bool,
                 changes: dict[str, object]) -> None:
    active_text = text(body, "active")
    active = row["active"]
    if active_text and admin:
        active = int(active_text.upper() != "DEACTIVATED")
    pmr = boolean(body, "privilege/isEnablePMR")
    pmr_enabled = row["pmr_enabled"] if pmr is None else int(pmr)
    types = str(changes.get("meeting_types", row["meeting_types"]))
    if pmr and _e2ee_only(types) and ctx.has("e2ee-pmr"):
        raise E2EE_ONLY
    was_live = bool(row["active"] and row["pmr_enabled"])
    now_live = bool(active and pmr_enabled)
    if active != row["active"]:
        changes["active"] = active
        changes["deactivated_at"] = None if active else ctx.now
    if pmr_enabled != row["pmr_enabled"]:
        changes["pmr_enabled"] = pmr_enabled
    if was_live and not now_live:
        changes["pmr_off_at"] = ctx.now
    elif now_live and not was_live:
        off_at = row["pmr_off_at"]
        kept = (ctx.has("pmr-key-kept") and off_at is not None
                and ctx.now - off_at <= PMR_GRACE_SECONDS)
        if not kept:
            changes["pmr_key"] = str(ids.session_key(ctx.rng))
            changes["pmr_uuid"] = ids.meeting_uuid(ctx.rng)
        changes["pmr_off_at"] = None


@handler("user", "DelUser", admin_only=True)
def del_user(ctx: Ctx, body: Element) -> str:
    """Deactivates (the real service keeps the account): the PMR key may come back."""
    targets = [v for v in texts(body, "webExId") if v]
    if not targets:
        raise Fault("000000", "DelUser needs webExId")
    if len(targets) > 50:
        raise Fault("000000", "DelUser takes at most 50 users")
    for webex_id in targets:
        row = find_user(ctx.conn, webex_id)
        if row is None:
            raise USER_NOT_FOUND
        ctx.may_change(row)
        if row["active"]:
            off = ", pmr_off_at = ?" if row["pmr_enabled"] else ""
            params = [ctx.now, ctx.now] if off else [ctx.now]
            ctx.conn.execute(
                f"UPDATE users SET active = 0, deactivated_at = ?{off} WHERE webex_id = ?",
                [*params, row["webex_id"]])
    return ""


def _pmr_url(ctx: Ctx, row: sqlite3.Row) -> str:
    return f"{ctx.site_url}/meet/{row['webex_id']}"


def _pmr_block(ctx: Ctx, row: sqlite3.Row) -> str:
    parts = [el("use:title", f"{row['first_name'] or row['webex_id']}'s Personal Room"),
             el("use:personalMeetingRoomURL", _pmr_url(ctx, row))]
    if row["pmr_enabled"] and row["active"]:
        parts.append(el("use:accessCode", row["pmr_key"]))
    return group("use:personalMeetingRoom", *parts)


def _privilege(ctx: Ctx, row: sqlite3.Row, with_um: bool) -> str:
    parts = [el(f"use:{element}", bool(row[column])) for element, column in _PRIVILEGES]
    if with_um and ctx.has("um-site-admin"):
        parts.append(el("use:umSiteAdmin", bool(row["um_site_admin"])))
    parts.append(el("use:isEnablePMR", bool(row["pmr_enabled"])))
    return group("use:privilege", *parts)


def _user_core(ctx: Ctx, row: sqlite3.Row, with_um: bool) -> list[str]:
    types = "".join(el("use:meetingType", t) for t in row["meeting_types"].split(","))
    return [
        el("use:firstName", row["first_name"]), el("use:lastName", row["last_name"]),
        el("use:webExId", row["webex_id"]), el("use:email", row["email"]),
        el("use:registrationDate", tz.format_local(row["registered"], row["timezone_id"])),
        _privilege(ctx, row, with_um),
        el("use:languageID", row["language_id"]),
        el("use:language", languages.LANGUAGES.get(row["language_id"], ("English",))[0]),
        el("use:active", "ACTIVATED" if row["active"] else "DEACTIVATED"),
        group("use:meetingTypes", types),
        el("use:timeZoneID", row["timezone_id"]), el("use:timeZone", tz.label(row["timezone_id"])),
        _pmr_block(ctx, row),
    ]


@handler("user", "GetUser", readonly=True)
def get_user(ctx: Ctx, body: Element) -> str:
    caller = ctx.require_user()
    row = _target(ctx, body)
    if not ctx.manages_users() and row["webex_id"].lower() != (caller.webex_id or "").lower():
        raise Fault("000001", "Access denied, additional privileges are required")
    parts = _user_core(ctx, row, with_um=False)
    if row["pending_email"]:
        parts.append(el("use:pendingEmail", row["pending_email"]))
    return "".join(parts)


@handler("user", "GetMe", readonly=True)
def get_me(ctx: Ctx, body: Element) -> str:
    row = ctx.require_user().user
    assert row is not None
    return "".join(_user_core(ctx, row, with_um=True))


_USER_ORDER = {"UID": "rowid", "WEBEXID": "webex_id COLLATE NOCASE",
               "FIRSTNAME": "first_name COLLATE NOCASE", "LASTNAME": "last_name COLLATE NOCASE",
               "EMAIL": "email COLLATE NOCASE", "ACTIVE": "active", "REGDATE": "registered"}


@handler("user", "LstsummaryUser", admin_only=True, readonly=True)
def lstsummary_user(ctx: Ctx, body: Element) -> str:
    where = ["1"]
    params: list[object] = []
    for element, column in (("webExId", "webex_id"), ("email", "email")):
        value = text(body, element)
        if value:
            where.append(f"{column} LIKE ?")
            params.append(value.replace("*", "%"))
    active = text(body, "active")
    if active:
        where.append("active = ?")
        params.append(int(active.upper() != "DEACTIVATED"))
    start, maximum = paging(body)
    order = order_by(body, _USER_ORDER, "webex_id COLLATE NOCASE ASC")
    total, rows = page(ctx.conn, f"SELECT rowid, * FROM users WHERE {' AND '.join(where)}",
                       params, order, start, maximum)
    if not rows:
        raise NO_RECORD
    items = []
    for row in rows:
        items.append(group(
            "use:user", el("use:webExId", row["webex_id"]),
            el("use:firstName", row["first_name"]), el("use:lastName", row["last_name"]),
            el("use:email", row["email"]),
            el("use:registrationDate", tz.format_local(row["registered"], row["timezone_id"])),
            el("use:active", "ACTIVATED" if row["active"] else "DEACTIVATED"),
            el("use:timeZoneID", row["timezone_id"]), _privilege(ctx, row, with_um=True),
            el("use:userId", row["rowid"] + 500_000)))
    return matching_records("use", total, len(rows), start) + "".join(items)


@handler("user", "GetUserCard", anonymous=True, readonly=True)
def get_user_card(ctx: Ctx, body: Element) -> str:
    row = _target(ctx, body)
    if not row["active"]:
        raise USER_NOT_FOUND
    avatar = group("use:avatar",
                   el("use:url", f"{ctx.site_url}/svc3300/svccomponents/html/img/avatar160.png"),
                   el("use:lastModifiedTime", row["avatar_modified"]),
                   el("use:isUploaded", False))
    return avatar + _pmr_block(ctx, row)
