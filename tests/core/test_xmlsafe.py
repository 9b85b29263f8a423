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


def _steps(data, **options):
    from explorer.core.xmlsafe import XmlSteps

    return list(XmlSteps(data, **options))


def test_steps_give_the_tree_as_it_grows_then_the_whole_document():
    from lxml import etree

    from explorer.core.xmlsafe import XmlSteps

    doc = b'\n<?xml version="1.0"?><!-- c --><a x="1">' + b"<b>t</b>" * 100 + b"</a>"
    steps = XmlSteps(doc, step=64)
    assert steps.source is doc and steps.first == 1 and steps.utf8  # not copied
    assert steps.source[steps.root_start:].startswith(b"<a ")
    seen = []
    for root, finished in steps:
        seen.append((len(root), finished, steps.fed))
        if not finished:
            del root[:-1]  # what a reader of big documents does with finished children
    assert seen[-1][1] and not any(done for _, done, _ in seen[:-1])
    assert len(seen) > 5 and seen[-1][2] == len(steps.source)
    assert all(count <= 10 for count, _, _ in seen)
    whole = _steps(doc, step=10_000)[-1][0]
    assert etree.tostring(whole) == etree.tostring(parse_xml(doc))


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty document"),
        (b"<a><b></a>", "not well-formed"),
        (b"<a>" + b"<b/>" * 100, "not well-formed"),
        (b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "DOCTYPE"),
        (b"<a>" * 5000 + b"</a>" * 5000, "deeper than 256"),
        (b"<a>\xff\xfe</a>", "not well-formed"),
        (b"<a>\x00</a>", "NUL"),
        (b"<a>" + b"x" * 2000 + b"</a>", "over the 1.0 KB limit"),
        (b'<?xml version="1.0" encoding="UTF-7"?><a/>', "refused"),
    ],
)
def test_steps_refuse_what_parse_xml_refuses(data, fragment):
    with pytest.raises(XMLInputError) as info:
        _steps(data, step=16, max_bytes=1024 if b"x" * 2000 in data else 1 << 20)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_steps_say_whether_the_bytes_are_utf8():
    from explorer.core.xmlsafe import XmlSteps

    assert XmlSteps('<a>caf\u00e9</a>').utf8
    assert XmlSteps(codecs.BOM_UTF16_LE + "<a/>".encode("utf-16-le")).utf8
    latin = XmlSteps(b'<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\xe9</a>')
    assert not latin.utf8
    assert list(latin)[-1][0].text == "caf\u00e9"
