"""What a benchmark reports: figures made of checks against budgets, and the run settings."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

_OPS: dict[str, Callable[[float, float], bool]] = {"<=": operator.le, ">=": operator.ge}


@dataclass
class Check:
    """One budgeted number: ``value <op> limit`` (``limit`` None = reported only)."""

    name: str
    value: float | None
    unit: str = "x"
    op: str = "<="
    limit: float | None = None

    @property
    def ok(self) -> bool | None:
        if self.limit is None or self.value is None:
            return None
        return _OPS[self.op](self.value, self.limit)

    @property
    def budget(self) -> str:
        return "-" if self.limit is None else f"{self.op} {self.limit:g}{self.unit}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["budget"] = self.budget
        return data


@dataclass
class Figure:
    """The outcome of one benchmark: its checks, the raw numbers behind them, notes."""

    name: str
    title: str
    checks: list[Check] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    status: str = "measured"  # measured | skipped | error
    seconds: float = 0.0  # wall time the benchmark itself took

    @property
    def ok(self) -> bool | None:
        """False if any budget is missed, True if all budgeted checks hold, None otherwise."""
        if self.status != "measured":
            return None
        verdicts = [c.ok for c in self.checks if c.ok is not None]
        if not verdicts:
            return None
        return all(verdicts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "status": self.status,
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
            "checks": [c.to_json() for c in self.checks],
            "details": self.details,
            "notes": self.notes,
        }


def skipped(name: str, title: str, why: str) -> Figure:
    return Figure(name, title, status="skipped", notes=[why])


@dataclass(frozen=True)
class Settings:
    """Sizes and repetitions; ``quick`` shrinks everything to prove the runner works."""

    quick: bool = False
    install: bool = True  # may create the other client's venv under benchmarks/.cache

    @property
    def startup_runs(self) -> int:
        return 2 if self.quick else 7

    @property
    def big_sessions(self) -> tuple[int, int]:
        return (300, 1_000) if self.quick else (10_000, 50_000)

    @property
    def big_repeats(self) -> int:
        return 1 if self.quick else 5

    @property
    def tree_children(self) -> int:
        return 500 if self.quick else 10_000

    @property
    def keystrokes(self) -> int:
        return 10 if self.quick else 150

    @property
    def editor_lines(self) -> int:
        return 300

    @property
    def lint_repeats(self) -> int:
        return 2 if self.quick else 31

    @property
    def sandbox_clients(self) -> int:
        return 8

    @property
    def sandbox_seconds(self) -> float:
        return 0.4 if self.quick else 3.0
