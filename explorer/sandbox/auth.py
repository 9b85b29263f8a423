"""Who is calling: password, sessionTicket, access token, JWTToken header, or nobody."""

from __future__ import annotations

import hmac
import sqlite3
from typing import TYPE_CHECKING

from explorer.sandbox import jwt_hs256
from explorer.sandbox.context import Caller, Ctx
from explorer.sandbox.wire import Fault

if TYPE_CHECKING:
    from explorer.sandbox.app import SandboxApp
    from explorer.sandbox.registry import HandlerSpec

BAD_LOGIN = Fault("030002", "Incorrect user or password")
BAD_TICKET = Fault("030047", "Not a valid session ticket")
NO_PRIVILEGE = Fault("000001", "Access denied, additional privileges are required")
TICKET_TTL = 5400


def usage_key(security: dict[str, str], jwt_token: str | None, client: str) -> str:
    who = security.get("webexid") or security.get("email")
    if who:
        return f"user:{who.lower()}"
    if jwt_token:
        return f"jwt:{jwt_token[-16:]}"
    return f"ip:{client}"


def find_user(conn: sqlite3.Connection, webex_id: str | None = None,
              email: str | None = None) -> sqlite3.Row | None:
    if webex_id:
        return conn.execute("SELECT * FROM users WHERE webex_id = ?", (webex_id,)).fetchone()
    if email:
        return conn.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
    return None


def authenticate(app: SandboxApp, security: dict[str, str], jwt_token: str | None,
                 features: frozenset[str]) -> Caller:
    conn = app.store.conn
    now = app.clock.now()
    webex_id = security.get("webexid")
    email = security.get("email")
    password = security.get("password")
    ticket = security.get("sessionticket")
    token = security.get("webexaccesstoken")
    if jwt_token and "jwt-user-card" in features and not (password or ticket or token):
        try:
            claims = jwt_hs256.verify(jwt_token, app.config.jwt_key, now)
        except jwt_hs256.JWTInvalid as exc:
            raise Fault("000001", f"Access denied: {exc}") from None
        subject = claims.get("sub")
        user = find_user(conn, str(subject)) if isinstance(subject, str) else None
        return Caller("jwt", user, f"jwt:{claims.get('apikey') or subject}")
    if not (webex_id or email or password or ticket or token):
        return Caller("anonymous")
    if password and not (ticket or token):
        key = (webex_id or "", email or "", password)
        cached = app.login_cache.get(key)
        if cached is not None and cached[0] == app.generation:
            return cached[1]
        caller = _password_login(app, webex_id, email, password)
        if len(app.login_cache) > 256:
            app.login_cache.clear()
        app.login_cache[key] = (app.generation, caller)
        return caller
    user = find_user(conn, webex_id, email)
    if ticket:
        row = conn.execute("SELECT * FROM tickets WHERE ticket = ?",
                           (app.digest(ticket),)).fetchone()
        if row is None or row["created"] + row["ttl"] <= now:
            raise BAD_TICKET
        ticket_user = find_user(conn, row["webex_id"])
        if ticket_user is None or (user is not None and user["webex_id"] != row["webex_id"]):
            raise BAD_TICKET
        user = ticket_user
        kind = "ticket"
    elif token:
        user = user_from_access_token(app, token, now)
        kind = "token"
    else:
        raise BAD_LOGIN  # an identity without password, ticket or token
    if not user["active"]:
        raise BAD_LOGIN
    return Caller(kind, user, f"user:{user['webex_id'].lower()}")


def _password_login(app: SandboxApp, webex_id: str | None, email: str | None,
                    password: str) -> Caller:
    user = find_user(app.store.conn, webex_id, email)
    if user is None or not user["active"] or not hmac.compare_digest(
            app.digest(password), user["password"]):
        raise BAD_LOGIN
    return Caller("password", user, f"user:{user['webex_id'].lower()}")


def user_from_access_token(app: SandboxApp, token: str, now: float) -> sqlite3.Row:
    """The sandbox's stand-in for OAuth: a JWT signed with its key, ``sub`` = webExID."""
    try:
        claims = jwt_hs256.verify(token, app.config.jwt_key, now)
    except jwt_hs256.JWTInvalid:
        raise BAD_LOGIN from None
    subject = claims.get("sub")
    user = find_user(app.store.conn, str(subject)) if isinstance(subject, str) else None
    if user is None:
        raise BAD_LOGIN
    return user


def check_access(ctx: Ctx, spec: HandlerSpec) -> None:
    caller = ctx.caller
    if caller.kind == "jwt" and spec.command != "GetUserCard":
        raise Fault("000001", "Access denied: a JWTToken is accepted only by GetUserCard")
    if caller.user is None and not spec.anonymous:
        raise BAD_LOGIN
    if spec.admin_only and not ctx.manages_users():
        raise NO_PRIVILEGE
