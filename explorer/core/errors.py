"""The project's declared error types.

Every error a user can cause carries a one-line message meant to be shown as is: the CLI
prints ``error: <message>`` and exits non-zero, the TUI shows it as a notification.
"""

from __future__ import annotations

from explorer.core.textsafe import visible


class ExplorerError(Exception):
    """Base of every error the explorer raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = visible(" ".join(message.split()))  # always one line, no controls

    def __str__(self) -> str:
        return self.message


class XMLInputError(ExplorerError):
    """A document could not be parsed safely (syntax, size, depth, DTD, charset)."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


class VersionError(ExplorerError):
    """An API version string that is not of the form 40.6.1."""


class TemplateError(ExplorerError):
    """Unknown command, missing or malformed template data."""


class VariableError(ExplorerError):
    """A ``{{variable}}`` that cannot be resolved before sending."""

    def __init__(self, message: str, names: tuple[str, ...] = ()):
        super().__init__(message)
        self.names = names


class EnvelopeError(ExplorerError):
    """Input that is not a usable request envelope."""


class ResponseError(ExplorerError):
    """A response that is not a Webex XML API answer (HTML page, empty body, ...)."""


class ProfileError(ExplorerError):
    """Unknown profile, bad profile settings, unreadable profiles file."""


class SecretError(ExplorerError):
    """A secret that cannot be stored or read (no keyring backend, no variable set)."""


class TransportError(ExplorerError):
    """The request did not get an HTTP answer we can use (refused, timeout, TLS, 403, 5xx)."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


class HistoryError(ExplorerError):
    """The history database cannot be opened or written."""
