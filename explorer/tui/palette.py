"""The command palette's provider: the explorer's commands in the order the app lists them
(Textual's default sorts discovery by name, which put API versions oldest first)."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider


class ExplorerCommandsProvider(SystemCommandsProvider):
    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)
