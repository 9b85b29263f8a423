"""The shipped templates' pre-read form (explorer.core.templates_preread): current for every
command, equal to reading the files, and never trusted once a source file changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core import templates_preread
from explorer.core.templates import TemplateLibrary, templates_root
from explorer.core.templates_files import (
    BODY_FILE,
    COMMAND_FILE,
    PREREAD_FILE,
    SHARED_CHANGES_FILE,
    command_folders,
)
from explorer.core.templates_load import load_command, load_shared_changes
from explorer.core.versions import LATEST

ROOT = templates_root()
REPO = Path(__file__).resolve().parents[2]


def _shared() -> bytes:
    return (ROOT / SHARED_CHANGES_FILE).read_bytes()


@pytest.mark.parametrize("folder", command_folders(ROOT), ids=lambda p: p.name)
def test_every_shipped_command_has_a_current_pre_read_form(folder: Path):
    pre_read = templates_preread.read(folder, _shared())
    assert pre_read is not None, (
        f"{folder.name}/{PREREAD_FILE} is missing or stale: "
        "run python -m explorer.core.templates_preread"
    )
    from_files = load_command(folder, load_shared_changes(ROOT))
    assert pre_read == from_files
    assert pre_read.body == from_files.body  # not part of the template's equality
    assert pre_read.body_at(LATEST) == from_files.body_at(LATEST)


def _copy_library(tmp_path: Path, command: str) -> Path:
    root = tmp_path / "templates"
    root.mkdir()
    shutil.copy(ROOT / SHARED_CHANGES_FILE, root / SHARED_CHANGES_FILE)
    shutil.copytree(ROOT / command, root / command)
    return root


def test_an_edited_body_is_read_from_its_file_not_the_stale_pre_read_form(tmp_path):
    root = _copy_library(tmp_path, "GetSessionInfo")
    body = root / "GetSessionInfo" / BODY_FILE
    body.write_text(body.read_text().replace("</template>", "<extraElement/></template>"))
    assert templates_preread.read(root / "GetSessionInfo", _shared()) is None
    template = TemplateLibrary.from_folder(root).get("GetSessionInfo")
    assert "<extraElement/>" in template.body_at(LATEST)


@pytest.mark.parametrize("source", [SHARED_CHANGES_FILE, COMMAND_FILE])
def test_an_edited_toml_file_makes_the_pre_read_form_stale(tmp_path, source):
    root = _copy_library(tmp_path, "GetSessionInfo")
    path = root / source if source == SHARED_CHANGES_FILE else root / "GetSessionInfo" / source
    path.write_bytes(path.read_bytes() + b"\n# edited\n")
    shared = (root / SHARED_CHANGES_FILE).read_bytes()
    assert templates_preread.read(root / "GetSessionInfo", shared) is None


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"format": 1}',
                                     b'{"format": 99, "source": "", "template": {}}'])
def test_a_broken_pre_read_file_is_ignored(tmp_path, content):
    root = _copy_library(tmp_path, "GetSessionInfo")
    (root / "GetSessionInfo" / PREREAD_FILE).write_bytes(content)
    template = TemplateLibrary.from_folder(root).get("GetSessionInfo")
    assert template == load_command(ROOT / "GetSessionInfo", load_shared_changes(ROOT))


def test_a_current_file_with_a_broken_template_is_ignored(tmp_path):
    root = _copy_library(tmp_path, "GetSessionInfo")
    path = root / "GetSessionInfo" / PREREAD_FILE
    path.write_text(path.read_text(encoding="utf-8").replace('"command"', '"kommand"', 1),
                    encoding="utf-8")
    assert templates_preread.read(root / "GetSessionInfo", _shared()) is None
    assert TemplateLibrary.from_folder(root).get("GetSessionInfo").command == "GetSessionInfo"


def test_the_writer_regenerates_what_the_reader_accepts(tmp_path):
    root = _copy_library(tmp_path, "CreateMeeting")
    (root / "CreateMeeting" / PREREAD_FILE).unlink()
    assert templates_preread.main([str(root)]) == 0
    assert templates_preread.read(root / "CreateMeeting", _shared()) is not None


def test_the_writer_reports_a_bad_folder_in_one_line(tmp_path, capsys):
    assert templates_preread.main([str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_opening_a_shipped_command_needs_neither_the_xml_parser_nor_a_toml_reader():
    script = (
        "import sys\n"
        "from explorer.core.templates import default_library\n"
        "from explorer.core.versions import LATEST\n"
        "default_library().get('GetSessionInfo').body_at(LATEST)\n"
        "print(sorted(m for m in ('lxml', 'tomllib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
    assert out.stdout.strip() == "[]"
