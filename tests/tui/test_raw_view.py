"""The raw tab: highlighted when small, plain above the threshold, filled when shown."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explorer.tui.widgets.response.raw_view import HIGHLIGHT_LIMIT, RawView


class RawApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RawView()


async def fill(app: RawApp, pilot, text: str) -> RawView:
    raw = app.query_one(RawView)
    raw.set_pending(text)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return raw


async def test_small_answers_are_highlighted():
    app = RawApp()
    async with app.run_test(size=(80, 20)) as pilot:
        raw = await fill(app, pilot, '<a x="1">small</a>\n')
        assert raw.text == '<a x="1">small</a>\n'
        assert raw.language == "xml" and not raw.has_class("-plain")


async def test_big_answers_are_plain_text():
    big = "<list>\n" + "<item>x</item>\n" * (HIGHLIGHT_LIMIT // 14 + 10) + "</list>\n"
    assert len(big) > HIGHLIGHT_LIMIT
    app = RawApp()
    async with app.run_test(size=(80, 20)) as pilot:
        raw = await fill(app, pilot, big)
        assert raw.document.line_count > 10_000
        assert raw.language is None and raw.has_class("-plain")


async def test_hidden_view_waits_until_shown():
    app = RawApp()
    async with app.run_test(size=(80, 20)) as pilot:
        raw = app.query_one(RawView)
        raw.display = False
        calls = []
        raw.set_source(lambda: calls.append(1) or "<a/>")
        await pilot.pause()
        assert calls == [] and raw.text == ""
        raw.display = True
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [1] and raw.text == "<a/>"
