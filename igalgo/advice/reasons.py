"""Why a draft reaches nobody on a surface it can be shown on, by the model's counterfactuals.

A watermarked reel gets no Explore reach; so may a feed video longer than Explore
recommends. Rather than repeat the model's rules (they are the model's to change),
:func:`zero_reasons` scores the draft with each cause removed and names the change that gives
the surface reach again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from igalgo.domain import Draft, DraftEstimate, Format, Quality, Surface
from igalgo.language import N_, tr

if TYPE_CHECKING:
    from igalgo.world.model import Simulation

NO_REACH = N_("no reach in the model")
"""What a zero surface says when no single change gives it reach."""

ZERO_BELOW = 0.5
"""A median below this reads as 0 accounts in every report (they round to whole accounts)."""

SHORT_VIDEO_S = 60.0
"""Length a long reel or video is cut to when asking whether its length is the cause,
seconds. Assumption: Explore and the Reels tab recommend videos of a minute."""


def _causes(draft: Draft) -> list[tuple[str, Draft]]:
    """(reason, the draft without that cause) for each cause the draft has."""
    replace = dataclasses.replace
    found: list[tuple[str, Draft]] = []
    if draft.watermark:
        found.append((tr("not recommended: watermark"), replace(draft, watermark=False)))
    long_video = draft.format in (Format.REEL, Format.VIDEO)
    if long_video and draft.duration_s is not None and draft.duration_s > SHORT_VIDEO_S:
        found.append((tr("not recommended: too long"), replace(draft, duration_s=SHORT_VIDEO_S)))
    if draft.quality is Quality.LOW:
        found.append((tr("not recommended: low quality"), replace(draft, quality=Quality.HIGH)))
    return found


def zero_surfaces(estimate: DraftEstimate, surfaces: Sequence[Surface]) -> list[Surface]:
    """The surfaces among ``surfaces`` the draft can be shown on but typically (its median,
    as reports round it) reaches nobody on."""
    return [
        s
        for s in surfaces
        if estimate.surfaces[s].eligible and estimate.surfaces[s].reach.p50 < ZERO_BELOW
    ]


def zero_reasons(
    simulation: Simulation,
    estimates: Sequence[DraftEstimate],
    *,
    surfaces: Sequence[Surface] = tuple(Surface),
) -> list[dict[Surface, str]]:
    """For each estimate, the reason of each zero surface (see the module docstring); one
    call of ``simulation`` for all of them (``compete=False``)."""
    out: list[dict[Surface, str]] = [{} for _ in estimates]
    trials: list[tuple[int, Surface, str]] = []
    batch: list[Draft] = []
    for index, estimate in enumerate(estimates):
        zero = zero_surfaces(estimate, surfaces)
        if not zero:
            continue
        causes = _causes(estimate.draft)
        for surface in zero:
            out[index][surface] = tr(NO_REACH)
            for reason, changed in causes:
                trials.append((index, surface, reason))
                batch.append(changed)
    if batch:
        scored = simulation.score_drafts(batch, compete=False)
        for (index, surface, reason), estimate in zip(trials, scored, strict=True):
            opened = estimate.surfaces[surface].reach.p50 >= ZERO_BELOW
            if out[index][surface] == NO_REACH and opened:
                out[index][surface] = reason
    return out
