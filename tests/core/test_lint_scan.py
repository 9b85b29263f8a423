"""The lint scanner's shortcuts give what the plain readings give.

``scan`` reads tokens a ``<`` at a time (an element holding only text as one match); a
reference reading here feeds the same tree builder one ``TOKEN`` at a time. The
non-breaking-space check uses the scanner's tag layout when the text is plain, and reads the
tokens otherwise; both must place every NBSP alike.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from explorer.core.envelope import NBSP, prepare_document
from explorer.core.lint import nbsp
from explorer.core.lint.nodes import LineIndex, ScannedTree, TextPiece
from explorer.core.lint.scan import TOKEN, scan
from explorer.core.lint.tree_builder import TreeBuilder
from tests.fixtures.notes_samples import notes_samples

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

_SNIPPETS = [
    "<", ">", "</", "</x>", "<x>", "<x/>", "<x a='1'/>", NBSP, "\n", " ", " または ", " ... ",
    "&amp;", "<!-- true -->", "<!---->", "<!-->", "<![CDATA[a]]>", "<![CDATA[", "<?pi x?>",
    "<?>", "<!DOCTYPE x>", "<!x", '"', "=", "/>", 'xmlns:q="u" ', "<bodyContent>",
    "</bodyContent>", "</x y>", "</x >", "<x\u00b7y>", "<1>", "x or y.z", "{site}", "\r\n",
]


def _reference(text: str) -> ScannedTree:
    """The tree from one TOKEN at a time."""
    build = TreeBuilder(LineIndex(text))
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        parent = build.stack[-1] if build.stack else None
        if kind == "selfclose":
            node = build.element(match["start"], match["attrs"], match.start(), parent,
                                 bool(match["selfclose"]))
            if not match["selfclose"]:
                build.stack.append(node)
                build.open_names[node.qname] = build.open_names.get(node.qname, 0) + 1
        elif kind == "end":
            name = match["end"]
            if parent is not None and parent.qname == name:
                build.stack.pop()
                build.open_names[name] -= 1
                parent.closed = True
            else:
                build.close(name, match.start())
        elif kind in ("text", "lt", "cdata"):
            value = match[kind]
            if value and not value.isspace():
                build.text(value, match.start(kind) + len(value) - len(value.lstrip()), parent)
        elif kind == "comment":
            build.comment(match["comment"], match.start())
    return build.finish(None)


def _shape(tree: ScannedTree) -> list[object]:
    def piece(p: TextPiece) -> tuple[object, ...]:
        return (p.text, p.offset, p.before and p.before.offset, p.after and p.after.offset)

    return [
        [(n.qname, n.offset, dict(n.attrs), sorted(n.nsmap.items(), key=str), n.closed,
          n.text, [piece(p) for p in n.texts], [(c.text, c.offset) for c in n.comments],
          [c.offset for c in n.children], n.parent and n.parent.offset,
          n.body and n.body.offset) for n in tree.nodes()],
        [piece(p) for p in tree.top_texts],
        [(s.qname, s.offset) for s in tree.stray_ends],
        [n.offset for n in tree.unclosed],
        [r.offset for r in tree.roots],
    ]


_ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service"\n'
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    "  <header><securityContext><siteName>s</siteName></securityContext></header>\n"
    '  <body>\n    <bodyContent xsi:type="java:com.webex.service.binding.ep.GetSessionInfo">\n'
    "      <sessionKey>1</sessionKey>\n    </bodyContent>\n  </body>\n</serv:message>\n"
)


def _samples() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.glob("*/request.xml"))]
    texts += [sample.text for sample in notes_samples()]  # none when the notes are absent
    texts += [_ENVELOPE, _ENVELOPE.replace("<sessionKey>1</sessionKey>", "<a/>x<b>y</b> z"),
        "", "   ", "plain text", "<a>x</a>", "<a>x</b></a>", "<a><b>x</a>", "<a>x<!--c-->y</a>",
        "<a> x <b/> y <c>z</c> w </a>", "<a>x</a  >", "<a>x</a", "<a b='1'>x</a>",
        "<p:a xmlns:p='u'><p:b>x</p:b></p:a>", "<a><a>x</a></a>", "</a><a>", "<a/><b/>t",
    ]
    return texts


def _mutations(texts: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.6:
                text = text[:at] + rng.choice(_SNIPPETS) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 8):]
        out.append(text)
    return out


def test_scan_reads_as_token_by_token() -> None:
    texts = _samples()
    for text in texts + _mutations(texts, 400, seed=7):
        assert _shape(scan(text)) == _shape(_reference(text)), text


def test_elements_holding_only_text_are_one_match_each() -> None:
    tree = scan("<a>\n  <b>x</b>\n  <c  >y</c >\n</a>")
    b, c = tree.nodes()[1:]
    assert (b.text, b.texts[0].offset, c.text, c.closed) == ("x", 9, "y", True)


def test_text_in_several_pieces_is_joined() -> None:
    a, b = scan("<a> x<!-- c -->y <b/> z </a>").nodes()
    assert (a.text, [p.text for p in a.texts], b.text) == ("xy  z", [" x", "y ", " z "], "")


def _nbsp_variants(texts: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for text in texts:
        out += [NBSP + text, text + NBSP, f"{text}\n{NBSP}{NBSP}\n"]
        for _ in range(12):
            spots = sorted(rng.sample(range(len(text) + 1), min(3, len(text) + 1)), reverse=True)
            variant = text
            for at in spots:
                variant = variant[:at] + NBSP + variant[at:]
            out.append(variant)
    return out


@pytest.mark.parametrize("fragment_text", [False, True])
def test_nbsp_places_by_layout_as_by_tokens(fragment_text: bool) -> None:
    texts = [t for t in _samples() if t.strip()]
    if fragment_text:
        texts = ["<bodyContent>\n  <a>x</a>\n</bodyContent>", "<a b='1'>x</a> <c/>",
                 "<bodyContent xsi:type='t'>\n <a>x</a> <b/>\n</bodyContent>\n<c>y</c>"]
    checked = 0
    for raw in _nbsp_variants(texts, seed=11):
        prepared = prepare_document(raw)
        if prepared.paste.body_offset:
            continue
        text = prepared.unwrapped
        layout = scan(text).layout
        if layout is None or len(text) != len(raw):
            continue
        by_layout = nbsp.places(raw, text, layout, prepared.fragment)
        assert by_layout == nbsp.places(raw, text, None, prepared.fragment), raw
        checked += 1
    assert checked > 10


def test_line_index_counts_and_tables_alike() -> None:
    text = "a\nbc\n\nd" * 5
    counted = LineIndex(text)
    positions = [counted.position(i) for i in range(len(text) + 1)]  # past 8: from the table
    for offset in range(len(text) + 1):
        fresh = LineIndex(text)
        assert fresh.position(offset) == positions[offset]
    assert positions[:4] == [(1, 1), (1, 2), (2, 1), (2, 2)]


def test_namespaces_in_scope_are_worked_out_without_recursion() -> None:
    depth = 5_000
    text = '<p:a xmlns:p="u">' + "<b>" * depth + '<c xmlns="d"/>' + "</b>" * depth + "</p:a>"
    nodes = scan(text).nodes()
    assert nodes[-1].nsmap[None] == "d" and nodes[-1].nsmap["p"] == "u"
    assert nodes[0].namespace == "u" and nodes[1].nsmap is nodes[0].nsmap
