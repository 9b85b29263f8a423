"""The README's promises: two set-up commands, CLI examples that parse, real screenshots."""

from __future__ import annotations

import re
import shlex

import pytest

from explorer.cli import build_parser
from tests.cli.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)


def test_set_up_has_exactly_the_two_commands() -> None:
    blocks = _code_blocks(_section("Set up"))
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) == 2, commands
    run, test = commands
    assert run.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install . " in run and run.endswith(".venv/bin/webex-explorer")
    assert ".venv/bin/pip install '.[test]'" in test and test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "pip install" in ci and "[test]" in ci
    assert re.search(r"^pytest\b", ci, re.M)


def _examples() -> list[list[str]]:
    (block,) = _code_blocks(_section("Command line"))
    joined = re.sub(r"\\\n\s*", " ", block)
    examples = []
    for line in joined.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if "webex-explorer" not in line:
            continue
        command = line[line.index("webex-explorer"):]
        words = shlex.split(command)
        for stop in ("|", ">", "&"):
            if stop in words:
                words = words[: words.index(stop)]
        examples.append(words[1:])
    return examples


EXAMPLES = _examples()


def test_the_examples_cover_every_verb() -> None:
    verbs = {words[0] for words in EXAMPLES if words and not words[0].startswith("-")}
    assert {"templates", "lint", "inspect", "profiles", "send", "sandbox"} <= verbs


@pytest.mark.parametrize("argv", EXAMPLES, ids=lambda argv: " ".join(argv[:3]) or "(no verb)")
def test_every_example_parses(argv: list[str]) -> None:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # only --version may exit, and with 0
        assert argv == ["--version"] and exc.code == 0
        return
    assert callable(args.handler)



def test_every_screenshot_is_shown_and_exists() -> None:
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", _section("Screenshots"))
    assert shown, "the Screenshots section shows no image"
    for target in shown:
        assert (REPO / target).is_file(), f"README shows {target}, which does not exist"
    on_disk = {f"screenshots/{p.name}" for p in (REPO / "screenshots").glob("*.svg")}
    assert on_disk <= set(shown), f"screenshots not in the README: {sorted(on_disk - set(shown))}"
