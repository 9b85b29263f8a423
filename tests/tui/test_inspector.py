"""The inspector's key table on a list answer: keys by kind, the first MAX_FIELD_ROWS rows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Label

from explorer.core.response import decode_response
from explorer.tui.widgets.response.inspector import FOLLOW_UPS, MAX_FIELD_ROWS, Inspector
from tests.core.test_response import _big_lstsummarysession


class InspectorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Inspector()


def test_every_kind_of_key_has_a_place_in_the_table():
    from explorer.core.fields import FIELD_KINDS

    assert set(FOLLOW_UPS) == set(FIELD_KINDS)


async def test_a_list_answer_shows_its_first_keys_by_kind_and_says_how_many_there_are():
    decoded = decode_response(_big_lstsummarysession(150))  # 450 keys, three kinds
    app = InspectorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        inspector = app.query_one(Inspector)
        inspector.show(decoded)
        await pilot.pause()
        table = app.query_one("#fields-table", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert len(rows) == MAX_FIELD_ROWS
        # meetingUUIDs first (FOLLOW_UPS order), in document order, then sessionKeys.
        assert [r[0] for r in rows] == ["meetingUUID"] * 150 + ["sessionKey"] * 50
        assert rows[0][1] == f"{0:032x}" and rows[149][1] == f"{149:032x}"
        assert rows[150][1] == "800000000" and rows[150][2].endswith("/ep:session[1]/ep:sessionKey")
        title = str(app.query_one("#fields-title", Label).render())
        assert f"the first {MAX_FIELD_ROWS} of 450" in title
        # A row chosen opens its own value, whichever kind it is.
        assert inspector.fields[150].value == "800000000"
        inspector.show(None, "gone")
        await pilot.pause()
        assert inspector.fields == [] and not table.display


def test_the_banner_of_a_batched_answer_shows_every_bodycontent() -> None:
    from explorer.core.response import decode_response
    from explorer.sandbox import SandboxConfig, start_sandbox
    from explorer.sandbox.demo import DEMO_SESSION_KEY
    from explorer.tui.widgets.response.inspector import banner_text
    from tests.sandbox.helpers import call

    with start_sandbox(SandboxConfig()) as handle:
        answer = call(handle.url, ("meeting.GetMeeting", "<meetingKey>111</meetingKey>"),
                      ("ep.GetSessionInfo", f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>"))
    text, css = banner_text(decode_response(answer.raw), None)
    lines = text.plain.splitlines()
    assert css == "-failure"
    assert lines[0].strip() == "FAILURE   1 of 2 bodyContents failed"
    assert lines[1].startswith(f"[1] FAILURE  {answer.exception_ids[0]}")
    assert lines[2] == "[2] SUCCESS  ep:getSessionInfoResponse"
