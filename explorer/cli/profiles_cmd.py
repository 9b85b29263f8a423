"""``webex-explorer profiles list|show|add|remove``: site profiles and their secrets.

Secrets go to the OS keyring, never to the profiles file. ``add`` works from scripts
(``--secret-stdin``, no terminal needed) and interactively (a hidden prompt on a TTY).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from explorer.cli.common import CLIError, print_json, stdin_is_tty, version_arg
from explorer.cli.templates_cmd import AUTH_MODES

SECRET_PROMPT = {
    "password": "password",
    "ticket": "session ticket",
    "token": "access token",
    "jwt": "JWT",
}


def register(verbs: argparse._SubParsersAction) -> None:
    profiles = verbs.add_parser(
        "profiles",
        help="manage site profiles (site, URL, auth mode; secrets in the keyring)",
        description="Site profiles live in a TOML file in the user config directory; their "
        "secrets live in the OS keyring (or the WEBEX_EXPLORER_SECRET_<NAME> environment "
        "variable where no keyring exists).",
    )
    sub = profiles.add_subparsers(dest="profiles_verb", metavar="ACTION", required=True)

    lst = sub.add_parser("list", help="list the profiles")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(handler=run_list)

    show = sub.add_parser("show", help="show one profile (never its secret)")
    show.add_argument("name", metavar="NAME", help="the profile's name")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_show)

    add = sub.add_parser(
        "add",
        help="add or replace a profile",
        description="Add a profile. Without a terminal every value comes from flags and the "
        "secret from standard input (--secret-stdin); on a terminal, missing values are "
        "asked for and the secret is read without echo. Secrets are kept in the OS keyring; "
        "on a machine without one the profile is saved without its secret, which is then "
        "read from the environment variable WEBEX_EXPLORER_SECRET_<NAME> (the profile name "
        "upper-cased, other characters as _).",
    )
    add.add_argument("name", metavar="NAME", help="a name for the profile, e.g. acme")
    add.add_argument("--site", metavar="SITE", help="the siteName, e.g. 'acme' for acme.webex.com")
    add.add_argument(
        "--url", metavar="URL",
        help="endpoint (default https://SITE.webex.com/WBXService/XMLService)",
    )
    add.add_argument("--auth", choices=AUTH_MODES, help="how requests authenticate")
    who = add.add_mutually_exclusive_group()
    who.add_argument("--webex-id", metavar="ID", help="the user's webExID")
    who.add_argument("--email", metavar="E", help="the user's email (instead of a webExID)")
    add.add_argument("--partner-id", metavar="ID", help="partnerID for the securityContext")
    add.add_argument("--client-info", metavar="TEXT", help="clientInfo for the securityContext")
    add.add_argument(
        "--secret-stdin", action="store_true",
        help="read the password/ticket/token from the first line of standard input and keep "
        "it in the OS keyring (where there is none, set WEBEX_EXPLORER_SECRET_<NAME> instead)",
    )
    add.add_argument(
        "--api-version", type=version_arg, metavar="V", help="default API version for requests"
    )
    add.add_argument(
        "--no-verify-tls", action="store_true", help="do not verify TLS certificates"
    )
    add.add_argument("--proxy", metavar="URL", help="HTTP(S) proxy URL")
    add.add_argument("--timeout", type=float, metavar="SECONDS", help="request timeout")
    add.add_argument("--force", action="store_true", help="replace a profile of the same name")
    add.set_defaults(handler=run_add)

    remove = sub.add_parser("remove", help="remove a profile and its stored secret")
    remove.add_argument("name", metavar="NAME", help="the profile's name")
    remove.set_defaults(handler=run_remove)


def _auth_text(profile) -> str:
    return str(getattr(profile.auth, "value", profile.auth))


def _profile_json(profile, secret_state: str | None = None) -> dict:
    data = {
        "name": profile.name,
        "site": profile.site_name,
        "url": profile.endpoint,
        "auth": _auth_text(profile),
        "webex_id": profile.webex_id,
        "email": profile.email,
        "partner_id": profile.partner_id,
        "client_info": profile.client_info,
        "api_version": str(profile.api_version),
        "verify_tls": profile.verify_tls,
        "proxy": profile.proxy,
        "timeout": profile.timeout,
        "builtin": profile.builtin,
    }
    if secret_state is not None:
        data["secret"] = secret_state
    return data


def run_list(args: argparse.Namespace) -> int:
    profiles = _all_profiles()
    if args.json:
        print_json([_profile_json(p) for p in profiles])
        return 0
    if not profiles:
        print("no profiles (add one with: webex-explorer profiles add NAME --site S --auth ...)")
        return 0
    rows = [
        (p.name + (" (built-in)" if p.builtin else ""), p.site_name, _auth_text(p),
         str(p.api_version), p.endpoint)
        for p in profiles
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(f"{r[i]:<{widths[i]}}" for i in range(4)) + "  " + r[4])
    return 0


def _secret_state(profile) -> str:
    """Where the secret comes from, never the secret itself."""
    from explorer.core.profiles import SANDBOX_PROFILE_NAME
    from explorer.core.secrets import SecretStore

    if not profile.needs_secret:
        return "not needed"
    if profile.builtin and profile.name == SANDBOX_PROFILE_NAME:
        return "the sandbox's published demo password"
    secrets = SecretStore()
    where = secrets.source(profile.name)
    if where == "nowhere":
        return f"not set: {_where_to_put_it(secrets, profile.name)}"
    return f"from the {where}"


def _where_to_put_it(secrets, name: str) -> str:
    """Where a missing secret is expected: the keyring when there is one, else the variable."""
    from explorer.core.secrets import env_var_name

    var = env_var_name(name)
    if secrets.backend_available():
        return (f"store it with `webex-explorer profiles add {name} ... --force --secret-stdin`"
                f", or set ${var}")
    return f"no keyring on this machine, so it is expected in the environment variable ${var}"


def _all_profiles() -> list:
    """Stored profiles, with the built-in sandbox profile even before it is first saved."""
    from explorer.cli.send_cmd import default_sandbox_url
    from explorer.core.profiles import SANDBOX_PROFILE_NAME, ProfileStore, sandbox_profile

    profiles = ProfileStore().list()
    if all(p.name != SANDBOX_PROFILE_NAME for p in profiles):
        profiles.insert(0, sandbox_profile(default_sandbox_url()))
    return profiles


def find_profile(name: str):
    """A stored profile, or the built-in sandbox profile before it is first saved."""
    from explorer.cli.send_cmd import default_sandbox_url
    from explorer.core.profiles import SANDBOX_PROFILE_NAME, ProfileStore, sandbox_profile

    store = ProfileStore()
    profile = store.find(name)
    if profile is None and name == SANDBOX_PROFILE_NAME:
        return sandbox_profile(default_sandbox_url())
    return profile if profile is not None else store.get(name)


def run_show(args: argparse.Namespace) -> int:
    profile = find_profile(args.name)
    data = _profile_json(profile, _secret_state(profile))
    if args.json:
        print_json(data)
        return 0
    width = max(len(k) for k in data)
    for key, value in data.items():
        if value is None:
            value = "-"
        print(f"{key:<{width}}  {value}")
    return 0


def _ask(label: str, flag: str) -> str:
    if not stdin_is_tty():
        raise CLIError(f"missing {flag} (needed when there is no terminal to ask)")
    try:
        value = input(f"{label}: ").strip()
    except EOFError:
        value = ""
    if not value:
        raise CLIError(f"missing {flag}")
    return value


def _read_secret(args: argparse.Namespace, auth: str, keyring_available: bool) -> str | None:
    if auth == "anonymous":
        if args.secret_stdin:
            raise CLIError("--secret-stdin makes no sense with --auth anonymous")
        return None
    if args.secret_stdin:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        secret = line.rstrip("\r\n")
        if not secret:
            raise CLIError("--secret-stdin: standard input is empty")
        return secret
    if stdin_is_tty() and keyring_available:  # no use asking for what cannot be kept
        try:
            secret = getpass.getpass(f"{SECRET_PROMPT[auth]} for '{args.name}' (hidden): ")
        except EOFError:
            secret = ""
        return secret or None
    return None


def run_add(args: argparse.Namespace) -> int:
    from explorer.core.errors import SecretError
    from explorer.core.profiles import AuthMode, Profile, ProfileStore
    from explorer.core.secrets import SecretStore, env_var_name

    store = ProfileStore()
    previous = store.find(args.name)
    exists = previous is not None
    if exists and not args.force:
        raise CLIError(f"profile '{args.name}' exists (use --force to replace it)")
    site = args.site or _ask("siteName", "--site")
    auth = args.auth or _ask(f"auth mode ({'|'.join(AUTH_MODES)})", "--auth")
    if auth not in AUTH_MODES:
        raise CLIError(f"unknown auth mode '{auth}' (choose from {', '.join(AUTH_MODES)})")
    webex_id, email = args.webex_id, args.email
    if auth in ("password", "ticket", "token") and not (webex_id or email):
        if stdin_is_tty() and not args.secret_stdin:
            webex_id = _ask("webExID", "--webex-id")
        else:
            raise CLIError(f"--auth {auth} needs --webex-id ID or --email E")
    secrets = SecretStore()
    keyring_available = secrets.backend_available()
    secret = _read_secret(args, auth, keyring_available)
    fields = dict(
        name=args.name, site_name=site, url=args.url, auth=AuthMode(auth),
        webex_id=webex_id, email=email, partner_id=args.partner_id,
        client_info=args.client_info, verify_tls=not args.no_verify_tls, proxy=args.proxy,
    )
    if args.api_version is not None:
        fields["api_version"] = str(args.api_version)
    if args.timeout is not None:
        if args.timeout <= 0:
            raise CLIError("--timeout must be more than 0 seconds")
        fields["timeout"] = args.timeout
    profile = Profile(**fields).validated()
    try:
        if exists:
            store.update(profile, secret=secret)
        else:
            store.add(profile, secret=secret)
    except SecretError:  # the profile is saved (the file is written first); its secret is not
        why = ("there is no keyring on this machine" if not keyring_available
               else "the keyring could not store it")
        raise CLIError(
            f"profile '{profile.name}' saved, but its secret was not ({why}): set "
            f"${env_var_name(profile.name)} to the secret instead"
        ) from None
    print(f"profile '{profile.name}' saved: {profile.endpoint} ({auth})")
    if secret is None and auth != "anonymous":
        print(_secret_left(secrets, previous, profile), file=sys.stderr)
    return 0


def _secret_left(secrets, previous, profile) -> str:
    """What happened to the keyring's secret when a profile is saved without a new one: kept
    for the same endpoint, forgotten for another (it must not go to a different site)."""
    from explorer.core.errors import SecretError

    stored = False
    if previous is not None and secrets.backend_available():
        try:
            stored = secrets.get(profile.name) is not None and secrets.last_source == "keyring"
        except SecretError:
            stored = False
    if stored and previous.endpoint == profile.endpoint:
        return "the stored secret is kept (give --secret-stdin to replace it)"
    if stored:
        try:
            secrets.delete(profile.name)
        except SecretError as exc:
            return f"the secret stored for {previous.endpoint} could not be removed: {exc}"
        return (f"the secret stored for {previous.endpoint} was removed, as the endpoint "
                f"changed: {_where_to_put_it(secrets, profile.name)}")
    return f"no secret stored: {_where_to_put_it(secrets, profile.name)}"


def run_remove(args: argparse.Namespace) -> int:
    from explorer.cli.send_cmd import default_sandbox_url
    from explorer.core.profiles import SANDBOX_PROFILE_NAME, ProfileStore

    store = ProfileStore()
    profile = store.find(args.name)
    if args.name == SANDBOX_PROFILE_NAME and (profile is None or profile.builtin):
        if profile is not None:
            store.remove(args.name)
        print(f"profile '{args.name}' is built in and stays: its saved settings are reset "
              f"(it points at {default_sandbox_url()} until `webex-explorer sandbox` runs)")
        return 0
    store.remove(args.name)
    print(f"profile '{args.name}' removed")
    return 0
