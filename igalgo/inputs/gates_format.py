"""The declaration of a profile's ``gates:``: the least median reach an account's drafts must
have, per surface or in total, next to the account (:mod:`igalgo.inputs.formats` puts it in the
profile)."""

from __future__ import annotations

from igalgo.domain import ProfileGate
from igalgo.inputs.declarations import Field, Kind, Shape

GATE_NAMES = ("feed", "stories", "explore", "reels", "total")
"""What a profile's gate may name: a surface or ``total`` (as ``--fail-under``)."""


def _gates(**values: tuple[float, bool]) -> tuple[ProfileGate, ...]:
    """A checked ``gates:`` mapping: one gate per surface (or ``total``) it names."""
    return tuple(ProfileGate(where, *reach) for where, reach in values.items())


GATES = Shape(
    title="gates",
    description="The least median reach every draft of this account must have, per surface or "
    "in total, as `igalgo score --fail-under` takes it: accounts (`reels: 2000`) or a share of "
    "followers (`feed: 15%`); `igalgo score` fails (exit 1) when a draft is under one, and "
    "`--fail-under` gates add to these.",
    fields=tuple(
        Field(
            where,
            Kind.REACH,
            f"Least median reach on {where}" if where != "total" else "Least total unique reach",
            minimum=0,
        )
        for where in GATE_NAMES
    ),
    build=_gates,
)
