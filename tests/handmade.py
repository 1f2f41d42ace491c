"""Results built by hand (no engine): fixed numbers for report, render and schema tests."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from igalgo.advice.checklist import checklist
from igalgo.app.results import AccountReport, DraftResult
from igalgo.domain import (
    FORMAT_SURFACES,
    ZERO_QUANTILES,
    Account,
    AccountType,
    ActionEstimate,
    Actions,
    Audio,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Lever,
    Quantiles,
    Surface,
    SurfaceEstimate,
)
from igalgo.parameters import Evidence

ZONE = ZoneInfo("Europe/Amsterdam")

ACCOUNT = Account("Bakkerij Zon", 4200, AccountType.BUSINESS, "Europe/Amsterdam")

REEL = Draft(
    "croissant-reel",
    Format.REEL,
    datetime(2026, 12, 1, 19, 30, tzinfo=ZONE),
    caption="Warm from the oven",
    audio=Audio.ORIGINAL,
    duration_s=25.0,
)
PHOTO = Draft("new-loaf-photo", Format.PHOTO, datetime(2026, 12, 2, 6, 0, tzinfo=ZONE))
STORY = Draft("opening-hours-story", Format.STORY, datetime(2026, 7, 3, 12, 0, tzinfo=ZONE))

# Reach per eligible surface as (p10, p50, p90, mean, followers, non_followers); decimals on
# purpose, to check rounding.
_REACH = {
    REEL.id: {
        Surface.FEED: (553.4, 622.49, 709.5, 630.2, 622.49, 0.0),
        Surface.EXPLORE: (115.0, 194.6, 328.0, 210.7, 0.0, 194.6),
        Surface.REELS: (2707.2, 4319.5, 6953.9, 4520.1, 415.3, 3878.9),
    },
    PHOTO.id: {
        Surface.FEED: (300.0, 410.0, 520.0, 412.0, 410.0, 0.0),
        Surface.EXPLORE: (10.0, 40.0, 160.0, 61.0, 0.0, 40.0),
    },
    STORY.id: {Surface.STORIES: (258.0, 290.0, 331.0, 291.0, 290.0, 0.0)},
}


def estimate(draft: Draft) -> DraftEstimate:
    """A DraftEstimate with the fixed numbers above; total = sum of surfaces (for the test)."""
    surfaces = {}
    for surface in Surface:
        if surface in FORMAT_SURFACES[draft.format]:
            p10, p50, p90, mean, followers, others = _REACH[draft.id][surface]
            surfaces[surface] = SurfaceEstimate(
                surface, True, Quantiles(p10, p50, p90, mean), followers, others
            )
        else:
            surfaces[surface] = SurfaceEstimate(surface, False, ZERO_QUANTILES, 0.0, 0.0)
    sums = [sum(getattr(s.reach, q) for s in surfaces.values()) for q in ("p10", "p50", "p90")]
    total = Quantiles(sums[0], sums[1], sums[2], sum(s.reach.mean for s in surfaces.values()))
    actions = ActionEstimate(
        Actions(58.02, 3.63, 4.0, 2.78, 20.5, 3.5), Actions(116.04, 7.26, 8.0, 5.55, 41.0, 7.0)
    )
    return DraftEstimate(draft, surfaces, total, actions)


DRIVERS = {
    REEL.id: (),
    PHOTO.id: (
        Driver("publish at 19:00 instead of 06:00", Surface.FEED, 0.41234, Lever.TIME,
               evidence=Evidence.PUBLISHED, publish_at=datetime(2026, 12, 2, 18, 0, tzinfo=UTC)),
        Driver("make it a carousel of 5 slides instead of a single photo", Surface.FEED, 0.2,
               Lever.FORMAT),
    ),
    STORY.id: (),
}  # fmt: skip


def report(seed: int = 7) -> AccountReport:
    """An AccountReport of the three drafts above, in publish order."""
    drafts = (STORY, REEL, PHOTO)
    results = tuple(DraftResult(estimate(d), DRIVERS[d.id]) for d in drafts)
    items = checklist(
        ACCOUNT,
        drafts,
        [r.estimate for r in results],
        found=[r.drivers for r in results],
    )
    return AccountReport("week.yaml", ACCOUNT, seed, 500, results, items)
