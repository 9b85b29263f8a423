"""``webex-explorer inspect FILE|-``: decode a saved XML API response."""

from __future__ import annotations

import argparse
import sys

from explorer.cli.common import print_json, read_input


def register(verbs: argparse._SubParsersAction) -> None:
    inspect = verbs.add_parser(
        "inspect",
        help="decode a saved response: result, exception, meetingUUIDs and keys",
        description="Decode a saved XML API response (an HTTP status line and headers before "
        "the XML are allowed): the result banner, the exception explained, every "
        "meetingUUID / sessionKey / meetingKey / confID with its path, the registrationForm, "
        "and the response pretty-printed.",
    )
    inspect.add_argument("file", metavar="FILE|-", help="the response, or - for standard input")
    inspect.add_argument("--json", action="store_true", help="print the decoded fields as JSON")
    inspect.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explorer.core.response import decode_response, split_http_response

    data = read_input(args.file, "response")
    status, headers, body = split_http_response(data)
    content_type = _header(headers, "content-type")
    decoded = decode_response(body, content_type=content_type)
    if args.json:
        out = dict(decoded.to_json())
        out["http_status"] = status
        print_json(out)
        return 0
    if status is not None:
        print(f"HTTP {status}")
    print_decoded(decoded)
    print()
    from explorer.core.envelope import pretty_xml

    text = pretty_xml(body)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def print_decoded(decoded) -> None:
    """The banner and decoded fields, shared by ``inspect`` and ``send``."""
    types = ", ".join(decoded.response_types)
    banner = f"{decoded.result}"
    if types:
        banner += f"  {types}"
    print(banner)
    if decoded.exception_id or decoded.reason:
        print(f"  exception {decoded.exception_id or '-'}: {decoded.reason or ''}".rstrip())
    info = decoded.exception
    if info is not None:
        if info.meaning:
            print(f"  meaning: {info.meaning}")
        if info.since:
            print(f"  since:   {info.since}")
        if info.hint:
            print(f"  fix:     {info.hint}")
    if decoded.gsb_status:
        print(f"  gsbStatus: {decoded.gsb_status}")
    for sub in decoded.sub_errors:
        print(f"  subError {sub.exception_id}: {sub.reason} ({sub.value})")
    if decoded.fields:
        print("Fields:")
        for hit in decoded.fields:
            print(f"  {hit.kind:<12} {hit.value:<40} {hit.path}")
    if decoded.registration_form is not None:
        print("registrationForm (field: required):")
        for field, required in decoded.registration_form.items():
            print(f"  {field}: {'required' if required else 'optional'}")
