"""The model's figures next to the published and real ones they are checked against.

Prints one line per figure (docs/sources.md T14-T20 and the direction checks of the model): what
the default model gives for plain posts of test accounts. Run ``python
benchmarks/model_figures.py`` (add ``--samples N`` for more precision); the numbers are medians
over six typical posting times unless a line says otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from igalgo.domain import (
    Account,
    AccountType,
    Audio,
    Draft,
    DraftEstimate,
    Format,
    Interaction,
    Market,
    Niche,
    Popularity,
    Quality,
    Surface,
)
from igalgo.engine.settings import EngineSettings
from igalgo.world.model import score_drafts

WEDNESDAY = datetime(2026, 3, 4, 19, 0, tzinfo=UTC)
SLOTS = [
    datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
    datetime(2026, 3, 3, 12, 0, tzinfo=UTC),
    datetime(2026, 3, 4, 17, 0, tzinfo=UTC),
    datetime(2026, 3, 5, 19, 0, tzinfo=UTC),
    datetime(2026, 3, 7, 10, 0, tzinfo=UTC),
    datetime(2026, 3, 8, 20, 0, tzinfo=UTC),
]


def account(
    followers: int,
    engagement_rate: float | None = None,
    kind: AccountType = AccountType.CREATOR,
    niche: Niche = Niche.LIFESTYLE,
) -> Account:
    """A test account; ``engagement_rate`` None means the profile gives none."""
    interaction = Interaction() if engagement_rate is None else Interaction(engagement_rate)
    return Account(
        "figures",
        followers,
        account_type=kind,
        market=Market(niche, Popularity.MEDIUM),
        interaction=interaction,
    )


def draft(fmt: Format, at: datetime = WEDNESDAY, **changes: object) -> Draft:
    """A plain draft: reels and videos 30 s with original audio, carousels 5 slides."""
    timed = fmt in (Format.REEL, Format.VIDEO)
    base = Draft(
        f"{fmt.value}-{at:%a%H}",
        fmt,
        at,
        duration_s=30.0 if timed else None,
        audio=Audio.ORIGINAL if timed else Audio.NONE,
        slides=5 if fmt is Format.CAROUSEL else None,
    )
    return replace(base, **changes)


class Figures:
    """The measurements, at one sample count."""

    def __init__(self, samples: int) -> None:
        self.settings = EngineSettings(samples=samples)

    def score(self, who: Account, drafts: Sequence[Draft]) -> list[DraftEstimate]:
        return score_drafts(who, drafts, settings=self.settings, compete=False)

    def typical(self, who: Account, fmt: Format, value: Callable[[DraftEstimate], float]) -> float:
        """Median over the typical slots of ``value`` of a plain post of ``fmt``."""
        estimates = self.score(who, [draft(fmt, slot, id=f"s{i}") for i, slot in enumerate(SLOTS)])
        return statistics.median(value(e) for e in estimates)


def total_p50(estimate: DraftEstimate) -> float:
    return estimate.total.p50


def on(surface: Surface) -> Callable[[DraftEstimate], float]:
    return lambda estimate: estimate.surfaces[surface].reach.p50


def rows(figures: Figures) -> list[tuple[str, str]]:
    """(what, the model's figure) for every line of the table."""
    out: list[tuple[str, str]] = []
    rate = "ER default"

    def reel_rate(n: int, er: float | None = None) -> float:
        return figures.typical(account(n, er), Format.REEL, total_p50) / n

    small = [reel_rate(n) for n in (1_000, 3_000, 8_000)]
    out.append(("reel total reach / followers, 1k 3k 8k, " + rate, _percents(small)))
    tiers = (3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000)
    out.append(
        ("reel total reach / followers, 3k 10k 30k 100k 300k 1M", _percents(map(reel_rate, tiers)))
    )
    ratios = []
    for n in (3_000, 30_000, 300_000):
        who = account(n)
        reels = figures.typical(who, Format.REEL, on(Surface.REELS))
        stories = figures.typical(who, Format.STORY, on(Surface.STORIES))
        ratios.append(reels / stories)
    out.append(("reel (Reels tab) / story reach, 3k 30k 300k", _numbers(ratios)))
    photo_reel = [
        figures.typical(account(n), Format.REEL, total_p50)
        / figures.typical(account(n), Format.PHOTO, total_p50)
        for n in (4_000, 40_000, 400_000)
    ]
    out.append(("reel / photo total reach (T6), 4k 40k 400k", _numbers(photo_reel)))
    for n in (3_000, 50_000):
        (photo,) = figures.score(account(n), [draft(Format.PHOTO)])
        feed, total, explore = (
            photo.surfaces[Surface.FEED].reach,
            photo.total,
            photo.surfaces[Surface.EXPLORE].reach,
        )
        out.append(
            (
                f"photo P90/P10 at {n:,}: feed, total, explore",
                _numbers([feed.p90 / feed.p10, total.p90 / total.p10, explore.p90 / explore.p10]),
            )
        )
    for kind in (AccountType.CREATOR, AccountType.BUSINESS):
        for which in ("typical", "expected"):
            likes = [
                figures.typical(account(n, kind=kind), Format.PHOTO, _likes(which)) / n
                for n in (600, 10_000, 300_000)
            ]
            out.append(
                (f"{which} likes / followers, {kind.value} photo, 600 10k 300k", _percents(likes))
            )
    for fmt, niche in ((Format.PHOTO, Niche.LIFESTYLE), (Format.CAROUSEL, Niche.EDUCATION)):
        (estimate,) = figures.score(account(20_000, niche=niche), [draft(fmt)])
        a = estimate.actions.expected
        out.append(
            (
                f"comments/likes, saves/likes, shares/likes: {fmt.value}, {niche.value}",
                _numbers([a.comments / a.likes, a.saves / a.likes, a.shares / a.likes], 3),
            )
        )
    follows = []
    for fmt in (Format.PHOTO, Format.REEL, Format.STORY):
        (estimate,) = figures.score(account(20_000), [draft(fmt)])
        a = estimate.actions.expected
        follows.append(a.follows / a.profile_visits if a.profile_visits else 0.0)
    out.append(("follows / profile visits: photo, reel, story", _numbers(follows, 3)))
    for n in (0, 1, 10):
        (estimate,) = figures.score(account(n), [draft(Format.REEL)])
        out.append(
            (
                f"reel with {n} followers: explore, reels medians",
                _numbers([on(Surface.EXPLORE)(estimate), on(Surface.REELS)(estimate)], 0),
            )
        )
    for er in (0.003, 0.02, 0.08):
        who = account(10_000, er)
        plain, marked = figures.score(
            who, [draft(Format.PHOTO), draft(Format.PHOTO, watermark=True)]
        )
        reel, marked_reel = figures.score(
            who, [draft(Format.REEL), draft(Format.REEL, watermark=True)]
        )
        low, high = figures.score(
            who, [draft(Format.REEL, quality=Quality.LOW), draft(Format.REEL, quality=Quality.HIGH)]
        )
        out.append(
            (
                f"ER {er:.1%}: watermark explore (photo), watermark reels, low/high explore, reels",
                _numbers(
                    [
                        _ratio(on(Surface.EXPLORE), marked, plain),
                        _ratio(on(Surface.REELS), marked_reel, reel),
                        _ratio(on(Surface.EXPLORE), low, high),
                        _ratio(on(Surface.REELS), low, high),
                    ],
                    3,
                ),
            )
        )
    hours = [WEDNESDAY.replace(hour=h) for h in range(24)]
    stories = figures.score(
        account(8_000), [draft(Format.STORY, at, id=f"h{at.hour}") for at in hours]
    )
    medians = [on(Surface.STORIES)(e) for e in stories]
    out.append(("story best / worst hour of the day", _numbers([max(medians) / min(medians)])))
    (reel,) = figures.score(account(8_000), [draft(Format.REEL)])
    shown = [
        reel.actions.typical.likes / reel.total.p50,
        reel.actions.expected.likes / reel.total.p50,
    ]
    out.append(("reel typical, expected likes / median total reach", _percents(shown)))
    return out


def _likes(which: str) -> Callable[[DraftEstimate], float]:
    return lambda estimate: getattr(estimate.actions, which).likes


def _ratio(
    value: Callable[[DraftEstimate], float], changed: DraftEstimate, base: DraftEstimate
) -> float:
    below = value(base)
    return value(changed) / below if below else float("nan")


def _percents(values: object) -> str:
    return " ".join(f"{100 * v:.1f}%" for v in values)  # type: ignore[attr-defined]


def _numbers(values: Sequence[float], digits: int = 2) -> str:
    return " ".join(f"{v:.{digits}f}" for v in values)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1024)
    args = parser.parse_args(argv)
    for what, figure in rows(Figures(args.samples)):
        print(f"{what:78s} {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
