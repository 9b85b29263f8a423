"""``webex-explorer send FILE|-``: send a request and decode the answer.

The request is linted before it goes out (``--no-lint`` skips that). Exit status: 0 when the
server answers SUCCESS, 1 on FAILURE (or any other result), 2 on a lint error (nothing sent),
a transport, parse or usage error.
"""

from __future__ import annotations

import argparse
import re
import sys

from explorer.cli.common import CLIError, positive_seconds, print_json, read_text
from explorer.cli.templates_cmd import SECRET_VARIABLE_OF_AUTH


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    name = name.strip().strip("{}").strip()
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", name):
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def register(verbs: argparse._SubParsersAction) -> None:
    send = verbs.add_parser(
        "send",
        help="send a request envelope and decode the answer",
        description="Send a request (an envelope, or an HTTP request pasted from the docs) "
        "to a site. {{variables}} are resolved from the profile and its secret first, then "
        "the request is linted (as `webex-explorer lint` would, at the profile's API "
        "version): lint errors stop it before anything is sent, warnings are printed to "
        "standard error and it goes out. Exit status: 0 on SUCCESS, 1 on FAILURE, 2 on a "
        "lint error, a transport, parse or usage error.",
    )
    send.add_argument("file", metavar="FILE|-", help="the request, or - for standard input")
    send.add_argument(
        "--profile", metavar="NAME",
        help="site profile for the URL, credentials and settings (default: sandbox)",
    )
    send.add_argument("--url", metavar="URL", help="endpoint URL (overrides the profile's)")
    send.add_argument("--jwt", metavar="TOKEN", help="send this JWT in the JWTToken header")
    send.add_argument(
        "--set", action="append", type=_assignment, default=[], metavar="NAME=VALUE",
        help="give a {{variable}} a value (e.g. --set sessionKey=805325231); repeatable",
    )
    send.add_argument("--timeout", type=positive_seconds, metavar="SECONDS", help="request timeout")
    send.add_argument("--json", action="store_true", help="print the decoded answer as JSON")
    send.add_argument(
        "--no-history", action="store_true", help="do not record the exchange in the history"
    )
    send.add_argument(
        "--no-lint", action="store_true",
        help="send even when lint finds errors (e.g. to see how the server answers them)",
    )
    send.add_argument(
        "--reveal-secrets", action="store_true",
        help="print credentials in the answer as received (e.g. the session ticket "
             "AuthenticateUser hands out); by default they print as ********",
    )
    send.set_defaults(handler=run)


def _load_profile(name: str | None, url: str | None):
    """The profile to send with: --profile, else (without --url) the built-in sandbox's."""
    from explorer.cli.profiles_cmd import find_profile
    from explorer.core.profiles import SANDBOX_PROFILE_NAME

    if name is None and url is not None:
        return None
    return find_profile(name or SANDBOX_PROFILE_NAME)


def default_sandbox_url() -> str:
    """Where ``webex-explorer sandbox`` listens when started without flags."""
    from explorer.sandbox.config import DEFAULT_PORT

    return f"http://127.0.0.1:{DEFAULT_PORT}/WBXService/XMLService"


def _variable_context(profile, needed: set[str], given: dict[str, str]):
    from explorer.core.variables import VariableContext

    values: dict[str, str] = {}
    secrets: dict[str, str] = {}
    if profile is not None:
        for variable, value in (
            ("siteName", profile.site_name),
            ("webExID", profile.webex_id),
            ("email", profile.email),
            ("partnerID", profile.partner_id),
            ("clientInfo", profile.client_info),
        ):
            if value:
                values[variable] = value
        secret_variable = SECRET_VARIABLE_OF_AUTH.get(_auth_of(profile))
        if secret_variable and secret_variable in needed and secret_variable not in given:
            secret = _secret_of(profile)
            if secret is None:
                from explorer.core.secrets import env_var_name

                raise CLIError(
                    f"no secret for profile '{profile.name}' to fill {{{{{secret_variable}}}}}: "
                    f"store it with `webex-explorer profiles add {profile.name} --force ... "
                    f"--secret-stdin` or set {env_var_name(profile.name)}"
                )
            secrets[secret_variable] = secret
    return VariableContext(profile=values, secrets=secrets, captured=dict(given))


def _auth_of(profile) -> str:
    return str(getattr(profile.auth, "value", profile.auth))


def _secret_of(profile) -> str | None:
    from explorer.core.profiles import secret_for

    return secret_for(profile)


def run(args: argparse.Namespace) -> int:
    from explorer.core.envelope import parse_envelope, prepare_document, split_http_paste
    from explorer.core.errors import VariableError
    from explorer.core.variables import find_variables, resolve

    if args.jwt is not None and not args.jwt.strip():
        raise CLIError("--jwt is empty: give the token, or leave the flag out")
    text = read_text(args.file, "request")
    _request_line, pasted_headers, body = split_http_paste(text)
    original_body = body
    profile = _load_profile(args.profile, args.url)
    url = args.url or (profile.endpoint if profile is not None else None)
    if not url:
        raise CLIError("no endpoint: give --profile NAME or --url URL")
    needed = set(find_variables(body))
    jwt = args.jwt or _header(pasted_headers, "jwttoken")
    if jwt is None and profile is not None and _auth_of(profile) == "jwt":
        jwt = _secret_of(profile)
        if jwt is None:
            raise CLIError(
                f"profile '{profile.name}' uses JWT but has no token: pass --jwt TOKEN"
            )
    if prepare_document(body).fragment:
        body = _wrap_fragment(body, profile)
        needed = set(find_variables(body))
    ctx = _variable_context(profile, needed, dict(args.set))
    try:
        envelope = resolve(body, ctx)
    except VariableError as exc:
        if not str(exc).startswith("unresolved"):
            raise
        first = exc.names[0]
        raise CLIError(f"{exc} (or pass --set {first}=VALUE)") from None
    if jwt is not None and find_variables(jwt):
        jwt = resolve(jwt, ctx, xml=False)
    if not args.no_lint:
        # What goes out, in the file's own lines: its preamble, then the body resolved (a
        # fragment's envelope is written by the explorer, so the fragment is what is linted).
        resolved = envelope if original_body is body else resolve(original_body, ctx)
        _lint_before_sending(text[: len(text) - len(original_body)] + resolved, profile,
                             jwt is not None, [*ctx.secret_values(), jwt])
    parsed = parse_envelope(envelope)

    from explorer.core.sending import send

    options = {}
    if profile is not None:
        options = {"timeout": profile.timeout, "verify": profile.verify_tls, "proxy": profile.proxy}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    result = send(envelope, url=url, jwt=jwt, **options)
    if not args.no_history:
        _record(profile, parsed, envelope, result, [*ctx.secret_values(), jwt])
    if result.error:
        if profile is not None and profile.builtin and result.error_kind == "refused":
            raise CLIError(f"connection refused by {_host_of(result.url)}: the sandbox is not "
                           "running there; start it with `webex-explorer sandbox`")
        raise CLIError(result.error)
    decoded = result.decoded
    if decoded is None:
        raise CLIError(f"no decodable answer from {url} (HTTP {result.status})")
    if args.json:
        out = dict(decoded.to_json())
        out.update(
            url=result.url, http_status=result.status, elapsed_ms=round(result.elapsed_ms, 1),
            answer=_shown_answer(result.body.decode("utf-8", errors="replace"), args.reveal_secrets,
                                 [*ctx.secret_values(), jwt]),
        )
        print_json(out)
    else:
        from explorer.cli.inspect_cmd import print_decoded, write_visible
        from explorer.core.envelope import pretty_xml

        print(f"HTTP {result.status} from {result.url} in {result.elapsed_ms:.0f} ms")
        print_decoded(decoded)
        print()
        write_visible(_shown_answer(pretty_xml(result.body), args.reveal_secrets,
                                    [*ctx.secret_values(), jwt]))
    return 0 if decoded.ok else 1


def _shown_answer(answer: str, reveal: bool, secrets: list[str | None]) -> str:
    """The answer with its credentials as ******** unless ``--reveal-secrets``."""
    if reveal:
        return answer
    from explorer.core.redact import redact_all

    return redact_all(answer, secrets)


def _lint_before_sending(text: str, profile, jwt_header: bool,
                         secrets: list[str | None]) -> None:
    """Warnings to stderr; errors to stderr too, and the request is not sent (exit 2)."""
    from explorer.core.lint import LintSettings, lint
    from explorer.core.redact import redact_text

    version = profile.api_version if profile is not None else None
    findings = lint(text, version, LintSettings(jwt_header=jwt_header))
    errors = [f for f in findings if f.severity == "error"]
    for finding in findings:
        if finding.severity == "info":
            continue
        where = f"line {finding.line}: " if finding.line is not None else ""
        line = f"{where}[{finding.rule}] {redact_text(finding.message, secrets)}"
        print(line if finding.severity == "error" else f"warning: {line}", file=sys.stderr)
    if errors:
        raise CLIError(
            f"not sent: lint found {len(errors)} error{'s' if len(errors) != 1 else ''} "
            "(above); fix the request, or send it anyway with --no-lint"
        )


def _wrap_fragment(body: str, profile) -> str:
    """A bare bodyContent fragment, put in an envelope with the profile's securityContext."""
    from explorer.cli.templates_cmd import credentials_with_variables
    from explorer.core.envelope_build import wrap_fragment

    return wrap_fragment(body, credentials_with_variables(profile))


def _host_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value.strip() or None
    return None


def _record(profile, parsed, envelope: str, result, secrets: list[str | None]) -> None:
    """Best effort: a history that cannot be written never fails the send."""
    from explorer.cli.common import warn
    from explorer.core.errors import ExplorerError
    from explorer.core.history import HistoryStore

    commands = [part.command for part in parsed.bodies if part.command]
    try:
        HistoryStore().add_result(
            result,
            request=envelope,
            profile=profile.name if profile is not None else None,
            command=", ".join(commands) or None,
            secrets=secrets,
            api_version=profile.api_version if profile is not None else None,
        )
    except ExplorerError as exc:
        warn(f"history not recorded: {exc}")
