"""The one way the explorer parses XML: a hardened lxml parser.

No entity resolution, no network, no DTD loading, DOCTYPE refused outright (the XML API never
uses one), bounded size, libxml2's default depth limit kept. Every failure is an
``XMLInputError`` with a one-line message that says what was received.

Charsets: a BOM wins (UTF-8, UTF-16, UTF-32). A document whose declaration names a non-UTF
charset (ISO-8859-1, Shift_JIS, ...) but whose bytes are valid UTF-8 with multi-byte sequences
is read as UTF-8 (``charset_note`` says so, for callers that show warnings). A document that
claims UTF-8 (or declares nothing) but is not valid UTF-8 is refused with the byte offset.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterator

from lxml import etree

from explorer.core.errors import XMLInputError

DEFAULT_MAX_BYTES = 128 * 1024 * 1024

_DECLARED_ENCODING = re.compile(
    rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_WHITESPACE = b" \t\r\n"
_local = threading.local()


def _hardened_options(encoding: str | None, drop_blank_text: bool) -> dict[str, object]:
    """The settings of every parser made here (whole-document and step by step)."""
    return {
        "encoding": encoding,
        "remove_blank_text": drop_blank_text,
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
        "collect_ids": False,
    }


def _make_parser(encoding: str | None, drop_blank_text: bool = False) -> etree.XMLParser:
    return etree.XMLParser(**_hardened_options(encoding, drop_blank_text))


def _parser(drop_blank_text: bool = False) -> etree.XMLParser:
    # lxml parsers are not thread-safe; keep one per thread.
    name = "parser_nb" if drop_blank_text else "parser"
    parser = getattr(_local, name, None)
    if parser is None:
        parser = _make_parser(None, drop_blank_text)
        setattr(_local, name, parser)
    return parser


def _utf8_parser(drop_blank_text: bool = False) -> etree.XMLParser:
    name = "utf8_parser_nb" if drop_blank_text else "utf8_parser"
    parser = getattr(_local, name, None)
    if parser is None:
        parser = _make_parser("utf-8", drop_blank_text)
        setattr(_local, name, parser)
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
    # UTF-32-LE's BOM starts with UTF-16-LE's, so look for UTF-32 first.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
        (codecs.BOM_UTF8, "utf-8-sig"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8", errors="surrogatepass"), True
            except UnicodeDecodeError as exc:
                label = codec.upper().replace("-SIG", "")
                raise XMLInputError(
                    f"document starts with a {label} byte order mark but is not {label} "
                    f"(byte offset {exc.start})"
                ) from None
    return data, False


def declared_encoding(raw: bytes) -> str | None:
    """The encoding named in the XML declaration, normalised by Python's codec registry."""
    match = _DECLARED_ENCODING.match(raw[:256])
    if not match:
        return None
    name = match.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


_MARKUP_PROBE = "<?xml <!DOCTYPE [<!ENTITY % x SYSTEM \"a\" 'b'>]>&x;</a>"


def _encoding_refusal(declared: str | None, what: str) -> XMLInputError | None:
    """Refuse charsets that can hide markup from the DOCTYPE check (UTF-7, EBCDIC, unknown)."""
    if declared is None or declared.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    try:
        ascii_compatible = _MARKUP_PROBE.encode(declared) == _MARKUP_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return XMLInputError(f"{what} declares an unknown character encoding '{declared}'")
    if declared == "utf-7" or not ascii_compatible:
        return XMLInputError(
            f"{what} declares the character encoding '{declared}', which is refused "
            "(the XML API uses UTF-8)"
        )
    return None


def _prolog_end(raw: bytes, pos: int = 0) -> int:
    """Where the prolog from ``pos`` on ends (white space, processing instructions, comments):
    the root element's start, or a DOCTYPE's; linear time."""
    size = len(raw)
    while pos < size:
        if raw[pos] in _WHITESPACE:
            pos += 1
        elif raw.startswith(b"<?", pos):
            end = raw.find(b"?>", pos + 2)
            pos = size if end < 0 else end + 2
        elif raw.startswith(b"<!--", pos):
            end = raw.find(b"-->", pos + 4)
            pos = size if end < 0 else end + 3
        else:
            return pos
    return pos


def _has_doctype(raw: bytes) -> bool:
    """True when the prolog (before the root element) holds a DOCTYPE; linear time."""
    pos = _prolog_end(raw)
    return raw[pos : pos + 9].upper() == b"<!DOCTYPE"


def _utf8_error(raw: bytes, what: str, declared: str | None) -> XMLInputError | None:
    """The error for bytes that claim UTF-8 but are not, or None when they are UTF-8."""
    if raw.isascii():
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        claim = "declared UTF-8" if declared else "has no encoding declaration (so UTF-8)"
        return XMLInputError(
            f"{what} is not well-formed XML: it {claim} but byte offset {offset} "
            f"(0x{raw[offset]:02X}, line {line}, column {column}) is not valid UTF-8; "
            "probably ISO-8859-1 or Windows-1252 text mislabelled as UTF-8",
            line=line,
            column=column,
        )
    return None


def _mislabelled_utf8(raw: bytes, declared: str | None) -> bool:
    """True when a non-UTF charset is declared but the bytes are really UTF-8."""
    if declared is None or declared.startswith("utf"):
        if declared in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
            # Declared UTF-16/32 without a BOM, yet the bytes are 8-bit (no NULs): not UTF-16.
            return b"\x00" not in raw[:512] and _is_utf8(raw)
        return False
    return not raw.isascii() and _is_utf8(raw)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def _windows_1252_as_latin1(raw: bytes, declared: str | None) -> bool:
    """ISO-8859-1 declared, but bytes 0x80-0x9F used: those are Windows-1252 characters
    (euro sign, curly quotes), as browsers read them; as ISO-8859-1 they are control codes."""
    return declared == "iso8859-1" and _C1_BYTES.search(raw) is not None


def _as_windows_1252(raw: bytes) -> bytes:
    # The five bytes Windows-1252 leaves undefined keep their ISO-8859-1 meaning.
    text = "".join(
        chunk.decode("latin-1") if chunk in _CP1252_UNDEFINED else chunk.decode("cp1252")
        for chunk in _UNDEFINED_RE.split(raw)
        if chunk
    )
    return text.encode("utf-8")


_CP1252_UNDEFINED = frozenset({b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"})
_UNDEFINED_RE = re.compile(rb"([\x81\x8d\x8f\x90\x9d])")


def charset_note(data: bytes | str) -> str | None:
    """A one-line warning when the declared charset is not what the bytes are, else None."""
    if isinstance(data, str):
        return None
    raw, forced_utf8 = to_bytes(data)
    if forced_utf8:
        return None
    raw = raw.lstrip()
    declared = declared_encoding(raw)
    if _mislabelled_utf8(raw, declared):
        return f"the document declares {declared} but its bytes are UTF-8; it was read as UTF-8"
    if _windows_1252_as_latin1(raw, declared):
        return (
            "the document declares ISO-8859-1 but uses Windows-1252 characters (bytes "
            "0x80-0x9F); it was read as Windows-1252"
        )
    return None


def _checked_source(data: bytes | str, max_bytes: int, what: str) -> tuple[bytes, bool, bool]:
    """The bytes to parse, whether to read them as UTF-8 whatever they declare, and whether
    they are UTF-8; or ``XMLInputError`` for what is refused before parsing."""
    if len(data) > max_bytes:
        raise XMLInputError(
            f"{what} is {_size_text(len(data))}, over the {_size_text(max_bytes)} limit; refused"
        )
    raw, forced_utf8 = to_bytes(data)
    stripped = raw.lstrip()
    if not stripped:
        raise XMLInputError(f"empty {what}: no XML received")
    if _has_doctype(stripped):
        raise XMLInputError(
            f"{what} has a DOCTYPE declaration; DTDs and entities are refused "
            "(the XML API never uses them)"
        )
    is_utf8 = True
    if not forced_utf8:
        if b"\x00" in stripped[:4096]:
            raise XMLInputError(f"{what} contains NUL bytes: not a text XML document")
        declared = declared_encoding(stripped)
        refusal = _encoding_refusal(declared, what)
        if refusal is not None:
            raise refusal
        if _mislabelled_utf8(stripped, declared):
            forced_utf8 = True
        elif _windows_1252_as_latin1(stripped, declared):
            stripped, forced_utf8 = _as_windows_1252(stripped), True
        elif declared in (None, "utf-8"):
            error = _utf8_error(stripped, what, declared)
            if error is not None:
                raise error
        is_utf8 = forced_utf8 or declared in (None, "utf-8")
    return stripped, forced_utf8, is_utf8


def _syntax_error(exc: etree.XMLSyntaxError, what: str) -> XMLInputError:
    line, column = (exc.position if exc.position else (None, None))
    message = str(exc.msg or exc).split(", line ")[0]
    where = f" (line {line}, column {column})" if line else ""
    if "Excessive depth" in message:
        return XMLInputError(
            f"{what} nests elements deeper than 256 levels; refused{where}",
            line=line, column=column,
        )
    return XMLInputError(
        f"{what} is not well-formed XML: {message}{where}", line=line, column=column
    )


def _checked_root(root: etree._Element | None, what: str) -> etree._Element:
    if root is None:
        raise XMLInputError(f"{what} has no root element")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XMLInputError(
            f"{what} has a DOCTYPE declaration; DTDs and entities are refused "
            "(the XML API never uses them)"
        )
    return root


def parse_xml(
    data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "document",
    drop_blank_text: bool = False,
) -> etree._Element:
    """Parse ``data`` safely and return its root element, or raise ``XMLInputError``.

    ``drop_blank_text``: leave out the white-space-only text between elements (a pretty-printed
    answer's indentation), which saves memory on big documents; element text is kept.
    """
    stripped, forced_utf8, _ = _checked_source(data, max_bytes, what)
    parser = _utf8_parser(drop_blank_text) if forced_utf8 else _parser(drop_blank_text)
    try:
        root = etree.fromstring(stripped, parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, what) from None
    except (ValueError, LookupError) as exc:  # e.g. an unknown encoding name
        raise XMLInputError(f"{what} cannot be decoded: {exc}") from None
    return _checked_root(root, what)


STEP_BYTES = 256 * 1024
_ROOT_NAME = re.compile(rb"<([^\s/>]+)")


class XmlSteps:
    """``parse_xml`` fed ``step`` bytes at a time, for documents too big to hold whole.

    Iterating gives ``(root, finished)`` after each step once the root element has started:
    the tree built so far, from which the caller may take finished elements (all but the
    last child of each element on the way down to the one being read) to keep memory low;
    ``finished`` is True once, with the whole document read. The same checks and parser
    settings as ``parse_xml`` (no DTD, no entities, no network, size and depth limits) and the
    same ``XMLInputError`` on failure.
    """

    def __init__(self, data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 what: str = "document", drop_blank_text: bool = False,
                 step: int = STEP_BYTES) -> None:
        checked, self._forced_utf8, self.utf8 = _checked_source(data, max_bytes, what)
        #: What the parser reads, from ``first`` on: the caller's bytes when only white space
        #: (or a UTF-8 byte order mark) is left out, so a big document is not held twice.
        self.source, self.first = checked, 0
        if isinstance(data, bytes) and len(checked) < len(data) and data.endswith(checked):
            self.source, self.first = data, len(data) - len(checked)
        del checked
        #: Where the root element's start tag is in ``source``.
        self.root_start = _prolog_end(self.source, self.first)
        self._what = what
        self._drop_blank_text = drop_blank_text
        self.step = step
        #: How many bytes of ``source`` the parser has been given so far.
        self.fed = 0

    def __iter__(self) -> Iterator[tuple[etree._Element, bool]]:
        what = self._what
        name = _ROOT_NAME.match(self.source, self.root_start)
        local = name.group(1).rpartition(b":")[2].decode("utf-8", "replace") if name else "*"
        options = _hardened_options("utf-8" if self._forced_utf8 else None,
                                    self._drop_blank_text)
        root: etree._Element | None = None
        source, step = self.source, self.step
        try:
            try:  # events for the root's name only: the root element is all this needs of them
                parser = etree.XMLPullParser(events=("start",), tag=f"{{*}}{local}", **options)
            except ValueError:  # not a name: the parser will say what is wrong
                parser = etree.XMLPullParser(events=("start",), **options)
            for offset in range(self.first, len(source), step):
                parser.feed(source[offset:offset + step])
                self.fed = min(len(source), offset + step)
                for _event, element in parser.read_events():
                    if root is None:
                        root = element
                if root is not None:
                    yield root, False
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, what) from None
        except (ValueError, LookupError) as exc:
            raise XMLInputError(f"{what} cannot be decoded: {exc}") from None
        yield _checked_root(root, what), True


def local_name(element: etree._Element) -> str:
    """The element's name without namespace (comments and PIs give '')."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
