"""What an agency's workflow adds to the formats: a profile's ``gates:`` (the least median reach
the account's drafts must have, per surface or in total, next to the account) and a draft's
approval (``status:``); :mod:`igalgo.inputs.formats` puts them in the profile and the draft."""

from __future__ import annotations

from enum import StrEnum

from igalgo.inputs.declarations import Field, Kind, Shape


class Approval(StrEnum):
    """Where a draft is in the client's approval (``status:``)."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"


def tentative(status: str | None) -> bool | None:
    """Whether a draft of this ``status`` waits for approval (``draft``, ``in_review``); False
    when it is approved; None when its file does not say (no approval workflow)."""
    return None if status is None else status != Approval.APPROVED


GATE_NAMES = ("feed", "stories", "explore", "reels", "total")
"""What a profile's gate may name: a surface or ``total`` (as ``--fail-under``)."""


def _gates(**values: tuple[float, bool]) -> tuple[str, ...]:
    """A checked ``gates:`` mapping: one gate per surface (or ``total``) it names, as
    ``--fail-under`` writes it (``feed=15%``, ``reels=2000``)."""
    return tuple(
        f"{where}={reach:g}{'%' if percent else ''}" for where, (reach, percent) in values.items()
    )


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
