"""Read the ``templates/`` data folder into ``CommandTemplate`` objects, checking it as we go.

Layout (see ``templates/README.md``): ``changes.toml`` holds the documented changes shared by
several commands; each command has a folder with ``command.toml`` and ``request.xml``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from explorer.core.commands import PACKAGE_OF
from explorer.core.errors import TemplateError, VersionError
from explorer.core.namespaces import SERVICES_BY_PACKAGE, java_type, response_type
from explorer.core.templates_body import BodyNode, parse_body
from explorer.core.templates_files import (
    BODY_FILE,
    COMMAND_FILE,
    SHARED_CHANGES_FILE,
    command_folders,
)
from explorer.core.templates_model import CHANGE_KINDS, Change, Choice, CommandTemplate
from explorer.core.versions import Version

_CHANGE_KEYS = {
    "id",
    "landed_on",
    "kind",
    "elements",
    "response_elements",
    "summary_en",
    "summary_ja",
    "ref",
    "exception_id",
    "http_status",
    "all_commands",
    "commands",
}
_COMMAND_KEYS = {
    "package",
    "response_type",
    "description_en",
    "description_ja",
    "anonymous_allowed",
    "since",
    "anonymous_revoked_by",
    "choices",
    "changes",
}
_CHOICE_KEYS = {"elements", "exclusive", "note_en", "note_ja"}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise TemplateError(f"template data missing: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: not valid TOML: {exc}") from None


def _check_keys(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise TemplateError(f"{where}: unknown key(s) {', '.join(unknown)}")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TemplateError(f"{where}: expected a list of strings")
    return tuple(value)


def _version(text: Any, where: str) -> Version:
    try:
        return Version.parse(str(text))
    except VersionError as exc:
        raise TemplateError(f"{where}: {exc}") from None


def load_shared_changes(root: Path) -> dict[str, dict[str, Any]]:
    data = _read_toml(root / SHARED_CHANGES_FILE)
    shared = data.get("changes", {})
    if not isinstance(shared, dict):
        raise TemplateError(f"{root / SHARED_CHANGES_FILE}: expected [changes.<id>] tables")
    for change_id, fields in shared.items():
        _check_keys(fields, _CHANGE_KEYS, f"{SHARED_CHANGES_FILE} [changes.{change_id}]")
    return shared


def _build_change(fields: dict[str, Any], where: str) -> Change:
    for required in ("id", "landed_on", "kind", "summary_en", "summary_ja", "ref"):
        if not fields.get(required):
            raise TemplateError(f"{where}: change is missing {required!r}")
    kind = fields["kind"]
    if kind not in CHANGE_KINDS:
        raise TemplateError(
            f"{where}: change kind {kind!r} is not one of {', '.join(CHANGE_KINDS)}"
        )
    landed = tuple(_version(v, where) for v in fields["landed_on"])
    status = fields.get("http_status")
    return Change(
        id=fields["id"],
        landed_on=landed,
        kind=kind,
        elements=_strings(fields.get("elements", []), f"{where} elements"),
        summary_en=fields["summary_en"].strip(),
        summary_ja=fields["summary_ja"].strip(),
        ref=fields["ref"],
        exception_id=fields.get("exception_id"),
        response_elements=_strings(fields.get("response_elements", []), f"{where} elements"),
        http_status=int(status) if status is not None else None,
        all_commands=bool(fields.get("all_commands", False)),
    )


def _command_changes(
    name: str, entries: list[dict[str, Any]], shared: dict[str, dict[str, Any]]
) -> list[Change]:
    changes: list[Change] = []
    for entry in entries:
        where = f"{name}/{COMMAND_FILE} change {entry.get('id', '?')!r}"
        _check_keys(entry, _CHANGE_KEYS, where)
        base = dict(shared.get(entry.get("id", ""), {}))
        base.pop("commands", None)
        merged = {**base, **entry, "id": entry.get("id")}
        changes.append(_build_change(merged, where))
    for change_id, fields in shared.items():
        if fields.get("all_commands"):
            changes.append(
                _build_change({**fields, "id": change_id}, f"{SHARED_CHANGES_FILE} {change_id}")
            )
    ids = [c.id for c in changes]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TemplateError(f"{name}: change id(s) listed twice: {', '.join(duplicates)}")
    return changes


def _validate_body(name: str, body: tuple[BodyNode, ...], template: CommandTemplate) -> None:
    nodes = [n for top in body for n in top.walk()]
    by_id = {c.id: c for c in template.changes}
    for node in nodes:
        if node.change is None:
            continue
        change = by_id.get(node.change)
        if change is None or change.kind != "request-element":
            raise TemplateError(
                f"{name}/{BODY_FILE}: <{node.name}> names {node.change!r}, which is not a "
                "request-element change of this command"
            )
    for change in template.changes:
        if change.kind != "request-element":
            continue
        marked = {n.name for n in nodes if n.change == change.id}
        missing = sorted(set(change.elements) - marked)
        if missing or not change.elements:
            raise TemplateError(
                f"{name}/{BODY_FILE}: change {change.id!r} must mark its element(s) "
                f"{', '.join(missing or ['(none listed)'])}"
            )
    names = {n.name for n in nodes}
    for choice in template.choices:
        absent = sorted(set(choice.elements) - names)
        if absent:
            raise TemplateError(
                f"{name}/{COMMAND_FILE}: choice names element(s) not in the body: "
                f"{', '.join(absent)}"
            )


def load_command(folder: Path, shared: dict[str, dict[str, Any]]) -> CommandTemplate:
    name = folder.name
    data = _read_toml(folder / COMMAND_FILE)
    _check_keys(data, _COMMAND_KEYS, f"{name}/{COMMAND_FILE}")
    package = data.get("package", "")
    if PACKAGE_OF.get(name) != package:
        raise TemplateError(
            f"{name}/{COMMAND_FILE}: package {package!r} does not match the command catalog "
            f"({PACKAGE_OF.get(name)!r})"
        )
    for required in ("description_en", "description_ja"):
        if not str(data.get(required, "")).strip():
            raise TemplateError(f"{name}/{COMMAND_FILE}: {required} is missing")
    choices = []
    for entry in data.get("choices", []):
        _check_keys(entry, _CHOICE_KEYS, f"{name}/{COMMAND_FILE} choice")
        choices.append(
            Choice(
                elements=_strings(entry.get("elements"), f"{name} choice elements"),
                exclusive=bool(entry.get("exclusive", True)),
                note_en=str(entry.get("note_en", "")).strip(),
                note_ja=str(entry.get("note_ja", "")).strip(),
            )
        )
    try:
        body_bytes = (folder / BODY_FILE).read_bytes()
    except OSError as exc:
        raise TemplateError(f"{name}/{BODY_FILE}: cannot read: {exc.strerror}") from None
    body = parse_body(body_bytes, f"{name}/{BODY_FILE}")
    since = data.get("since")
    template = CommandTemplate(
        command=name,
        package=package,
        service_name=SERVICES_BY_PACKAGE[package].name,
        xsi_type=java_type(package, name),
        response_type=data.get("response_type") or response_type(package, name),
        description_en=" ".join(data["description_en"].split()),
        description_ja=" ".join(data["description_ja"].split()),
        anonymous_allowed=bool(data.get("anonymous_allowed", False)),
        since=_version(since, f"{name} since") if since else None,
        changes=tuple(_command_changes(name, data.get("changes", []), shared)),
        choices=tuple(choices),
        body=body,
        anonymous_revoked_by=data.get("anonymous_revoked_by"),
    )
    if template.anonymous_revoked_by and not template.change(template.anonymous_revoked_by):
        raise TemplateError(f"{name}: anonymous_revoked_by names an unknown change")
    _validate_body(name, body, template)
    return template


def load_templates(root: Path) -> list[CommandTemplate]:
    """Every command under ``root``, each checked (the library reads them on first use)."""
    folders = command_folders(root)
    shared = load_shared_changes(root)
    return [load_command(folder, shared) for folder in folders]
