"""The profile's ``interaction:``: the engagement rate as managers' tools compute it, and the
marker that says a profile was written with that meaning (docs/decisions/0138)."""

from __future__ import annotations

from enum import StrEnum

from igalgo.domain import Interaction
from igalgo.inputs.declarations import Field, Kind, Shape
from igalgo.inputs.nodes import MappingNode, Node, find_value


class RatePer(StrEnum):
    """What ``engagement_rate`` is counted per: ``post``, a typical feed post."""

    POST = "post"


_DEFAULT = Interaction()

INTERACTION = Shape(
    title="interaction",
    description="How much the followers interact.",
    fields=(
        Field(
            "engagement_rate",
            Kind.NUMBER,
            "(likes + comments + saves + shares) / followers per feed post, 0..1: with "
            "`per: post`, averaged over posts as Later, Metricool or Iconosquare compute it; "
            "without, the model's reference level (docs/decisions/0005).",
            minimum=0,
            maximum=1,
            default=_DEFAULT.engagement_rate,
        ),
        Field(
            "per",
            Kind.CHOICE,
            "`post`: engagement_rate is the rate managers' tools show for the account's feed "
            "posts (without it `igalgo validate` notes the older meaning).",
            choices=RatePer,
        ),
    ),
    build=lambda **given: Interaction(
        given.get("engagement_rate"), None if given.get("per") is None else str(given["per"])
    ),
)


def rate_meaning_notes(root: Node, name: str) -> tuple[str, ...]:
    """A located note when a profile gives ``interaction.engagement_rate`` without ``per:``:
    igalgo reads it as the model's reference level, as before 0138, and says what to write."""
    section = find_value(root, "interaction")
    rate = None if section is None else find_value(section, "engagement_rate")
    if rate is None or not isinstance(section, MappingNode) or find_value(section, "per"):
        return ()
    return (
        f"{name}:{rate.line}:{rate.column}: note: interaction.engagement_rate without "
        "`per: post` is read as the model's reference level (docs/decisions/0005), often "
        "several times what Later, Metricool or Iconosquare show; write the rate your tool "
        "shows (interactions per follower per feed post, averaged over posts) and add "
        "`per: post` under `interaction:`",
    )
