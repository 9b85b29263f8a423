"""prose-in-xml: documentation text left inside a request.

The notes write ``<sessionKey>…</sessionKey> または <meetingUUID>…</meetingUUID>`` (or, "one
of the two"), ``... ...`` for omitted content, and ``<!-- true -->`` annotations. A server
either refuses such a document or silently reads something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.lint.model import MAX_FINDINGS_PER_RULE, Finding, LintContext, Unbuilt
from explorer.core.lint.nodes import Node, TextPiece

_OR_WORDS = {"または", "又は", "もしくは", "あるいは", "or", "|", "/", "または、"}
_DOTS_ONLY = re.compile(r"[.\s…]++")
_LEAF_OR = re.compile(r"(?:^|\s)(?:または|又は)(?:\s|$)")
_LEAF_ASCII_OR = re.compile(r"(?<!\S)(\S++)\s++or\s++(\S++)")
#: What a value needs to hold for _leaf to say anything (its three patterns need one of these).
_LEAF_HINT = re.compile(r"\.\.|…|または|又は|\sor\s")
_VALUE_COMMENT = re.compile(r"^(?:true|false|\d+|yes|no|[A-Z_]+)$", re.IGNORECASE)


def _short(text: str, limit: int = 40) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 3] + "..."


def _is_ellipsis(text: str) -> bool:
    """"...", "… …", ". . ." and the like: documentation's "omitted here"."""
    return bool(_DOTS_ONLY.fullmatch(text)) and (".." in text or "…" in text)


def _looks_like_value(token: str) -> bool:
    return "@" in token or "://" in token or token.isdigit() or "." in token


def _between(piece: TextPiece) -> str:
    if piece.before is not None and piece.after is not None:
        return f"between <{piece.before.qname}> and <{piece.after.qname}>"
    if piece.before is not None:
        return f"after <{piece.before.qname}>"
    if piece.after is not None:
        return f"before <{piece.after.qname}>"
    return ""


def _mixed(ctx: LintContext, piece: TextPiece, parent: Node | None) -> Finding:
    text = piece.text.strip()
    where = piece.position()
    if text.lower() in _OR_WORDS and piece.before is not None and piece.after is not None:
        gloss = "" if text.lower() == "or" else " (or)"  # no translation of the word itself
        return ctx.finding(
            "prose-in-xml", "error", where,
            f'"{text}"{gloss} {_between(piece)}: documentation prose meaning "one of the two"; '
            f"send only <{piece.before.qname}> or only <{piece.after.qname}>",
        )
    if _is_ellipsis(text):
        return ctx.finding(
            "prose-in-xml", "error", where,
            f'"{_short(text)}" {_between(piece)} marks omitted content in documentation; '
            "remove it (fill in the real elements)",
        )
    inside = f" inside <{parent.qname}>" if parent is not None else " outside the root element"
    return ctx.finding(
        "prose-in-xml", "error", where,
        f'text "{_short(text)}"{inside} {_between(piece)}: XML requests hold no prose '
        "between elements; remove it",
    )


def check(ctx: LintContext) -> Iterator[Finding | Unbuilt]:
    # Every finding here is at its own place (a text piece, an element, a comment), so none
    # repeats another: past what lint shows, text pieces are counted, not described.
    doc = ctx.doc
    room = MAX_FINDINGS_PER_RULE
    unbuilt = 0
    pieces = doc.tree.top_texts
    for piece in pieces[:room]:
        yield _mixed(ctx, piece, None)
    unbuilt += max(len(pieces) - room, 0)
    room -= len(pieces)
    for node in doc.tree.nodes():
        text = node.text  # set exactly when the element holds text pieces
        if not text:
            pass
        elif node.children:
            pieces = node.texts
            built = min(max(room, 0), len(pieces))
            for piece in pieces[:built]:
                yield _mixed(ctx, piece, node)
            unbuilt += len(pieces) - built
            room -= len(pieces)
        elif _LEAF_HINT.search(text):
            found = _leaf(ctx, node)
            if found is not None:
                room -= 1
                yield found
        if node.comments and (node.body is not None or node.local == "bodyContent"):
            for comment in node.comments:
                if _VALUE_COMMENT.match(comment.text):
                    room -= 1
                    yield ctx.finding(
                        "prose-in-xml", "info", (comment.line, comment.column),
                        f"comment <!-- {comment.text} --> inside <{node.qname}> sets nothing: "
                        "servers ignore comments (a documentation annotation?)",
                    )
    if unbuilt:
        yield Unbuilt(unbuilt)


#: Values never quoted in a message (they may be real secrets).
_SECRETS = frozenset({"password", "sessionTicket", "webExAccessToken", "accessToken"})


def _leaf(ctx: LintContext, node: Node) -> Finding | None:
    text = node.text
    if not text or node.local in _SECRETS:
        return None
    if _is_ellipsis(text):
        return ctx.finding(
            "prose-in-xml", "warning", node,
            f'<{node.qname}> holds "{text}": documentation shorthand for a value; fill it in',
        )
    if _LEAF_OR.search(text):
        return ctx.finding(
            "prose-in-xml", "warning", node,
            f'<{node.qname}> holds "{_short(text, 60)}": "または" (or) lists alternatives in '
            "documentation; keep one value",
        )
    for match in _LEAF_ASCII_OR.finditer(text):
        if _looks_like_value(match.group(1)) and _looks_like_value(match.group(2)):
            return ctx.finding(
                "prose-in-xml", "warning", node,
                f'<{node.qname}> holds "{_short(text, 60)}": "or" lists alternative values; '
                "keep one",
            )
    return None
