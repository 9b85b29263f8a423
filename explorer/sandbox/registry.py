"""Command -> handler table; handler modules register themselves with ``@handler``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.namespaces import response_type as default_response_type

if TYPE_CHECKING:
    from explorer.sandbox.context import Ctx
    from explorer.sandbox.xmlreq import Element

HandlerFunc = Callable[["Ctx", "Element"], str]


@dataclass(frozen=True, slots=True)
class HandlerSpec:
    package: str
    command: str
    func: HandlerFunc
    anonymous: bool
    feature: str | None  # the command exists only from this feature's version on
    response_type: str
    admin_only: bool
    readonly: bool  # reads only: answered without a write transaction


HANDLERS: dict[str, HandlerSpec] = {}


def handler(
    package: str,
    command: str,
    *,
    anonymous: bool = False,
    feature: str | None = None,
    response_type: str | None = None,
    admin_only: bool = False,
    readonly: bool = False,
) -> Callable[[HandlerFunc], HandlerFunc]:
    def register(func: HandlerFunc) -> HandlerFunc:
        HANDLERS[f"{package}.{command}".lower()] = HandlerSpec(
            package, command, func, anonymous, feature,
            response_type or default_response_type(package, command), admin_only, readonly,
        )
        return func

    return register
