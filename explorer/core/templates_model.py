"""The template library's data types: a command, its documented changes and its choices."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from explorer.core.errors import TemplateError
from explorer.core.templates_body import BodyNode, RenderRules, available, render
from explorer.core.versions import BASELINE, RELEASES, Version, has_change

CHANGE_KINDS = ("request-element", "response-element", "behaviour", "exception", "new-command")


class Change(NamedTuple):
    """One documented 40.x change as it affects one command."""

    id: str
    landed_on: tuple[Version, ...]
    kind: str
    elements: tuple[str, ...]  # request elements it adds (kind "request-element")
    summary_en: str
    summary_ja: str
    ref: str  # "ja:L135-252"
    exception_id: str | None = None
    response_elements: tuple[str, ...] = ()  # response elements it adds, any kind
    http_status: int | None = None  # e.g. 403 for the usage limit
    all_commands: bool = False  # a change the notes give for every API (000053)

    def present_in(self, v: Version) -> bool:
        return has_change(self.landed_on, v)

    @property
    def first_landed(self) -> Version:
        return min(self.landed_on)

    @property
    def landed_text(self) -> str:
        """``40.6.1 + 40.4.9`` (newest first, as the notes title it)."""
        return " + ".join(str(v) for v in sorted(self.landed_on, reverse=True))

    @property
    def changes_request(self) -> bool:
        return self.kind in ("request-element", "new-command")


class Choice(NamedTuple):
    """Alternative request elements (exclusive: send only one of them)."""

    elements: tuple[str, ...]
    exclusive: bool
    note_en: str
    note_ja: str = ""


@dataclass(frozen=True)
class CommandTemplate:
    command: str
    package: str
    service_name: str
    xsi_type: str
    response_type: str
    description_en: str
    description_ja: str
    anonymous_allowed: bool
    since: Version | None  # None = exists before 40.x
    changes: tuple[Change, ...]
    choices: tuple[Choice, ...]
    body: tuple[BodyNode, ...] = field(default=(), repr=False, compare=False)
    #: The change after which anonymous calls are refused (LstsummarySession, 40.2.0).
    anonymous_revoked_by: str | None = None

    # -- versions ---------------------------------------------------------------------------
    def available_at(self, v: Version) -> bool:
        return self.since is None or self.since <= v

    def _require_available(self, v: Version) -> None:
        if not self.available_at(v):
            raise TemplateError(
                f"{self.command} does not exist at {v}: it was added in {self.since}"
            )

    def change(self, change_id: str) -> Change | None:
        return next((c for c in self.changes if c.id == change_id), None)

    def changes_at(self, v: Version) -> list[Change]:
        """Every change present at ``v``, oldest first (empty before the command exists)."""
        if not self.available_at(v):
            return []
        return sorted(
            (c for c in self.changes if c.present_in(v)), key=lambda c: (c.first_landed, c.id)
        )

    def changes_between(self, v1: Version, v2: Version) -> list[Change]:
        """Changes present at exactly one of ``v1`` and ``v2``."""
        at1, at2 = set(self.changes_at(v1)), set(self.changes_at(v2))
        return sorted(at1 ^ at2, key=lambda c: (c.first_landed, c.id))

    def request_versions(self) -> list[Version]:
        """The first version (BASELINE or ``since``) plus every version the request changed in."""
        start = self.since or BASELINE
        found = {start}
        for change in self.changes:
            if change.kind == "request-element":
                found.update(v for v in change.landed_on if v >= start)
        return sorted(found)

    def versions(self) -> list[Version]:
        """Every version where anything about this command changed (request or not)."""
        start = self.since or BASELINE
        found = {start}
        for change in self.changes:
            found.update(v for v in change.landed_on if v >= start)
        return sorted(found)

    def anonymous_allowed_at(self, v: Version) -> bool:
        if not self.anonymous_allowed:
            return False
        revoking = self.change(self.anonymous_revoked_by) if self.anonymous_revoked_by else None
        return revoking is None or not revoking.present_in(v)

    # -- the request body -------------------------------------------------------------------
    def _present(self, v: Version):  # type: ignore[no-untyped-def]
        present = {c.id for c in self.changes if c.present_in(v)}
        return present.__contains__

    def _exclusive(self) -> dict[str, tuple[str, ...]]:
        groups: dict[str, tuple[str, ...]] = {}
        for choice in self.choices:
            if choice.exclusive:
                for name in choice.elements:
                    groups[name] = tuple(e for e in choice.elements if e != name)
        return groups

    def body_at(self, v: Version, use: Iterable[str] = (), *, hints: bool = True) -> str:
        """Inner XML of bodyContent at ``v``: top level unindented, 4 spaces per level.

        ``use`` names alternatives (e.g. ``meetingUUID`` instead of ``sessionKey``) or optional
        elements (e.g. ``accessToken``) to render instead of the defaults. With ``hints`` a
        comment after a chosen alternative names the others.
        """
        self._require_available(v)
        wanted = set(use)
        if wanted:
            missing = wanted - self.request_elements_at(v)
            for name in sorted(missing):
                later = self.unavailable_elements_at(v).get(name)
                if later is not None:
                    raise TemplateError(
                        f"{self.command} has no <{name}> at {v}: it arrives with "
                        f"{later.landed_text} ({later.id})"
                    )
                raise TemplateError(f"{self.command} has no request element <{name}>")
            exclusive = self._exclusive()
            for name in sorted(wanted):
                rivals = sorted(wanted.intersection(exclusive.get(name, ())))
                if rivals:
                    raise TemplateError(
                        f"{self.command}: <{name}> and <{rivals[0]}> are alternatives; "
                        "use one of them"
                    )
        rules = RenderRules(self._present(v), self._exclusive(), wanted, hints)
        return render(self.body, rules)

    def _available_nodes(self, v: Version) -> list[BodyNode]:
        present = self._present(v)
        found: list[BodyNode] = []
        stack = list(self.body)
        while stack:
            node = stack.pop()
            if available(node, present):
                found.append(node)
                stack.extend(node.children)
        return found

    def request_elements_at(self, v: Version) -> frozenset[str]:
        """Names of the request elements this template knows at ``v`` (alternatives included).

        The template is not the whole schema: an element missing here is not proof of an error.
        """
        if not self.available_at(v):
            return frozenset()
        return frozenset(node.name for node in self._available_nodes(v))

    def unavailable_elements_at(self, v: Version) -> dict[str, Change]:
        """Element -> the change that adds it, for elements that only exist after ``v``."""
        known = self.request_elements_at(v)
        result: dict[str, Change] = {}
        for change in self.changes:
            if change.kind != "request-element" or change.present_in(v):
                continue
            for name in change.elements:
                if name not in known and name not in result:
                    result[name] = change
        return result

    def choices_at(self, v: Version) -> list[Choice]:
        """Choices restricted to the elements that exist at ``v`` (those with 2+ members)."""
        known = self.request_elements_at(v)
        result = []
        for choice in self.choices:
            members = tuple(e for e in choice.elements if e in known)
            if len(members) >= 2:
                result.append(Choice(members, choice.exclusive, choice.note_en, choice.note_ja))
        return result


def all_releases() -> list[Version]:
    """BASELINE and every 40.x release, oldest first."""
    return [BASELINE, *sorted(RELEASES)]
