"""The response tree: lazy children, paging with "… N more", Rich Text labels only."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explorer.core.xmlsafe import parse_xml
from explorer.tui.widgets.response.response_tree import PAGE, MoreNode, ResponseTree

NS = 'xmlns:serv="http://www.webex.com/schemas/2002/06/service" ' \
     'xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep"'


def big_response(count: int) -> bytes:
    sessions = "".join(f"<ep:session><ep:sessionKey>{i}</ep:sessionKey></ep:session>"
                       for i in range(count))
    return (f'<serv:message {NS}><serv:header><serv:response><serv:result>SUCCESS'
            f'</serv:result></serv:response></serv:header><serv:body><serv:bodyContent>'
            f'{sessions}</serv:bodyContent></serv:body></serv:message>').encode()


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ResponseTree()


def find(node, predicate):
    for child in node.children:
        if predicate(child):
            return child
        found = find(child, predicate)
        if found is not None:
            return found
    return None


async def test_big_sibling_lists_are_paged():
    root = parse_xml(big_response(PAGE * 2 + 50))
    app = TreeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(ResponseTree)
        tree.show(root)
        await pilot.pause()
        body_content = find(tree.root, lambda n: str(n.label).startswith("serv:bodyContent"))
        assert body_content is not None
        # Too many children to open on arrival: nothing created until it is expanded.
        assert not body_content.is_expanded and len(body_content.children) == 0
        body_content.expand()
        await pilot.pause()
        assert len(body_content.children) == PAGE + 1
        more = body_content.children[-1]
        assert isinstance(more.data, MoreNode)
        assert str(more.label) == f"… {PAGE + 50} more"
        tree.select_node(more)
        await pilot.pause()
        assert len(body_content.children) == 2 * PAGE + 1
        assert str(body_content.children[-1].label) == "… 50 more"
        # Children of a session are only made when it is opened.
        first = body_content.children[0]
        assert len(first.children) == 0
        first.expand()
        await pilot.pause()
        assert str(first.children[0].label) == "ep:sessionKey  0"


async def test_server_text_is_never_markup():
    hostile = (f'<serv:message {NS}><serv:body><serv:bodyContent>'
               '<ep:confName>[/b] [bold red]x[/] [link=http://evil]y[/link]</ep:confName>'
               '<ep:note a="[/]">z</ep:note>'
               '</serv:bodyContent></serv:body></serv:message>').encode()
    app = TreeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(ResponseTree)
        tree.show(parse_xml(hostile))
        await pilot.pause()
        labels = []

        def walk(node):
            for child in node.children:
                labels.append(child.label.plain)
                walk(child)

        walk(tree.root)
        assert "ep:confName  [/b] [bold red]x[/] [link=http://evil]y[/link]" in labels
        assert 'ep:note a="[/]"  z' in labels
        assert "confName" in app.export_screenshot()  # rendering must not raise


async def test_credentials_in_answers_are_masked():
    answer = (f'<serv:message {NS} xmlns:use="http://www.webex.com/schemas/2002/06/service/user">'
              '<serv:body><serv:bodyContent><use:sessionTicket>AAABBBtickettt</use:sessionTicket>'
              '</serv:bodyContent></serv:body></serv:message>').encode()
    app = TreeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(ResponseTree)
        tree.show(parse_xml(answer))
        await pilot.pause()
        assert "AAABBBtickettt" not in app.export_screenshot()
        node = find(tree.root, lambda n: n.label.plain.startswith("use:sessionTicket"))
        assert node is not None and node.label.plain == "use:sessionTicket  ********"


async def test_a_new_answer_releases_the_nodes_of_the_previous_one():
    # Tree.clear() alone keeps every old node in the tree's node table, and with them the
    # whole previous lxml document: a small answer after a big one must not keep it alive.
    app = TreeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(ResponseTree)
        tree.show(parse_xml(big_response(PAGE * 3)))
        await pilot.pause()
        body_content = find(tree.root, lambda n: str(n.label).startswith("serv:bodyContent"))
        body_content.expand()
        await pilot.pause()
        big_count = len(tree._tree_nodes)
        assert big_count > PAGE
        tree.show(parse_xml(big_response(1)))
        await pilot.pause()
        assert len(tree._tree_nodes) < 20


def labels_of(node) -> list[str]:
    return [node.label.plain] + [label for child in node.children for label in labels_of(child)]


async def test_a_big_answer_read_as_an_outline_shows_the_same_tree(monkeypatch):
    from explorer.core import response
    from explorer.core.outline import OutlineElement

    data = big_response(PAGE + 30)
    shown = []
    for outline_from in (len(data) + 1, 0):  # the whole lxml tree, then an outline
        monkeypatch.setattr(response, "OUTLINE_FROM", outline_from)
        root = response.decode_response(data).root
        assert isinstance(root, OutlineElement) == (outline_from == 0)
        app = TreeApp()
        async with app.run_test(size=(100, 30)) as pilot:
            tree = app.query_one(ResponseTree)
            tree.show(root)
            await pilot.pause()
            body_content = find(tree.root,
                                lambda n: str(n.label).startswith("serv:bodyContent"))
            body_content.expand()
            await pilot.pause()
            tree.select_node(body_content.children[-1])  # "… 30 more"
            await pilot.pause()
            last = body_content.children[-1]
            last.expand()
            await pilot.pause()
            shown.append(labels_of(tree.root))
    assert shown[0] == shown[1]
    assert f"ep:sessionKey  {PAGE + 29}" in shown[1]
