"""The one way the explorer parses XML: a hardened lxml parser.

No entity resolution, no network, no DTD loading, DOCTYPE refused outright (the XML API never
uses one), bounded size, libxml2's default depth limit kept. Every failure is an
``XMLInputError`` with a one-line message that says what was received.
"""

from __future__ import annotations

import codecs
import re
import threading

from lxml import etree

from explorer.core.errors import XMLInputError

DEFAULT_MAX_BYTES = 128 * 1024 * 1024

_PROLOG_DOCTYPE = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->)*<!DOCTYPE", re.DOTALL | re.IGNORECASE
)
_local = threading.local()


def _parser() -> etree.XMLParser:
    # lxml parsers are not thread-safe; keep one per thread.
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def _utf8_parser() -> etree.XMLParser:
    parser = getattr(_local, "utf8_parser", None)
    if parser is None:
        parser = etree.XMLParser(
            encoding="utf-8",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            collect_ids=False,
        )
        _local.utf8_parser = parser
    return parser


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def to_bytes(data: bytes | str) -> tuple[bytes, bool]:
    """Normalise input to bytes; the flag says the bytes are UTF-8 whatever they declare."""
    if isinstance(data, str):
        return data.lstrip("\ufeff").encode("utf-8", errors="surrogatepass"), True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").encode("utf-8"), True
        except UnicodeDecodeError as exc:
            raise XMLInputError(
                f"document starts with a UTF-16 BOM but is not UTF-16: {exc}"
            ) from exc
    return data, False


def parse_xml(
    data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "document"
) -> etree._Element:
    """Parse ``data`` safely and return its root element, or raise ``XMLInputError``."""
    if len(data) > max_bytes:
        raise XMLInputError(
            f"{what} is {_size_text(len(data))}, over the {_size_text(max_bytes)} limit; refused"
        )
    raw, forced_utf8 = to_bytes(data)
    stripped = raw.lstrip()
    if not stripped:
        raise XMLInputError(f"empty {what}: no XML received")
    if _PROLOG_DOCTYPE.match(stripped[: 1024 * 1024]):
        raise XMLInputError(
            f"{what} has a DOCTYPE declaration; DTDs and entities are refused "
            "(the XML API never uses them)"
        )
    if b"\x00" in stripped[:4096] and not forced_utf8:
        raise XMLInputError(f"{what} contains NUL bytes: not a text XML document")
    parser = _utf8_parser() if forced_utf8 else _parser()
    try:
        root = etree.fromstring(stripped, parser)
    except etree.XMLSyntaxError as exc:
        line, column = (exc.position if exc.position else (None, None))
        message = str(exc.msg or exc).split(", line ")[0]
        where = f" (line {line}, column {column})" if line else ""
        if "Excessive depth" in message:
            raise XMLInputError(
                f"{what} nests elements deeper than 256 levels; refused{where}",
                line=line, column=column,
            ) from None
        raise XMLInputError(
            f"{what} is not well-formed XML: {message}{where}", line=line, column=column
        ) from None
    except (ValueError, LookupError) as exc:  # e.g. an unknown encoding name
        raise XMLInputError(f"{what} cannot be decoded: {exc}") from None
    if root is None:
        raise XMLInputError(f"{what} has no root element")
    return root


def local_name(element: etree._Element) -> str:
    """The element's name without namespace (comments and PIs give '')."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
