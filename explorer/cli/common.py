"""Helpers every CLI verb shares: reading FILE|-, versions from flags, JSON output.

Only the standard library and the light core modules are imported here, so building the
parser stays fast (``webex-explorer --version`` must be instant).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from explorer.core.errors import ExplorerError


class CLIError(ExplorerError):
    """A bad command line or unreadable input file."""


#: Most bytes a verb reads from FILE or standard input (the XML parser's own limit), so
#: an endless input such as /dev/zero is refused instead of filling memory.
MAX_INPUT_BYTES = 128 * 1024 * 1024


def read_input(source: str, what: str = "input", max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of FILE, or of standard input for ``-``, at most ``max_bytes``."""
    data = _read_bounded(source, what, max_bytes + 1)
    if len(data) > max_bytes:
        name = "standard input" if source == "-" else source
        raise CLIError(
            f"{name}: the {what} is over the {max_bytes // (1024 * 1024)} MB limit; "
            "refused (not read further)"
        )
    return data


def _read_bounded(source: str, what: str, limit: int) -> bytes:
    if source == "-":
        if sys.stdin is None:
            raise CLIError(f"no standard input to read the {what} from")
        return sys.stdin.buffer.read(limit)
    path = Path(source)
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise CLIError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise CLIError(f"{source}: is a directory, not a file") from None
    except PermissionError:
        raise CLIError(f"{source}: permission denied") from None
    except OSError as exc:
        raise CLIError(f"{source}: cannot read: {exc.strerror or exc}") from None


def decode_text(data: bytes, source: str) -> str:
    """Text of a request file: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CLIError(f"{_name(source)} starts with a UTF-16 BOM but is not UTF-16") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CLIError(
            f"{_name(source)} is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None


def read_text(source: str, what: str = "input") -> str:
    return decode_text(read_input(source, what), source)


def _name(source: str) -> str:
    return "standard input" if source == "-" else source


def version_arg(text: str):  # -> Version (lazy import keeps the type out of the signature)
    """argparse ``type=`` for API versions: only known ones (``versions.check_known``); a
    VersionError becomes a usage error."""
    from explorer.core.errors import VersionError
    from explorer.core.versions import check_known

    try:
        return check_known(text)
    except VersionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_seconds(text: str) -> float:
    """argparse type for a duration flag: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds: {text}")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text}")
    return value


def print_json(data: Any) -> None:
    from explorer.core.textsafe import json_safe

    sys.stdout.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
    sys.stdout.write("\n")


def stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)
