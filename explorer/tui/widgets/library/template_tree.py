"""The template library (`#templates`): service -> command -> version, filterable by typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static, Tree

from explorer.tui.messages import LibraryDismissed, TemplateChosen

if TYPE_CHECKING:
    from explorer.core.templates import CommandTemplate


class LibraryNode(NamedTuple):
    kind: str  # "service" | "command" | "version"
    command: str = ""
    version: str | None = None


def _summary(change, language: str) -> str:
    text = change.summary_ja if language == "ja" and change.summary_ja else change.summary_en
    return " ".join(text.split())


def describe(template: CommandTemplate, version: str | None, language: str) -> Text:
    """The info text under the tree: description, then what changed in each version."""
    from explorer.core.versions import Version

    description = template.description_ja if language == "ja" else template.description_en
    out = Text()
    out.append(template.command, style="bold")
    out.append(f"  {template.package}\n", style="dim")
    out.append((description or template.description_en or "").strip() + "\n")
    if template.since is not None:
        out.append(f"since {template.since}\n", style="italic")
    if template.anonymous_allowed:
        out.append("anonymous access allowed\n", style="italic")
    wanted = Version.parse(version) if version else None
    for change in template.changes:
        landed = " / ".join(str(v) for v in change.landed_on)
        present = wanted is None or change.present_in(wanted)
        style = "" if present else "dim strike"
        out.append(f"• {landed} ", style="bold cyan" if present else "dim")
        out.append(_summary(change, language), style=style)
        out.append(f" ({change.ref})\n", style="dim")
    return out


class TemplateTree(Tree[LibraryNode]):
    """The tree itself; printable keys go to the filter box above it."""

    BINDINGS = [Binding("slash", "focus_filter", "Filter", show=False)]

    def action_focus_filter(self) -> None:
        self.parent.query_one("#template-filter", Input).focus()  # type: ignore[union-attr]

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character not in " /":
            box = self.parent.query_one("#template-filter", Input)  # type: ignore[union-attr]
            box.value += event.character
            box.cursor_position = len(box.value)
            box.focus()
            event.stop()


class TemplateLibraryPanel(Vertical):
    """Filter box, tree and the description of the highlighted command."""

    BINDINGS = [Binding("escape", "dismiss", "Close library", show=False)]

    def __init__(self, *, id: str | None = "library", lazy: bool = False) -> None:
        super().__init__(id=id)
        self._source: Callable[[], list[CommandTemplate]] = list
        self._templates: list[CommandTemplate] | None = None
        self.language = "en"
        #: Hidden at start (a narrow terminal): the filter, tree and info are built when the
        #: panel is first shown, so the first frame does not style a tree nobody sees.
        self.built = not lazy
        self._selected: str | None = None
        self._described: LibraryNode | None = None

    def compose(self) -> ComposeResult:
        if self.built:
            yield from self._parts()

    def _parts(self) -> ComposeResult:
        yield Input(placeholder="filter commands…", id="template-filter", select_on_focus=False)
        tree: TemplateTree = TemplateTree("Templates", id="templates")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Static("", id="template-info")

    def set_templates(
        self, templates: list[CommandTemplate] | Callable[[], list[CommandTemplate]]
    ) -> None:
        """The commands to list; a callable is called once the panel is built (shown), so a
        hidden panel does not read every template."""
        self._source = templates if callable(templates) else lambda: list(templates)
        self._templates = None
        self.rebuild()

    @property
    def templates(self) -> list[CommandTemplate]:
        if self._templates is None:
            listed = self._source()
            self._templates = sorted(listed, key=lambda t: (t.package, t.command.lower()))
        return self._templates

    def set_language(self, language: str) -> None:
        self.language = language
        self.rebuild()
        if self._described is not None:
            self._show_info(self._described)

    async def ensure_built(self) -> None:
        """Build the filter, tree and info now (the panel is being shown)."""
        if self.built:
            return
        self.built = True
        await self.mount_all(list(self._parts()))
        self.rebuild()
        if self._selected:
            self.select_command(self._selected)

    def rebuild(self) -> None:
        from explorer.core.namespaces import SERVICES_BY_PACKAGE

        if not self.built:
            return
        query = self.query_one("#template-filter", Input).value.strip().lower()
        tree = self.query_one("#templates", TemplateTree)
        tree.clear()
        groups: dict[str, list[CommandTemplate]] = {}
        for template in self.templates:
            if query and not self._matches(template, query):
                continue
            groups.setdefault(template.package, []).append(template)
        for package, templates in groups.items():
            service = SERVICES_BY_PACKAGE.get(package)
            label = Text.assemble((service.name if service else package, "bold"),
                                  (f" {package}", "dim"))
            branch = tree.root.add(label, LibraryNode("service"), expand=bool(query))
            for template in templates:
                node = branch.add(Text(template.command), LibraryNode("command", template.command))
                for version in reversed(template.request_versions()):
                    node.add_leaf(self._version_label(template, str(version)),
                                  LibraryNode("version", template.command, str(version)))
        if query:
            tree.root.expand()
        if query and not groups:
            tree.root.add_leaf(Text(f"no command matches '{query}'", style="italic"),
                               LibraryNode("none"))

    def _matches(self, template: CommandTemplate, query: str) -> bool:
        description = template.description_ja if self.language == "ja" else template.description_en
        return (query in template.command.lower() or query in template.package.lower()
                or query in (description or "").lower())

    def _version_label(self, template: CommandTemplate, version: str) -> Text:
        from explorer.core.versions import Version

        v = Version.parse(version)
        label = Text(version, style="cyan")
        notes = [c for c in template.changes if v in c.landed_on]
        if notes:
            label.append("  " + _summary(notes[0], self.language)[:60], style="dim")
        else:
            label.append("  base", style="dim")
        return label

    def action_dismiss(self) -> None:
        self.post_message(LibraryDismissed())

    def focus_tree(self) -> None:
        """Focus the tree (the current command highlighted): typing goes to the filter."""
        if self.built:
            self.query_one("#templates", TemplateTree).focus()

    async def open_filter(self) -> None:
        """Focus the filter with its text selected, so typing replaces the old filter."""
        await self.ensure_built()
        box = self.query_one("#template-filter", Input)
        box.focus()
        box.select_all()

    def select_command(self, command: str) -> None:
        """Describe a command and highlight it in the tree (expanding its service) without
        posting; the description follows even when a filter hides the command."""
        self._selected = command
        if not self.built:
            return
        self._show_info(LibraryNode("command", command))
        tree = self.query_one("#templates", TemplateTree)
        for service in tree.root.children:
            for node in service.children:
                if node.data and node.data.command.lower() == command.lower():
                    service.expand()
                    self.call_after_refresh(tree.move_cursor, node)
                    return

    @on(Input.Changed, "#template-filter")
    def _filter_changed(self) -> None:
        self.rebuild()

    @on(Input.Submitted, "#template-filter")
    def _filter_submitted(self) -> None:
        tree = self.query_one("#templates", TemplateTree)
        tree.focus()
        for service in tree.root.children:
            for node in service.children:
                tree.move_cursor(node)
                return

    @on(Tree.NodeHighlighted, "#templates")
    def _highlighted(self, event: Tree.NodeHighlighted[LibraryNode]) -> None:
        if event.node.data:
            self._show_info(event.node.data)

    @on(Tree.NodeSelected, "#templates")
    def _selected(self, event: Tree.NodeSelected[LibraryNode]) -> None:
        data = event.node.data
        if data and data.kind in ("command", "version"):
            self.post_message(TemplateChosen(data.command, data.version))

    def _show_info(self, data: LibraryNode) -> None:
        self._described = data
        info = self.query_one("#template-info", Static)
        key = data.command.lower()
        template = next((t for t in self.templates if t.command.lower() == key), None)
        info.update(describe(template, data.version, self.language) if template else "")
