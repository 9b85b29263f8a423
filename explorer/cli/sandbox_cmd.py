"""``webex-explorer sandbox``: run the local sandbox server; ``sandbox outbox``: read its mail.

Only the standard library is imported at module level; the sandbox loads when the verb runs.
"""

from __future__ import annotations

import argparse
import errno
import json
import signal
import socket
import sys
import threading
from urllib.parse import urlsplit

from explorer.cli.common import CLIError, positive_seconds, print_json, version_arg

DEFAULT_PORT = 8787


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535 (0 = any free port): {text}")
    return value


def _instant(text: str):  # -> datetime
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a time: {text!r} (expected e.g. 2020-10-28T09:00)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def register(subparsers: argparse._SubParsersAction) -> None:
    sandbox = subparsers.add_parser(
        "sandbox",
        help="run the local sandbox server (a Webex XML API that follows the 40.x notes)",
        description="Serve POST /WBXService/XMLService on loopback, behaving as the 40.x "
        "release notes say for the chosen --api-version. State lives in memory unless --db "
        "is given. Stop with Ctrl+C.",
    )
    sandbox.add_argument("--host", default="127.0.0.1", help="address to listen on")
    sandbox.add_argument("--port", type=_port, default=DEFAULT_PORT,
                         help=f"port, 0-65535 (default {DEFAULT_PORT}; 0 = any free port)")
    sandbox.add_argument("--api-version", type=version_arg, default=None, metavar="VERSION",
                         help="emulated API version (default: the latest, 40.7.0)")
    sandbox.add_argument("--db", metavar="PATH", help="SQLite file for the state (kept "
                         "across restarts); default: in memory")
    sandbox.add_argument("--seed", choices=("demo", "empty"), default="demo",
                         help="data for a new database (default: demo)")
    sandbox.add_argument("--admin-password", metavar="PW", default="sandbox",
                         help="password of the site admin 'admin' (default: sandbox)")
    sandbox.add_argument("--jwt-key", metavar="KEY", default=None,
                         help="HS256 key that signs valid JWTToken headers")
    sandbox.add_argument("--bodycontent-limit", type=_positive_int, default=None, metavar="N",
                         help="most bodyContent elements per request (40.4.4+; default 10)")
    sandbox.add_argument("--usage-limit", type=_positive_int, default=0, metavar="N",
                         help="GetUserCard/GetSessionInfo calls per caller and window before "
                         "HTTP 403 (40.4.5+; default 0 = no limit)")
    sandbox.add_argument("--usage-window", type=positive_seconds, default=60.0, metavar="SECONDS",
                         help="usage-limit window (default 60)")
    sandbox.add_argument("--meeting-password-required", action=argparse.BooleanOptionalAction,
                         default=True, help="site option: every meeting needs a password "
                         "(default: on)")
    sandbox.add_argument("--email-verification", action=argparse.BooleanOptionalAction,
                         default=True, help="site option: a user's new email waits for "
                         "confirmation (default: on)")
    sandbox.add_argument("--clock-start", type=_instant, default=None, metavar="UTC-TIME",
                         help="start the sandbox clock at this UTC time (e.g. 2020-10-28T09:00);"
                         " POST /sandbox/clock advances it")
    sandbox.add_argument("--no-profile", action="store_true",
                         help="do not point the built-in 'sandbox' profile at this server")
    sandbox.set_defaults(handler=run, func=run)
    serve_usage = _usage_line(sandbox)

    sub = sandbox.add_subparsers(
        dest="sandbox_verb", metavar="ACTION", title="optional action",
        description="without an ACTION the sandbox itself runs",
    )
    outbox = sub.add_parser("outbox", help="print the mails a running sandbox has sent")
    outbox.add_argument("--url", help="the sandbox (its base URL or its XMLService URL; "
                        "default: where profile 'sandbox' points, else port "
                        f"{DEFAULT_PORT})")
    outbox.add_argument("--json", action="store_true", help="print JSON")
    outbox.set_defaults(handler=run_outbox, func=run_outbox)
    # argparse would print "ACTION ..." after the options as if an action were required.
    sandbox.usage = f"{serve_usage}\n       {_usage_line(outbox)}"


def _usage_line(parser: argparse.ArgumentParser) -> str:
    """The parser's generated usage without the "usage: " prefix, safe to use as ``usage``."""
    return parser.format_usage().removeprefix("usage: ").rstrip("\n").replace("%", "%%")


def _config(args: argparse.Namespace):  # -> SandboxConfig
    from explorer.sandbox.config import DEFAULT_JWT_KEY, SandboxConfig
    from explorer.sandbox.limits import bodycontent_limit_default

    settings: dict[str, object] = {
        "host": args.host, "port": args.port, "db_path": args.db, "seed": args.seed,
        "admin_password": args.admin_password, "jwt_key": args.jwt_key or DEFAULT_JWT_KEY,
        "bodycontent_limit": (args.bodycontent_limit if args.bodycontent_limit is not None
                              else bodycontent_limit_default()),
        "usage_limit": args.usage_limit, "usage_window": args.usage_window,
        "meeting_password_required": args.meeting_password_required,
        "email_verification": args.email_verification,
        "clock_start": args.clock_start,
    }
    if args.api_version is not None:
        settings["api_version"] = args.api_version
    if args.bodycontent_limit == 0:
        raise CLIError("--bodycontent-limit must be at least 1")
    return SandboxConfig(**settings)  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    from explorer.core.secrets import env_var_name
    from explorer.sandbox import jwt_hs256, start_sandbox
    from explorer.sandbox.demo import (
        DEMO_ADMIN,
        DEMO_HOST_PASSWORD,
        DEMO_HOSTS,
        DEMO_PASSWORD,
        DEMO_SITE,
    )

    config = _config(args)
    try:
        handle = start_sandbox(config)
    except (OSError, OverflowError, ValueError, UnicodeError) as exc:
        raise CLIError(f"cannot listen on {args.host}:{args.port}: "
                       f"{_bind_problem(exc, args.host, args.port)}") from None
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        token = jwt_hs256.sign({"sub": DEMO_ADMIN, "apikey": "sandbox-demo",
                                "exp": int(handle.app.clock.now()) + 3600}, config.jwt_key)
        lines = [
            f"Webex XML API sandbox {config.version} listening on {handle.url}",
            f"  site {DEMO_SITE}, admin webExID {DEMO_ADMIN}, password "
            + (config.admin_password if config.admin_password == DEMO_PASSWORD
               else "(as given with --admin-password; clients using profile 'sandbox' "
                    f"read it from {env_var_name('sandbox')})"),
            f"  hosts {', '.join(DEMO_HOSTS)} (password {DEMO_HOST_PASSWORD})"
            if config.seed == "demo" else "  empty site (admin only)",
            "  JWT signing key (HS256): "
            + (config.jwt_key if args.jwt_key is None else "(as given with --jwt-key)"),
            f"  a JWTToken valid for one hour: {token}",
            f"  state: {config.db_path or 'in memory'}; outbox: {handle.base_url}/sandbox/outbox",
        ]
        if not args.no_profile:
            lines.append(_point_profile(handle.url, str(config.version)))
        lines.append("Press Ctrl+C to stop.")
        print("\n".join(lines), flush=True)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        handle.stop()
    print("sandbox stopped", file=sys.stderr)
    return 0


def _bind_problem(exc: BaseException, host: str, port: int) -> str:
    """Why listening failed, with the hint that fits (not always "another port")."""
    if ":" in host:  # an IPv6 literal: the server is IPv4 only
        return "the sandbox listens on IPv4 addresses only (e.g. --host 127.0.0.1)"
    if isinstance(exc, socket.gaierror):
        return (f"the host {host!r} cannot be resolved; give an address of this machine "
                "(e.g. --host 127.0.0.1)")
    if isinstance(exc, UnicodeError):  # an over-long or empty label in a host name
        return f"{host!r} is not a valid host name (e.g. --host 127.0.0.1)"
    if not isinstance(exc, OSError):
        return f"{exc} (check --host and --port)"
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} is already in use; choose another --port (or --port 0 for any "
                "free one)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"permission denied for port {port} (ports below 1024 need privileges); "
                "choose --port 1024 or higher, or --port 0")
    if exc.errno == errno.EADDRNOTAVAIL:
        return (f"{host} is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of "
                "its own addresses")
    return f"{exc.strerror or exc} (check --host and --port)"


def _point_profile(url: str, version: str) -> str:
    from explorer.core.errors import ExplorerError

    try:
        from explorer.core.profiles import ProfileStore

        ProfileStore().ensure_sandbox(url, api_version=version)
    except (ExplorerError, OSError, ImportError) as exc:
        return f"  (profile 'sandbox' not updated: {exc})"
    return (f"  profile 'sandbox' points here, API {version} "
            "(webex-explorer send FILE --profile sandbox)")


def _outbox_url(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CLIError(f"not a sandbox URL: {url!r}")
    return f"{parts.scheme}://{parts.netloc}/sandbox/outbox"


def _sandbox_profile_url() -> str:
    from explorer.core.errors import ExplorerError
    from explorer.core.profiles import SANDBOX_PROFILE_NAME, ProfileStore

    try:
        profile = ProfileStore().find(SANDBOX_PROFILE_NAME)
    except ExplorerError:
        profile = None
    return profile.url if profile is not None else f"http://127.0.0.1:{DEFAULT_PORT}"


def run_outbox(args: argparse.Namespace) -> int:
    import urllib.error  # only this action needs an HTTP client (about 20 ms to import)
    import urllib.request

    target = _outbox_url(args.url or _sandbox_profile_url())
    try:
        with urllib.request.urlopen(target, timeout=10) as response:
            mails = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise CLIError(f"{target}: HTTP {exc.code} (is this a sandbox?)") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CLIError(f"cannot reach the sandbox at {target}: {reason}") from None
    except ValueError:
        raise CLIError(f"{target} did not answer JSON (is this a sandbox?)") from None
    if args.json:
        print_json(mails)
        return 0
    if not mails:
        print("the outbox is empty")
        return 0
    for mail in mails:
        kind = "HTML" if mail.get("html") else "text"
        print(f"#{mail.get('id')} to {mail.get('to')} [{mail.get('language')}, {kind}] "
              f"{mail.get('subject')}")
        for link in mail.get("links") or ():
            print(f"  link: {link}")
        for line in str(mail.get("body", "")).splitlines():
            print(f"  | {line}")
    return 0
