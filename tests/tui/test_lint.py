"""Live lint in the editor: a sample pasted from the 40.x notes, findings, jump to line."""

from __future__ import annotations

import re
from pathlib import Path

from textual import events
from textual.widgets import OptionList

from tests.fixtures.notes_samples import requires_notes
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, settle

NOTES = Path(__file__).resolve().parents[2].parent / "shared" / "reference" \
    / "xmlapi-40-updates.ja.txt"


def notes_sample(first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of the Japanese notes, as a user would copy them."""
    lines = NOTES.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[first - 1:last]) + "\n"


@requires_notes
async def test_pasted_notes_sample_gets_findings_and_jumps(make_app):
    sample = notes_sample(195, 222)  # "SetMeeting要求例:" and its unclosed bodyContent
    assert "SetMeeting" in sample
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lint_delay = 0.0  # lint on the next tick instead of after a typing pause
        editor = app.ui("#editor")
        editor.focus()
        editor.select_all()
        await pilot.pause()
        app.post_message(events.Paste(sample))  # as a terminal paste: to the focused editor
        await settle(pilot)
        await pilot.pause()
        assert editor.text == sample  # the paste replaced the whole selection, once
        rules = {f.rule for f in app.last_findings}
        assert "prose-in-xml" in rules and "xml-syntax" in rules
        panel = app.ui("#lint", OptionList)
        assert panel.has_class("-has-errors")
        assert re.search(r"Lint: [1-9][0-9]* err", str(panel.border_title))
        assert editor.has_class("-has-errors")
        assert "error" in str(editor.border_subtitle)

        prose = next(i for i, f in enumerate(panel.findings) if f.rule == "prose-in-xml")
        target = panel.findings[prose].line
        assert target and target > 0
        panel.focus()
        panel.highlighted = prose
        await pilot.press("enter")
        await pilot.pause()
        assert editor.has_focus
        assert editor.cursor_location[0] == target - 1

        # Sending is stopped: notification, the inspector, and a question.
        await app.run_action("send")
        await settle(pilot)
        assert "lint error" in app.ui("#inspector").banner_plain
        assert app.screen.query_one("#confirm-no")
        await pilot.click("#confirm-no")
        await settle(pilot)
        assert app.last_result is None


async def test_fixing_the_envelope_clears_the_findings(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = app.ui("#editor")
        good = editor.text
        editor.load(good.replace("</header>", ""))
        app.run_lint()
        assert any(f.severity == "error" for f in app.last_findings)
        editor.load(good)
        app.run_lint()
        assert not [f for f in app.last_findings if f.severity == "error"]
        assert str(editor.border_subtitle).startswith("lint ✓ ·")
