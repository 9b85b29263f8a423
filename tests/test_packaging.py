"""The installed layout: templates and stylesheets ship inside the package.

A wheel is built from a clean copy of the project files. Where this environment cannot build
a wheel offline (no ``wheel`` package and a setuptools older than 70.1), setuptools'
``build_py`` lays out the same files instead: it is the step that selects the package files
for a wheel, from the same pyproject configuration. Either way the result is then used from
a directory outside the checkout, as an installed package would be.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "explorer", "templates")


@dataclass
class Built:
    site: Path  # the installed layout: a directory that holds explorer/
    files: set[str]  # every file of the layout, relative, with "/" separators
    wheel: Path | None  # the wheel, when one could be built
    how: str


def _setuptools_has_bdist_wheel() -> bool:
    if importlib.util.find_spec("wheel") is not None:
        return True
    try:
        import setuptools
    except ImportError:
        return False
    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1)


def _copy_project(dest: Path) -> None:
    dest.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, dest / name)


def _run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=300,
        stdin=subprocess.DEVNULL, **kwargs,
    )
    assert proc.returncode == 0, f"{' '.join(args)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def _wheel(src: Path, out: Path, isolated: bool) -> Built:
    args = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    if not isolated:
        args.append("--no-build-isolation")
    _run([*args, str(src)], cwd=out.parent)
    (wheel,) = out.glob("webex_xml_explorer-*.whl")
    site = out.parent / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
        files = {n for n in archive.namelist() if not n.endswith("/")}
    return Built(site, files, wheel, "wheel" if not isolated else "wheel (isolated build)")


def _build_py(src: Path, out: Path) -> Built:
    site = out.parent / "site"
    script = (
        "import sys; from setuptools import setup; "
        f"sys.argv = ['setup.py', '-q', 'build_py', '--build-lib', {str(site)!r}]; setup()"
    )
    _run([sys.executable, "-c", script], cwd=src)
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return Built(site, files, None, "setuptools build_py")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("packaging")
    src = root / "src"
    _copy_project(src)
    out = root / "dist"
    out.mkdir()
    if _setuptools_has_bdist_wheel():
        return _wheel(src, out, isolated=False)
    if importlib.util.find_spec("setuptools") is not None:
        return _build_py(src, out)
    return _wheel(src, out, isolated=True)  # needs the package index, as `pip install .` does


def _checkout_files(folder: str, pattern: str = "*") -> set[str]:
    base = REPO / folder
    return {
        p.relative_to(base).as_posix()
        for p in base.rglob(pattern)
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    }


def test_template_data_is_inside_the_package(built: Built) -> None:
    data = _checkout_files("templates")
    commands = {name.split("/")[0] for name in data if "/" in name}
    assert "GetSessionInfo" in commands, f"no template folders found ({built.how})"
    missing = sorted(f"explorer/templates/{name}" for name in data)
    missing = [name for name in missing if name not in built.files]
    assert not missing, f"template files missing from the {built.how} layout: {missing[:10]}"


def test_stylesheets_are_inside_the_package(built: Built) -> None:
    sheets = _checkout_files("explorer/tui", "*.tcss")
    missing = sorted(f"explorer/tui/{n}" for n in sheets if f"explorer/tui/{n}" not in built.files)
    assert not missing, f"stylesheets missing from the {built.how} layout: {missing}"


def test_every_module_is_inside_the_package(built: Built) -> None:
    modules = {f"explorer/{n}" for n in _checkout_files("explorer", "*.py")}
    assert "explorer/cli/__init__.py" in modules
    missing = sorted(modules - built.files)
    assert not missing, (
        f"modules missing from the {built.how} layout (add their packages to pyproject "
        f"[tool.setuptools] packages): {missing[:10]}"
    )


def test_wheel_declares_the_console_script(built: Built) -> None:
    if built.wheel is None:
        pytest.skip("no wheel could be built offline here (needs the 'wheel' package)")
    with zipfile.ZipFile(built.wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "webex-explorer = explorer.cli:main" in text


def _installed_env(built: Built) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(built.site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def test_installed_layout_finds_its_templates_outside_the_checkout(
    built: Built, tmp_path: Path
) -> None:
    script = (
        "import json, explorer\n"
        "from explorer.core.templates import default_library\n"
        "library = default_library()\n"
        "print(json.dumps({'explorer': explorer.__file__,\n"
        "                  'commands': [t.command for t in library.commands()]}))\n"
    )
    proc = _run([sys.executable, "-c", script], cwd=tmp_path, env=_installed_env(built))
    found = json.loads(proc.stdout)
    assert Path(found["explorer"]).resolve().is_relative_to(built.site.resolve())
    assert not (built.site / "templates").exists()  # no checkout-style fallback to lean on
    assert "GetSessionInfo" in found["commands"]
    assert len(found["commands"]) >= len(_checkout_command_dirs())


def _checkout_command_dirs() -> list[str]:
    return [p.name for p in (REPO / "templates").iterdir() if p.is_dir()]


def test_installed_cli_shows_a_template(built: Built, tmp_path: Path) -> None:
    env = _installed_env(built)
    env.update(
        WEBEX_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
        WEBEX_EXPLORER_DATA_DIR=str(tmp_path / "data"),
    )
    proc = _run(
        [sys.executable, "-m", "explorer", "templates", "show", "GetSessionInfo"],
        cwd=tmp_path, env=env,
    )
    assert "java:com.webex.service.binding.ep.GetSessionInfo" in proc.stdout
