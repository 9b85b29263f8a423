"""Expand a response-tree node with 10,000 children: time until its first page is on screen.

A headless app holds only the explorer's ResponseTree (explorer/tui/widgets/response). It
shows a LstsummarySession answer whose bodyContent has 10,000 session children (+1 for
matchingRecords), puts the cursor on bodyContent and presses space (Tree's toggle key), and
measures from the key to the refresh after the children are created. Each run rebuilds the
tree so nothing is cached; the figure is the median, the max is reported too.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from benchmarks.generate import lstsummary_session_response
from benchmarks.headless import after_refresh, send_key
from benchmarks.model import Check, Figure, Settings, skipped
from benchmarks.stats import median, ms

TITLE = "expand a response-tree node with 10,000 children"
SIZE = (120, 40)
RUNS = 7


def _body_content(tree: Any) -> Any:
    def walk(node: Any) -> Any:
        data = node.data
        element = getattr(data, "element", None)
        if element is not None and isinstance(element.tag, str) and element.tag.endswith(
            "}bodyContent"
        ):
            return node
        for child in node.children:
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(tree.root)


async def _measure(children: int, runs: int) -> dict[str, Any]:
    from lxml import etree
    from textual.app import App, ComposeResult

    from explorer.tui.widgets.response.response_tree import ResponseTree

    root = etree.fromstring(lstsummary_session_response(children))

    class TreeApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ResponseTree(id="response-tree")

    app = TreeApp()
    times: list[float] = []
    shown: list[int] = []
    async with app.run_test(size=SIZE):
        tree = app.query_one(ResponseTree)
        tree.focus()
        for _ in range(runs + 1):
            tree.show(root)
            await after_refresh(app)
            node = _body_content(tree)
            if node is None:
                raise RuntimeError("bodyContent is not in the tree after show()")
            tree.move_cursor(node)
            await after_refresh(app)
            start = time.perf_counter()
            send_key(app, "space")
            while not node.children:
                await asyncio.sleep(0)
            await after_refresh(app)
            times.append(time.perf_counter() - start)
            shown.append(len(node.children))
    return {"times": times[1:], "children_created": shown[-1]}


def run(settings: Settings) -> Figure:
    try:
        import explorer.tui.widgets.response.response_tree  # noqa: F401
    except ImportError as exc:
        return skipped("tree_expand", TITLE, f"not importable yet: {exc}")
    children = settings.tree_children
    result = asyncio.run(_measure(children, 2 if settings.quick else RUNS))
    times = result["times"]
    return Figure(
        "tree_expand",
        TITLE,
        checks=[
            Check("first page visible (median)", median(times) * 1000, " ms", "<=", 100),
            Check("first page visible (max)", max(times) * 1000, " ms"),
        ],
        details={
            "children": children,
            "nodes_created_on_expand": result["children_created"],
            "runs_ms": [ms(t) for t in times],
            "terminal": f"{SIZE[0]}x{SIZE[1]}",
        },
    )
