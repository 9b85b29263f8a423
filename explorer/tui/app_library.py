"""The template library's visibility and focus: a permanent column on a wide terminal, a
drawer over the work area below ExplorerApp.NARROW_BELOW columns.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

from explorer.tui.widgets.library.template_tree import TemplateLibraryPanel


class LibraryMixin:
    """Show, hide and focus the template library."""

    def library_shown(self) -> bool:
        library = self.ui("#library", TemplateLibraryPanel)
        if library.has_class("-hidden"):
            return False
        return library.has_class("-shown") or not self.narrow

    async def show_library(self) -> TemplateLibraryPanel:
        library = self.ui("#library", TemplateLibraryPanel)
        await library.ensure_built()
        library.remove_class("-hidden")
        # Only a narrow layout reads -shown; left on at a wide size, a later shrink would
        # open the drawer unasked.
        library.set_class(self.narrow, "-shown")
        return library

    def hide_library(self) -> None:
        """Hide the column or close the drawer; focus inside it goes back to the editor
        (a hidden widget keeps the focus and would take the keys)."""
        library = self.ui("#library", TemplateLibraryPanel)
        library.remove_class("-shown")
        if not self.narrow:
            library.add_class("-hidden")
        focused = self.focused
        if focused is not None and library in focused.ancestors:
            self.ui("#editor").focus()

    async def action_toggle_library(self) -> None:
        if self.library_shown():
            self.hide_library()
            return
        library = await self.show_library()
        library.focus_tree()

    async def action_focus_filter(self) -> None:
        library = await self.show_library()
        await library.open_filter()

    def library_dismissed(self) -> None:
        """Escape in the library: the drawer closes; the wide column stays, focus leaves."""
        if self.narrow:
            self.hide_library()
        self.ui("#editor").focus()

    def library_template_opened(self) -> None:
        """A template was chosen: the drawer gives the editor back; a wide column stays
        focused, so the next template is a key away."""
        if self.narrow and self.library_shown():
            self.hide_library()
