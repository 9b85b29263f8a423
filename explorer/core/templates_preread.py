"""The shipped templates in a pre-read form: each command's template as JSON beside its files.

Reading a command from ``command.toml`` and the annotated ``request.xml`` needs a TOML reader
and the XML parser: milliseconds of the explorer's start-up, which opens one command before
anything else needs either. ``preread.json`` in a command's folder holds the same template
already read and checked, with a checksum of the three files it was read from
(``changes.toml``, ``command.toml``, ``request.xml``). A missing, unreadable or stale one is
ignored and the command is read from its files as usual, so an edited template is never
shadowed. Regenerate them with ``python -m explorer.core.templates_preread [FOLDER]``; a test
fails when one is stale.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

from explorer.core.templates_body import BodyNode
from explorer.core.templates_files import (
    BODY_FILE,
    COMMAND_FILE,
    PREREAD_FILE,
    SHARED_CHANGES_FILE,
    command_folders,
)
from explorer.core.templates_model import Change, Choice, CommandTemplate
from explorer.core.versions import Version

FORMAT = 1


def source_key(shared: bytes, command: bytes, body: bytes) -> str:
    """Length and CRC-32 of each source file: tells an edited one (this is no security
    boundary: whoever can edit the JSON can edit the files it stands for)."""
    return " ".join(f"{len(data)}:{zlib.crc32(data):08x}" for data in (shared, command, body))


def read(folder: Path, shared: bytes) -> CommandTemplate | None:
    """The pre-read template of ``folder`` if it is there and current, else None.
    ``shared``: the bytes of the library's ``changes.toml``."""
    try:
        data = json.loads((folder / PREREAD_FILE).read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        key = source_key(shared, (folder / COMMAND_FILE).read_bytes(),
                         (folder / BODY_FILE).read_bytes())
        if data.get("source") != key:
            return None
        return _template(data["template"])
    except Exception:  # any doubt: read the files themselves
        return None


def write(folder: Path, shared: bytes, template: CommandTemplate) -> Path:
    """Write ``folder``'s pre-read form of ``template`` (read from that folder's files)."""
    data = {
        "format": FORMAT,
        "source": source_key(shared, (folder / COMMAND_FILE).read_bytes(),
                             (folder / BODY_FILE).read_bytes()),
        "template": _template_data(template),
    }
    path = folder / PREREAD_FILE
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def write_all(root: Path) -> list[Path]:
    """Read every command of ``root`` from its files and write its pre-read form."""
    from explorer.core.templates_load import load_command, load_shared_changes

    shared = (root / SHARED_CHANGES_FILE).read_bytes()
    changes = load_shared_changes(root)
    return [write(folder, shared, load_command(folder, changes))
            for folder in command_folders(root)]


# ----------------------------------------------------------------------------- JSON shapes

def _template_data(t: CommandTemplate) -> dict[str, Any]:
    return {
        "command": t.command,
        "package": t.package,
        "service_name": t.service_name,
        "xsi_type": t.xsi_type,
        "response_type": t.response_type,
        "description_en": t.description_en,
        "description_ja": t.description_ja,
        "anonymous_allowed": t.anonymous_allowed,
        "since": str(t.since) if t.since else None,
        "changes": [_change_data(c) for c in t.changes],
        "choices": [[list(c.elements), c.exclusive, c.note_en, c.note_ja] for c in t.choices],
        "body": [_node_data(n) for n in t.body],
        "anonymous_revoked_by": t.anonymous_revoked_by,
    }


def _template(data: dict[str, Any]) -> CommandTemplate:
    since = data["since"]
    return CommandTemplate(
        command=data["command"],
        package=data["package"],
        service_name=data["service_name"],
        xsi_type=data["xsi_type"],
        response_type=data["response_type"],
        description_en=data["description_en"],
        description_ja=data["description_ja"],
        anonymous_allowed=data["anonymous_allowed"],
        since=Version.parse(since) if since else None,
        changes=tuple(_change(c) for c in data["changes"]),
        choices=tuple(Choice(tuple(e), x, en, ja) for e, x, en, ja in data["choices"]),
        body=tuple(_node(n) for n in data["body"]),
        anonymous_revoked_by=data["anonymous_revoked_by"],
    )


def _change_data(c: Change) -> dict[str, Any]:
    return {
        "id": c.id,
        "landed_on": [str(v) for v in c.landed_on],
        "kind": c.kind,
        "elements": list(c.elements),
        "summary_en": c.summary_en,
        "summary_ja": c.summary_ja,
        "ref": c.ref,
        "exception_id": c.exception_id,
        "response_elements": list(c.response_elements),
        "http_status": c.http_status,
        "all_commands": c.all_commands,
    }


def _change(data: dict[str, Any]) -> Change:
    return Change(**{
        **data,
        "landed_on": tuple(Version.parse(v) for v in data["landed_on"]),
        "elements": tuple(data["elements"]),
        "response_elements": tuple(data["response_elements"]),
    })


def _node_data(n: BodyNode) -> list[Any]:
    return [n.name, n.text, [list(a) for a in n.attributes], n.change, n.optional,
            [_node_data(c) for c in n.children]]


def _node(data: list[Any]) -> BodyNode:
    name, text, attributes, change, optional, children = data
    return BodyNode(name, text, tuple((k, v) for k, v in attributes), change, optional,
                    tuple(_node(c) for c in children))


def main(argv: list[str]) -> int:
    from explorer.core.errors import ExplorerError
    from explorer.core.templates import templates_root

    root = Path(argv[0]) if argv else templates_root()
    try:
        written = write_all(root)
    except (ExplorerError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} pre-read templates under {root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
