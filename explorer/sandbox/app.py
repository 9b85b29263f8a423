"""The sandbox service without HTTP: one request document in, one response document out."""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import random
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

from explorer.core.commands import PACKAGE_OF, canonical_command, did_you_mean
from explorer.core.errors import XMLInputError
from explorer.core.namespaces import XSI_TYPE, split_java_type
from explorer.core.versions import Version
from explorer.core.xmlsafe import parse_xml
from explorer.sandbox import auth, handlers, mail, seed
from explorer.sandbox.clock import Clock
from explorer.sandbox.config import SandboxConfig
from explorer.sandbox.context import Caller, Ctx
from explorer.sandbox.demo import DEMO_SITE
from explorer.sandbox.features import features_at
from explorer.sandbox.gated import too_new
from explorer.sandbox.limits import bodycontent_limit_reason, bodycontent_over_limit
from explorer.sandbox.registry import HANDLERS, HandlerSpec
from explorer.sandbox.store import Store
from explorer.sandbox.usage import UsageLimiter
from explorer.sandbox.wire import CONTENT_TYPE, Answer, Fault, document, failure_document
from explorer.sandbox.xmlreq import Element, child, children, security_values

handlers.load()

USAGE_LIMITED = frozenset({"user.getusercard", "ep.getsessioninfo"})
_OPTION_DEFAULTS = {
    "meeting_password_required": True,
    "email_verification": True,
    "return_scheduled_pmr": False,
}


#: How far the controllable clock may move from the real time, in seconds (1000 years).
MAX_CLOCK_OFFSET = 1000 * 365.25 * 86400


@dataclass(slots=True)
class Reply:
    status: int
    body: bytes
    content_type: str = CONTENT_TYPE
    headers: dict[str, str] = field(default_factory=dict)


class SandboxApp:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.version = config.version
        self.store = Store(config.db_path)
        self.rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        saved_offset = float(self.store.meta("clock_offset", "0") or 0)
        self.clock = Clock(config.clock_start, offset=saved_offset)
        self.usage = UsageLimiter(config.usage_limit, config.usage_window, self.clock.now)
        self.base_url = ""
        self.site_name = DEMO_SITE
        self.site_url = f"https://{DEMO_SITE}.webex.com"
        self._options: dict[str, bool] = {}
        self.closed = False
        self._digests: dict[str, str] = {}
        #: Bumped by every write; password logins are cached per generation.
        self.generation = 0
        self.login_cache: dict[tuple[str, str, str], tuple[int, Caller]] = {}
        self._initialise()

    # --- state -----------------------------------------------------------------------------
    def _initialise(self) -> None:
        now = self.clock.now()
        with self.store.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'secret_salt'").fetchone()
            if row is None:
                row = (os.urandom(16).hex(),)
                conn.execute("INSERT INTO meta(key, value) VALUES ('secret_salt', ?)", row)
            self._salt = bytes.fromhex(row[0])
            if conn.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone() is None:
                if self.config.seed == "demo":
                    seed.demo_site(conn, now, self.config.admin_password, self.digest)
                    self._set_option(conn, "return_scheduled_pmr", True)
                else:
                    seed.base(conn, now, self.config.admin_password, self.digest)
                conn.execute("INSERT INTO meta(key, value) VALUES ('seeded', ?)",
                             (self.config.seed,))
            conn.execute("UPDATE users SET password = ? WHERE webex_id = 'admin'",
                         (self.digest(self.config.admin_password),))
            self._set_option(conn, "meeting_password_required",
                             self.config.meeting_password_required)
            self._set_option(conn, "email_verification", self.config.email_verification)
            for name, default in _OPTION_DEFAULTS.items():
                row = conn.execute("SELECT value FROM meta WHERE key = ?",
                                   (f"option.{name}",)).fetchone()
                self._options[name] = (row[0] == "1") if row else default

    def _set_option(self, conn: sqlite3.Connection, name: str, value: bool) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"option.{name}", "1" if value else "0"),
        )
        self._options[name] = value

    def digest(self, secret: str) -> str:
        """How passwords and session tickets are kept: never in clear, even in the --db file."""
        known = self._digests.get(secret)
        if known is None:
            known = hmac.new(self._salt, secret.encode(), hashlib.sha256).hexdigest()
            if len(self._digests) > 1024:
                self._digests.clear()
            self._digests[secret] = known
        return known

    def option(self, name: str) -> bool:
        return self._options.get(name, _OPTION_DEFAULTS.get(name, False))

    def set_option(self, conn: sqlite3.Connection, name: str, value: bool) -> None:
        self._set_option(conn, name, value)

    def advance_clock(self, seconds: float) -> float:
        # A NaN, infinite or far-off clock would break every later date (and persist).
        if not math.isfinite(seconds) or abs(self.clock.offset + seconds) > MAX_CLOCK_OFFSET:
            raise ValueError("the sandbox clock moves at most 1000 years away from now")
        offset = self.clock.advance(seconds)
        self.store.set_meta("clock_offset", repr(offset))
        return offset

    def outbox(self) -> list[dict[str, object]]:
        with self.store.lock:
            return mail.list_mails(self.store.conn)

    def confirm_email(self, token: str) -> str | None:
        """Apply a pending email change; returns the confirmed address or None."""
        with self.store.transaction() as conn:
            self.generation += 1
            row = conn.execute(
                "SELECT webex_id, pending_email FROM users WHERE pending_token = ?", (token,)
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE users SET email = pending_email, pending_email = NULL,"
                " pending_token = NULL WHERE webex_id = ?", (row["webex_id"],))
            return str(row["pending_email"])

    def close(self) -> None:
        with self.store.lock:
            self.closed = True
            self.store.close()

    # --- XML requests ------------------------------------------------------------------------
    def handle(self, body: bytes, headers: Mapping[str, str], client: str,
               version: Version | None = None) -> Reply:
        """Answer one request, as the sandbox's API version or as ``version`` (one request
        of a client exploring another version; the state is shared)."""
        version = version or self.version
        features = features_at(version)
        if len(body) > self.config.max_body_bytes:
            return Reply(200, failure_document(Fault(
                "000000",
                f"Fail to forward request: the request body is {len(body)} bytes, over the "
                f"sandbox limit of {self.config.max_body_bytes} bytes")))
        try:
            root = parse_xml(body, max_bytes=self.config.max_body_bytes, what="request")
        except XMLInputError as exc:
            return Reply(200, failure_document(Fault("000000", f"Fail to forward request: {exc}")))
        try:
            bodies, security = self._split(root)
        except Fault as fault:
            return Reply(200, failure_document(fault))
        limit = self.config.bodycontent_limit
        if "bodycontent-limit" in features and bodycontent_over_limit(len(bodies), limit):
            return Reply(200, failure_document(Fault("000053", bodycontent_limit_reason(limit))))
        resolved = [self._resolve(element, version, features) for element in bodies]
        jwt_token = _header(headers, "jwttoken")
        limited = 0
        if "usage-limit" in features and self.usage.limit > 0:
            limited = sum(
                1 for spec, _ in resolved
                if isinstance(spec, HandlerSpec)
                and f"{spec.package}.{spec.command}".lower() in USAGE_LIMITED
            )
        with self.store.lock:
            if self.closed:
                return Reply(503, b"the sandbox is stopping", "text/plain")
            try:
                caller = auth.authenticate(self, security, jwt_token, features)
                auth_fault = None
            except Fault as fault:
                caller, auth_fault = Caller("anonymous"), fault
            if limited and auth_fault is None:
                # Counted for whom the request proved to be: a wrong password spends nobody's.
                who = caller.key or auth.usage_key(security, jwt_token, client)
                retry = self.usage.take(who, limited)
                if retry is not None:
                    return _forbidden(retry)
            answers = [self._answer(spec, element, caller, auth_fault, version)
                       for spec, element in resolved]
        return Reply(200, document(answers))

    def _split(self, root: Element) -> tuple[list[Element], dict[str, str]]:
        tag = root.tag if isinstance(root.tag, str) else ""
        if tag.rpartition("}")[2] != "message":
            raise Fault("000000", "Fail to forward request: the root element must be "
                                  "serv:message")
        body = child(root, "body")
        bodies = children(body, "bodyContent")
        if not bodies:
            raise Fault("000000", "Fail to forward request: no bodyContent in the body")
        return bodies, security_values(child(root, "header"))

    def _resolve(self, element: Element, version: Version,
                 features: frozenset[str]) -> tuple[HandlerSpec | Fault, Element]:
        xsi_type = element.get(XSI_TYPE) or ""
        split = split_java_type(xsi_type)
        if split is None:
            return Fault("000000", f"Unknown bodyContent type {xsi_type!r}: expected "
                                   "java:com.webex.service.binding.<package>.<Command>"), element
        package, command = split
        spec = HANDLERS.get(f"{package}.{command}".lower())
        if spec is not None and (spec.feature is None or spec.feature in features):
            newer = too_new(element, spec.command, version)
            if newer is not None:
                name, landed = newer
                return Fault("000000", f"Invalid element <{name}> in {package}.{command}: API "
                                       f"{version} does not have it (it arrives with {landed})"
                             ), element
            return spec, element
        canonical = canonical_command(command)
        if canonical is None or spec is not None:
            hint = did_you_mean(command)
            extra = f" (did you mean {', '.join(hint)}?)" if hint and spec is None else ""
            why = f" in API {version}" if spec is not None else ""
            return Fault("000000", f"Unknown command {package}.{command}{why}{extra}"), element
        home = PACKAGE_OF[canonical]
        if home.lower() != package.lower():
            return Fault("000000", f"Unknown command {package}.{command}: {canonical} belongs "
                                   f"to package {home} ({home}.{canonical})"), element
        return Fault("000000", f"The sandbox does not implement {home}.{canonical}"), element

    def _answer(self, spec: HandlerSpec | Fault, element: Element, caller: Caller,
                auth_fault: Fault | None, version: Version) -> Answer:
        if isinstance(spec, Fault):
            return Answer(None, fault=spec)
        if auth_fault is not None:
            return Answer(spec.package, fault=auth_fault)
        try:
            if spec.readonly:  # handle() holds the store lock: read without a transaction
                ctx = Ctx(self, self.store.conn, caller, version)
                auth.check_access(ctx, spec)
                inner = spec.func(ctx, element)
            else:
                self.generation += 1
                with self.store.transaction() as conn:
                    ctx = Ctx(self, conn, caller, version)
                    auth.check_access(ctx, spec)
                    inner = spec.func(ctx, element)
        except Fault as fault:
            return Answer(spec.package, fault=fault)
        except Exception as exc:
            return Answer(spec.package, fault=Fault(
                "000000", f"Sandbox internal error in {spec.package}.{spec.command}: "
                          f"{type(exc).__name__}: {exc}"))
        return Answer(spec.package, spec.response_type, inner)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)  # case-insensitive for the server's RequestHeaders
    if value is not None:
        return value
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _forbidden(retry_after: float) -> Reply:
    page = (
        "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1>"
        "<p>Usage limit reached for GetUserCard/GetSessionInfo; retry later.</p></body></html>"
    )
    return Reply(403, page.encode(), "text/html;charset=UTF-8",
                 {"Retry-After": str(int(retry_after + 0.999))})
