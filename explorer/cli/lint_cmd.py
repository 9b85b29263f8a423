"""``webex-explorer lint FILE|-``: check a request before it is sent."""

from __future__ import annotations

import argparse

from explorer.cli.common import print_json, read_input, version_arg


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def register(verbs: argparse._SubParsersAction) -> None:
    lint = verbs.add_parser(
        "lint",
        help="check a request envelope, bodyContent fragment or pasted HTTP request",
        description="Check a request for the mistakes the XML API punishes. Exit status: 0 "
        "when no error is found (warnings allowed), 1 when an error is found, 2 on bad usage.",
    )
    lint.add_argument("file", metavar="FILE|-", help="the request, or - for standard input")
    lint.add_argument(
        "--version", type=version_arg, metavar="V",
        help="API version to check against (default: the newest)",
    )
    lint.add_argument(
        "--bodycontent-limit", type=_positive_int, metavar="N",
        help="most bodyContent elements per request (default: the sandbox's)",
    )
    lint.add_argument("--json", action="store_true", help="print the findings as JSON")
    lint.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explorer.core.lint import LintSettings, lint

    data = read_input(args.file, "request")
    settings = LintSettings()
    if args.bodycontent_limit is not None:
        settings.bodycontent_limit = args.bodycontent_limit
    findings = lint(data, args.version, settings)
    has_error = any(f.severity == "error" for f in findings)
    if args.json:
        print_json([f.to_json() for f in findings])
        return 1 if has_error else 0
    name = "<stdin>" if args.file == "-" else args.file
    for f in findings:
        where = name
        if f.line is not None:
            where += f":{f.line}"
            if f.column is not None:
                where += f":{f.column}"
        print(f"{where}: {f.severity}: {f.message} [{f.rule}]")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    if findings:
        summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        print(summary)
    else:
        print(f"{name}: no problems found")
    return 1 if has_error else 0
