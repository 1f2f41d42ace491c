"""The checklist's evidence: the model's numbers folded one draft at a time."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from igalgo.advice.evidence import Evidence
from igalgo.domain import Driver, Lever, Quantiles, Surface, SurfaceEstimate
from tests.advice.examples import at, estimate, photo
from tests.conftest import REPO


def read_attributes() -> set[str]:
    """Every attribute name igalgo's code reads (``x.name`` in a load context)."""
    names: set[str] = set()
    for path in (REPO / "igalgo").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                names.add(node.attr)
    return names


def public_attributes(kind: type) -> set[str]:
    """The fields and properties of a dataclass."""
    properties = {name for name, value in vars(kind).items() if isinstance(value, property)}
    return {f.name for f in dataclasses.fields(kind)} | properties


def test_every_attribute_of_the_evidence_is_read() -> None:
    """A field or property nothing reads is dead weight in a structure folded per draft."""
    assert public_attributes(Evidence) - read_attributes() == set()


def test_evidence_sums_reach_and_keeps_the_widest_interval_and_largest_driver() -> None:
    evidence = Evidence()
    first, second = photo("a", at(2, 19)), photo("b", at(3, 19))
    wide = estimate(second, {Surface.FEED: 100.0})
    reels = SurfaceEstimate(Surface.REELS, True, Quantiles(10, 60, 300, 90), 5, 55)
    small = Driver("add a caption", Surface.FEED, 0.05, Lever.CAPTION)
    large = Driver("write a longer caption", Surface.FEED, 0.2, Lever.CAPTION)
    evidence.add(estimate(first, {Surface.FEED: 400.0, Surface.EXPLORE: 50.0}), [small])
    evidence.add(
        dataclasses.replace(wide, surfaces={**wide.surfaces, Surface.REELS: reels}), [large]
    )
    assert evidence.drafts == 2
    assert evidence.reach[Surface.FEED] == pytest.approx(500.0)
    assert evidence.eligible[Surface.FEED] == 2 and evidence.eligible[Surface.REELS] == 1
    assert evidence.dispersion[Surface.REELS] == (30.0, "b", 10, 300)
    assert evidence.best_driver[Lever.CAPTION] == (0.2, "b", large)
    assert evidence.driver_counts[Lever.CAPTION] == 2
