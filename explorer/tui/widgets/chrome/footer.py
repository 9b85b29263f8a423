"""A Footer that rebuilds its keys only when the shown bindings really change.

Textual's Footer recomposes on every focus change; with a dozen keys that is most of the
start-up's styling work, and usually nothing visible changed.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _signature(screen: Screen) -> frozenset[Any]:
    shown = []
    for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items():
        if binding.show or key == screen.app.COMMAND_PALETTE_BINDING:
            shown.append((key, binding.action, binding.description, enabled, tooltip))
    # Order-free: focus moves reorder the same bindings, which is no reason to rebuild.
    return frozenset(shown)


class ExplorerFooter(Footer):
    _shown: frozenset[Any] | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        # Footer composes nothing until the screen's bindings are known.
        self._shown = _signature(self.screen) if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Born compact or not: a key told after mounting re-styles, key by key.
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if not (self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
            return
        signature = _signature(screen)
        if signature == self._shown:
            self._bindings_ready = True
            return
        self._shown = signature  # a rebuild is queued: later calls with these keys need none
        super().bindings_changed(screen)
