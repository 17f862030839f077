"""Analysis steps declare what they read and what they fill; the order follows from that.

A step is a function `(article, doc) -> tuple of records` that fills one list
field of the `Article` (its `assigns`), reading the lists named in `needs`,
which earlier steps filled. A step may also refine a list another step made
(`quote_dates` gives quotes their dates): it needs and assigns the same field,
and every step that reads that field runs after all of its refiners.

    plan()                       -> every registered step, in a valid order
    plan(only={"quotes"})        -> quotes and what it needs, nothing else
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from newsgraph.records import Article

__all__ = ["PlanError", "Step", "plan"]

StepFunction = Callable[[Article, Doc], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Step:
    """One registered extractor."""

    name: str
    assigns: str  # the Article list field it fills (or refines)
    run: StepFunction
    needs: tuple[str, ...] = ()  # Article list fields it reads

    @property
    def refines(self) -> bool:
        return self.assigns in self.needs


class PlanError(ValueError):
    """Steps that cannot be ordered, or a selection naming no registered step."""


def plan(steps: Iterable[Step], only: Iterable[str] | None = None) -> list[Step]:
    """The steps to run, producers before refiners before readers; with `only`,
    the named steps (by step name or by the field they fill) and what they need."""
    steps = list(steps)
    by_name = {step.name: step for step in steps}
    if len(by_name) != len(steps):
        raise PlanError("two analysis steps share a name")
    producers: dict[str, list[Step]] = {}
    for step in steps:
        producers.setdefault(step.assigns, []).append(step)
    if only is not None:
        steps = _closure(steps, set(only), producers)
    chosen = {step.name for step in steps}

    order = {step.name: index for index, step in enumerate(steps)}

    def prerequisites(step: Step) -> list[Step]:
        before = []
        for field in step.needs:
            for other in producers.get(field, []):
                if other is step or other.name not in chosen:
                    continue
                # A refiner runs after the field's producers and the refiners registered
                # before it; a reader runs after all of them.
                if field == step.assigns and other.refines and order[other.name] > order[step.name]:
                    continue
                before.append(other)
        return before

    ordered: list[Step] = []
    state: dict[str, str] = {}

    def visit(step: Step) -> None:
        if state.get(step.name) == "done":
            return
        if state.get(step.name) == "visiting":
            raise PlanError(f"analysis steps depend on each other in a cycle through {step.name!r}")
        state[step.name] = "visiting"
        for other in prerequisites(step):
            visit(other)
        state[step.name] = "done"
        ordered.append(step)

    for step in steps:  # registration order breaks ties, so the plan is stable
        visit(step)
    return ordered


def _closure(steps: list[Step], wanted: set[str], producers: dict[str, list[Step]]) -> list[Step]:
    known = {step.name for step in steps} | set(producers)
    unknown = sorted(wanted - known)
    if unknown:
        raise PlanError(f"no analysis step named {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    chosen = {step.name for step in steps if step.name in wanted or (step.assigns in wanted and not step.refines)}
    while True:
        before = len(chosen)
        selected = [step for step in steps if step.name in chosen]
        for step in selected:  # what a chosen step reads is made
            for field in step.needs:
                chosen.update(p.name for p in producers.get(field, []) if not p.refines)
        filled = {step.assigns for step in steps if step.name in chosen}
        for step in steps:  # a refiner of a chosen list comes along when all it reads is made anyway
            if step.refines and step.assigns in filled and all(field in filled for field in step.needs):
                chosen.add(step.name)
        if len(chosen) == before:
            return [step for step in steps if step.name in chosen]
