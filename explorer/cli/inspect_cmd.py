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
    from explorer.core.response import check_status, decode_response, split_http_response

    data = read_input(args.file, "response")
    status, headers, body = split_http_response(data)
    check_status(status, headers)
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

    write_visible(pretty_xml(body))
    return 0


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def write_visible(text: str) -> None:
    """Server text to standard output, its control characters shown as \\xNN."""
    from explorer.core.textsafe import visible

    text = visible(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _print_parts(decoded) -> None:
    """A batched answer: the overall result, then each bodyContent's."""
    failed = sum(not part.ok for part in decoded.parts)
    write_visible(f"{decoded.result}  {failed} of {len(decoded.parts)} bodyContents failed"
                  if failed else f"{decoded.result}  {len(decoded.parts)} bodyContents")
    for number, part in enumerate(decoded.parts, 1):
        write_visible(f"  [{number}] {part.result}  {part.response_type or ''}".rstrip())
        _print_exception(part.exception_id, part.reason, part.exception, "      ")


def _print_exception(exception_id, reason, info, indent: str) -> None:
    out = write_visible
    if exception_id or reason:
        out(f"{indent}exception {exception_id or '-'}: {reason or ''}".rstrip())
    if info is not None:
        if info.meaning:
            out(f"{indent}meaning: {info.meaning}")
        if info.since:
            out(f"{indent}since:   {info.since}")
        if info.hint:
            out(f"{indent}fix:     {info.hint}")


def print_decoded(decoded) -> None:
    """The banner and decoded fields, shared by ``inspect`` and ``send``."""
    out = write_visible  # every line here may quote the server
    if len(decoded.parts) > 1:
        _print_parts(decoded)
    else:
        types = ", ".join(decoded.response_types)
        out(f"{decoded.result}  {types}" if types else decoded.result)
        _print_exception(decoded.exception_id, decoded.reason, decoded.exception, "  ")
    if decoded.gsb_status:
        out(f"  gsbStatus: {decoded.gsb_status}")
    for sub in decoded.sub_errors:
        out(f"  subError {sub.exception_id}: {sub.reason} ({sub.value})")
    if decoded.fields:
        out("Fields:")
        for hit in decoded.fields:
            problem = f"  ({hit.problem})" if hit.problem else ""
            out(f"  {hit.kind:<12} {hit.value:<40} {hit.path}{problem}")
    if decoded.registration_form is not None:
        out("registrationForm (field: required):")
        for field, required in decoded.registration_form.items():
            out(f"  {field}: {'required' if required else 'optional'}")
