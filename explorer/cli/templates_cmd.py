"""``webex-explorer templates list|show|diff``: the version-aware template library."""

from __future__ import annotations

import argparse
import sys

from explorer.cli.common import print_json, version_arg

AUTH_MODES = ("password", "ticket", "token", "jwt", "anonymous")

#: The variable each auth mode's secret goes by in templates (never a literal secret).
SECRET_VARIABLE_OF_AUTH = {
    "password": "password",
    "ticket": "sessionTicket",
    "token": "accessToken",
    "jwt": "jwt",
    "anonymous": None,
}


def register(verbs: argparse._SubParsersAction) -> None:
    templates = verbs.add_parser(
        "templates",
        help="list, show and compare request templates",
        description="The request template of every command, for every API version in which "
        "its request changed.",
    )
    sub = templates.add_subparsers(dest="templates_verb", metavar="ACTION", required=True)

    lst = sub.add_parser("list", help="list the commands that have templates")
    lst.add_argument(
        "--version", type=version_arg, metavar="V",
        help="only commands that exist at API version V, with the template in effect there",
    )
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(handler=run_list)

    show = sub.add_parser(
        "show", help="print the request envelope for a command",
        description="Print the whole request envelope of COMMAND at an API version. "
        "Credentials stay {{variables}} (resolved at send time); with --profile the site and "
        "user come from that profile, the secret stays a variable.",
    )
    show.add_argument("command", metavar="COMMAND", help="e.g. GetSessionInfo (any case)")
    show.add_argument(
        "--version", type=version_arg, metavar="V",
        help="API version (default: the profile's, else the newest)",
    )
    show.add_argument("--profile", metavar="NAME", help="fill the securityContext from a profile")
    show.add_argument(
        "--auth", choices=AUTH_MODES,
        help="write the securityContext for this auth mode (default: the profile's, else "
        "password)",
    )
    show.add_argument(
        "--use", action="append", metavar="ELEMENT",
        help="render this alternative or optional element (e.g. meetingUUID); repeatable",
    )
    show.set_defaults(handler=run_show)

    diff = sub.add_parser(
        "diff", help="compare a command's request between two versions",
        description="Unified diff of COMMAND's request body from V1 to V2, then the "
        "release-note changes between them.",
    )
    diff.add_argument("command", metavar="COMMAND", help="e.g. CreateMeeting (any case)")
    diff.add_argument("v1", type=version_arg, metavar="V1", help="the older version, e.g. 40.6.0")
    diff.add_argument("v2", type=version_arg, metavar="V2", help="the newer version, e.g. 40.6.1")
    diff.set_defaults(handler=run_diff)


def run_list(args: argparse.Namespace) -> int:
    from explorer.core.templates import default_library

    library = default_library()
    rows = []
    for template in library.commands():
        if args.version is not None and not template.available_at(args.version):
            continue
        row = {
            "command": template.command,
            "service": template.package,
            "service_name": template.service_name,
            "xsi_type": template.xsi_type,
            "response_type": template.response_type,
            "versions": [str(v) for v in template.request_versions()],
            "change_versions": [str(v) for v in template.versions()],
            "since": str(template.since) if template.since else None,
            "anonymous_allowed": template.anonymous_allowed,
            "description": template.description_en,
        }
        if args.version is not None:
            row["changes"] = [c.id for c in template.changes_at(args.version)]
        rows.append(row)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no commands")
        return 0
    width_cmd = max(len(r["command"]) for r in rows)
    width_pkg = max(len(r["service"]) for r in rows)
    width_ver = max(len(" ".join(r["versions"])) for r in rows)
    if args.version is not None:
        print(f"{'command':<{width_cmd}}  {'service':<{width_pkg}}  "
              f"{'request changed in':<{width_ver}}  changes in effect at {args.version}")
    for r in rows:
        line = f"{r['command']:<{width_cmd}}  {r['service']:<{width_pkg}}  "
        if args.version is None:
            print(line + " ".join(r["versions"]))
        else:
            print(f"{line}{' '.join(r['versions']):<{width_ver}}  "
                  + (", ".join(r["changes"]) or "-"))
    return 0


def _get_template(name: str):
    from explorer.core.templates import default_library

    return default_library().get(name)


def credentials_with_variables(profile, auth: str | None = None):
    """Credentials whose secret (and, without a profile, site and user) stay {{variables}}."""
    from explorer.core.envelope_build import AuthMode, Credentials

    if profile is None:
        return Credentials(site_name="", auth=AuthMode(auth or "password"))
    return Credentials(
        site_name=profile.site_name,
        auth=AuthMode(auth or str(profile.auth)),
        webex_id=profile.webex_id,
        email=profile.email,
        secret=None,
        partner_id=profile.partner_id,
        client_info=profile.client_info,
    )


def run_show(args: argparse.Namespace) -> int:
    from explorer.core.envelope_build import build_envelope
    from explorer.core.versions import LATEST, Version

    template = _get_template(args.command)
    profile = None
    if args.profile is not None:
        from explorer.cli.profiles_cmd import find_profile

        profile = find_profile(args.profile)
    creds = credentials_with_variables(profile, args.auth)
    version = args.version
    if version is None:
        version = Version.parse(profile.api_version) if profile is not None else LATEST
    body = template.body_at(version, use=args.use or ())
    sys.stdout.write(build_envelope([(template.xsi_type, body)], creds))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from explorer.core.template_diff import diff_versions

    template = _get_template(args.command)
    sys.stdout.write(diff_versions(template, args.v1, args.v2).text())
    return 0
