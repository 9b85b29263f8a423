"""Request elements an API version does not have yet (``meetingUUID`` before 40.6.0...): the
template library knows when each one arrived, so the sandbox refuses them as that version."""

from __future__ import annotations

from functools import lru_cache

from explorer.core.versions import Version
from explorer.sandbox.xmlreq import Element


@lru_cache(maxsize=1024)
def gated_elements(command: str, version: Version) -> dict[str, str]:
    """Element name -> the releases that bring it, for ``command``'s request at ``version``."""
    from explorer.core.templates import default_library

    template = default_library().find(command)
    if template is None or not template.available_at(version):
        return {}
    return {name: change.landed_text
            for name, change in template.unavailable_elements_at(version).items()}


def too_new(body: Element, command: str, version: Version) -> tuple[str, str] | None:
    """The first element of ``body`` that ``version`` does not have, with where it lands."""
    gated = gated_elements(command, version)
    if not gated:
        return None
    for node in body.iter():
        if isinstance(node.tag, str):
            name = node.tag.rpartition("}")[2]
            if name in gated:
                return name, gated[name]
    return None
