"""The top bar's controls come in a full and a compact (one-row, borderless) size."""

from __future__ import annotations

from typing import Any


class CompactToggle:
    """``compact`` as the ``-compact`` class, so the stylesheet decides what it means.
    Mixed into a widget (it uses the widget's ``has_class``/``set_class``)."""

    @property
    def compact(self) -> bool:
        widget: Any = self
        return bool(widget.has_class("-compact"))

    @compact.setter
    def compact(self, compact: bool) -> None:
        widget: Any = self
        widget.set_class(compact, "-compact")
