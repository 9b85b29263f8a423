"""Import discipline: the core, the sandbox and every non-TUI CLI verb run without Textual.

Each check runs in a fresh interpreter, so nothing this test process imported can hide or
fake an import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Runs in the child: import the given modules (or run CLI argv lists) one after the other and
# report the first step after which a forbidden module is loaded.
CHECKER = textwrap.dedent(
    """
    import contextlib, importlib, io, json, sys
    steps = json.loads(sys.argv[1])
    forbidden = tuple(json.loads(sys.argv[2]))

    def loaded():
        return sorted(
            n for n in sys.modules if any(n == f or n.startswith(f + ".") for f in forbidden)
        )

    for step in steps:
        if isinstance(step, str):
            importlib.import_module(step)
        else:
            from explorer.cli import main
            with contextlib.redirect_stdout(io.StringIO()), \\
                    contextlib.redirect_stderr(io.StringIO()):
                main(step)
        bad = loaded()
        if bad:
            print(json.dumps({"step": step, "loaded": bad[:5]}))
            raise SystemExit(0)
    print(json.dumps(None))
    """
)


def first_offender(steps: list, forbidden: tuple[str, ...] = ("textual",)) -> dict | None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-c", CHECKER, json.dumps(steps), json.dumps(list(forbidden))],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def package_modules(package: str) -> list[str]:
    """Every module of a package in the checkout, found on disk (new modules are covered)."""
    root = REPO / Path(*package.split("."))
    names = []
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if all((REPO / Path(*parts[:i]) / "__init__.py").exists() for i in range(1, len(parts))):
            names.append(".".join(parts))
    return names


def test_the_checker_notices_textual() -> None:
    # The check must be able to fail: importing Textual itself is reported.
    offender = first_offender(["explorer.core", "textual.app"])
    assert offender is not None
    assert offender["step"] == "textual.app"
    assert "textual" in offender["loaded"]


def test_core_modules_do_not_import_textual() -> None:
    modules = package_modules("explorer.core")
    assert "explorer.core.versions" in modules
    assert first_offender(modules) is None


def test_sandbox_modules_do_not_import_textual() -> None:
    modules = package_modules("explorer.sandbox")
    assert "explorer.sandbox" in modules
    assert first_offender(modules) is None


def test_cli_modules_do_not_import_textual_until_the_tui_runs() -> None:
    modules = package_modules("explorer.cli")
    assert "explorer.cli.tui_cmd" in modules
    assert first_offender(modules) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["templates", "--help"],
        ["templates", "list", "--help"],
        ["templates", "show", "--help"],
        ["templates", "diff", "--help"],
        ["lint", "--help"],
        ["inspect", "--help"],
        ["send", "--help"],
        ["profiles", "--help"],
        ["profiles", "add", "--help"],
        ["profiles", "list"],
        ["sandbox", "--help"],
        ["templates", "list", "--json"],
        ["templates", "show", "GetSessionInfo"],
        ["lint", str(REPO / "README.md")],
        ["inspect", str(REPO / "tests" / "cli" / "data" / "getmeeting_registration.xml")],
        ["no-such-verb"],
    ],
    ids=lambda argv: " ".join(a if "/" not in a else Path(a).name for a in argv),
)
def test_cli_verbs_do_not_import_textual(argv: list[str]) -> None:
    assert first_offender([argv]) is None


def test_version_loads_neither_the_core_nor_textual() -> None:
    # `webex-explorer --version` must be instant: no lxml, no httpx, no Textual.
    assert first_offender([["--version"]], ("textual", "lxml", "httpx", "explorer.core")) is None


def test_the_app_module_defers_heavy_imports() -> None:
    # The first frame needs none of these: the sandbox, the HTTP client, SQLite, the keyring
    # and lxml are imported when first used (a worker, a send, a secret, a document).
    heavy = ("explorer.sandbox", "httpx", "sqlite3", "keyring", "lxml")
    assert first_offender(["explorer.tui.app"], heavy) is None


def test_profiles_and_secrets_do_not_import_keyring_until_a_secret_is_needed() -> None:
    assert first_offender(["explorer.core.secrets", "explorer.core.profiles"], ("keyring",)) is None
    offender = first_offender(["explorer.core.secrets", "keyring"], ("keyring",))
    assert offender is not None and offender["step"] == "keyring"


def test_the_sandbox_verb_module_does_not_import_an_http_client() -> None:
    assert first_offender(["explorer.cli.sandbox_cmd"], ("urllib.request",)) is None


def test_the_explorers_side_of_its_sandbox_does_not_load_the_server() -> None:
    # The explorer spawns the sandbox as a child process and only waits for its line.
    steps = ["explorer.sandbox", "explorer.sandbox.embedded"]
    assert first_offender(steps, ("explorer.sandbox.server", "http.server", "sqlite3")) is None


def test_the_app_module_defers_what_its_first_frame_does_not_need() -> None:
    # The XML parser, the TOML reader, the sandbox's own modules and the response viewers are
    # imported when first used, not when the explorer opens.
    deferred = ("lxml", "tomllib", "sqlite3", "httpx", "explorer.sandbox.config",
                "explorer.sandbox.server", "explorer.core.lint", "explorer.core.response")
    assert first_offender(["explorer.tui.app"], deferred) is None


def test_the_launcher_starts_the_sandbox_before_textual_is_imported() -> None:
    # launch.prepare runs before the user interface is imported; it must not import it.
    steps = ["explorer.tui.launch"]
    assert first_offender(steps, ("textual", "rich", "explorer.sandbox.server")) is None
