"""Live lint findings (`#lint`); choosing one jumps to its line in the editor."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.tui.messages import LintJump

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_label(finding: Any) -> Text:
    where = f"L{finding.line}" if finding.line else "—"
    if finding.line and finding.column:
        where += f":{finding.column}"
    label = Text()
    label.append(f"{where:<8}", style="dim")
    label.append(f"{finding.severity:<8}", style=_SEVERITY_STYLE.get(finding.severity, ""))
    label.append(f"{finding.rule}: ", style="bold")
    label.append(finding.message)  # plain text: never parsed as markup
    return label


class LintPanel(OptionList):
    """The findings for the editor's text, errors first."""

    def __init__(self, *, id: str | None = "lint") -> None:
        super().__init__(id=id)
        self.findings: list[Any] = []
        self.border_title = "Lint"

    def show(self, findings: list[Any]) -> None:
        order = {"error": 0, "warning": 1, "info": 2}
        self.findings = sorted(findings, key=lambda f: (order.get(f.severity, 3), f.line or 0))
        self.clear_options()
        if not self.findings:
            self.add_option(Option(Text("no findings", style="green"), disabled=True))
        else:
            self.add_options([Option(finding_label(f), id=str(i))
                              for i, f in enumerate(self.findings)])
        errors = sum(1 for f in self.findings if f.severity == "error")
        warnings = sum(1 for f in self.findings if f.severity == "warning")
        # Short enough for the 30-column side list of a narrow terminal.
        self.border_title = f"Lint: {errors} err · {warnings} warn"
        self.set_class(errors > 0, "-has-errors")

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        finding = self.findings[int(event.option.id)]
        self.post_message(LintJump(finding.line, finding.column))
