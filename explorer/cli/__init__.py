"""The ``webex-explorer`` command line.

Without a verb (or with ``tui``) it opens the Textual explorer; every other verb is a
scripting tool that never imports Textual. Verb modules import only the standard library at
module level and load the core inside their handlers, so ``--version`` stays instant.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence

from explorer import __version__

PROG = "webex-explorer"


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``error: <message> (see '<prog> --help')``."""

    def error(self, message: str):  # type: ignore[override]
        message = _suggest_verb(message)
        self.exit(2, f"error: {' '.join(message.split())} (see '{self.prog} --help')\n")


def _suggest_verb(message: str) -> str:
    # "argument verb: invalid choice: 'tempaltes' (choose from ...)" -> add a did-you-mean
    marker = "invalid choice: '"
    if marker not in message or "(choose from" not in message:
        return message
    wrong = message.split(marker, 1)[1].split("'", 1)[0]
    choices = [c.strip(" '\"") for c in message.split("(choose from", 1)[1].rstrip(")").split(",")]
    close = difflib.get_close_matches(wrong, choices, n=1)
    return f"{message}; did you mean '{close[0]}'?" if close else message


def build_parser() -> Parser:
    from explorer.cli import (
        inspect_cmd,
        lint_cmd,
        profiles_cmd,
        send_cmd,
        templates_cmd,
    )

    parser = Parser(
        prog=PROG,
        description="Explore the Cisco Webex Meetings XML API: templates for every command "
        "and version, lint, send, inspect responses, and a local sandbox server. Without a "
        "verb, opens the terminal explorer.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(handler=_run_tui, profile=None)
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)

    tui = verbs.add_parser("tui", help="open the terminal explorer (the default)")
    tui.add_argument("--profile", metavar="NAME", help="site profile to open on")
    tui.set_defaults(handler=_run_tui)

    templates_cmd.register(verbs)
    lint_cmd.register(verbs)
    inspect_cmd.register(verbs)
    send_cmd.register(verbs)
    profiles_cmd.register(verbs)
    _register_sandbox(verbs)
    return parser


def _register_sandbox(verbs: argparse._SubParsersAction) -> None:
    try:
        from explorer.cli import sandbox_cmd
    except ImportError:
        sandbox = verbs.add_parser("sandbox", help="run the local sandbox server")
        sandbox.set_defaults(handler=_sandbox_missing)
        return
    sandbox_cmd.register(verbs)


def _sandbox_missing(args: argparse.Namespace) -> int:
    from explorer.cli.common import CLIError

    raise CLIError("the sandbox is not available in this installation")


def _run_tui(args: argparse.Namespace) -> int:
    from explorer.cli.common import CLIError, stdin_is_tty

    if not (stdin_is_tty() and _stdout_is_tty()):
        raise CLIError(
            "the explorer needs a terminal (standard input and output); scripts use a verb: "
            f"see '{PROG} --help'"
        )
    from explorer.cli.tui_cmd import run_tui

    return run_tui(args)


def _stdout_is_tty() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (ValueError, OSError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # the fast path: no verb modules, no core
        print(f"{PROG} {__version__}")
        return 0
    _tolerate_unencodable_output()
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:  # --help, --version, usage errors
            return _exit_code(exc)
        handler: Callable[[argparse.Namespace], int] = args.handler
        return _run(handler, args)
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError

    try:
        code = handler(args)
        sys.stdout.flush()
        return int(code or 0)
    except ExplorerError as exc:
        sys.stdout.flush()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # main's: a reader that went away is not an error
    except OSError as exc:  # e.g. stdout on a full disk, a folder that cannot be made
        _silence_stdout()
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    return code if isinstance(code, int) else 2


def _tolerate_unencodable_output() -> None:
    # Japanese descriptions must not crash a terminal with a non-UTF-8 locale.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _silence_stdout() -> None:
    # Python's documented recipe: further writes (at interpreter exit) go nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = ["build_parser", "main"]
