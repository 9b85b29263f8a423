import codecs

import pytest

from explorer.core.errors import XMLInputError
from explorer.core.xmlsafe import local_name, parse_xml


def test_parses_plain_document():
    root = parse_xml(b'<?xml version="1.0" encoding="UTF-8"?>\n<a><b>x</b></a>')
    assert local_name(root) == "a"
    assert root.findtext("b") == "x"


def test_leading_whitespace_before_declaration_is_tolerated():
    assert local_name(parse_xml(b'\n\n  <?xml version="1.0"?><a/>')) == "a"


def test_str_with_encoding_declaration():
    root = parse_xml('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\u00e9</a>')
    assert root.text == "caf\u00e9"


def test_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + '<a>\u65e5\u672c</a>'.encode("utf-16-le")
    assert parse_xml(data).text == "\u65e5\u672c"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty document"),
        (b"   \n ", "empty document"),
        (b"<a><b></a>", "not well-formed"),
        (b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "DOCTYPE"),
        (b'<?xml version="1.0"?>\n<!-- c --><!doctype a><a/>', "DOCTYPE"),
        (b"<a>" * 5000 + b"</a>" * 5000, "deeper than 256"),
        (b"<a>\xff\xfe</a>", "not well-formed"),
        (b"<a>\x00</a>", "NUL"),
    ],
)
def test_refusals_are_one_line(data, fragment):
    with pytest.raises(XMLInputError) as info:
        parse_xml(data)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_size_limit():
    with pytest.raises(XMLInputError, match=r"over the 1\.0 KB limit"):
        parse_xml(b"<a>" + b"x" * 2000 + b"</a>", max_bytes=1024)


def test_syntax_error_carries_position():
    with pytest.raises(XMLInputError) as info:
        parse_xml(b"<a>\n<b>\n</a>")
    assert info.value.line == 3


def test_entities_are_never_expanded_from_network_or_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = f'<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]><a>&x;</a>'.encode()
    with pytest.raises(XMLInputError) as info:
        parse_xml(doc)
    assert "TOPSECRET" not in str(info.value)


def test_drop_blank_text_leaves_out_indentation_but_keeps_element_text():
    from explorer.core.xmlsafe import parse_xml

    doc = "<a>\n  <b> x </b>\n  <c>  </c>\n  <d>y<e/>z</d>\n</a>"
    kept = parse_xml(doc)
    dropped = parse_xml(doc, drop_blank_text=True)
    assert kept.text == "\n  " and dropped.text is None
    assert dropped[0].tail is None
    assert dropped[0].text == " x "
    assert [dropped[2].text, dropped[2][0].tail] == ["y", "z"]
    assert parse_xml(doc).text == "\n  "  # the default parser is not changed by the other
    assert parse_xml(doc.encode("utf-8"), drop_blank_text=True).text is None
