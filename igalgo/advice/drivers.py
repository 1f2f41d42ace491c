"""What to change about a draft: the model's counterfactuals, measured one change at a time.

:func:`drivers` lists, for each draft, the changes a user can make (format, duration, audio,
quality, watermark, hashtags, caption) with the model's own counterfactual effect: the changed
draft is scored with :func:`igalgo.world.model.score_drafts` on its own (``compete=False``)
with the same seed and settings as the unchanged draft, so common random numbers isolate the
change; all copies of all drafts go into one engine call. Changes of time (the publish hour,
the spacing from the account's other posts) are moves judged by the whole schedule
(:mod:`igalgo.advice.moves`), the rule ``igalgo plan`` places posts by. It accepts a set of
surfaces to keep, so that a command about one surface (``igalgo plan``) reuses it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from igalgo.advice.claims import settled_moves
from igalgo.advice.moves import (
    HOURS_PER_WEEK,
    MIN_SPACING_HOURS,
    Competing,
    MoveCache,
    MoveParams,
)
from igalgo.advice.wording import seconds_words
from igalgo.domain import (
    ALL_SURFACES,
    DEFAULT_LIMITS,
    Account,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    FormatLimits,
    Lever,
    Quality,
    Surface,
)
from igalgo.language import tr
from igalgo.parameters import Declared, Evidence, above_up_to, at_least, positive, share

if TYPE_CHECKING:
    from igalgo.engine.arrays import FloatArray
    from igalgo.world.model import Simulation

__all__ = [
    "DEFAULT_DRIVER_PARAMS",
    "MOVE_LEVERS",
    "Counterfactual",
    "DriverParams",
    "counterfactuals",
    "drivers",
    "measure",
]

MOVE_LEVERS = frozenset({Lever.TIME, Lever.SPACING})
"""The levers that move a post in time (judged by the whole schedule)."""

# --- parameters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DriverParams(Declared):
    """What counts as a driver, and which alternatives the counterfactuals try."""

    min_effect: Annotated[float, positive("relative gain, 0.02 = +2 %")] = 0.02
    """Smallest relative gain of median reach reported as a driver (0.02 = +2 %). Assumption:
    below that the gain is within what users cannot tell apart from noise."""

    min_base_reach: Annotated[float, positive("accounts")] = 5.0
    """Accounts. A surface whose unchanged median reach is below this is not used for a relative
    effect (a change from 1 to 3 accounts is +200 % and means nothing). Assumption."""

    max_total_loss: Annotated[float, share("share of total median reach")] = 0.02
    """A change that raises one surface but lowers the draft's total median reach by more than
    this fraction is not offered. Assumption."""

    reel_durations_s: Annotated[tuple[float, ...], positive("seconds")] = (15.0, 30.0, 60.0, 90.0)
    """Alternative lengths tried for reels and feed videos (the best one is reported). Source:
    calibration T11 compares < 30 s with 30-90 s reels."""

    story_duration_s: Annotated[float, positive("seconds")] = 15.0
    """Length tried for a longer video story. Assumption: one 15 s story frame."""

    carousel_slides: Annotated[int, at_least(2, "slides")] = 5
    """Slides of the carousel tried instead of a single photo. Assumption."""

    targeted_hashtags: Annotated[int, at_least(1, "hashtags")] = 3
    """How many targeted hashtags the hashtag counterfactual uses. Source: Instagram recommends
    "fewer (up to 5) more targeted hashtags" (sources.md §5f)."""

    generic_hashtags: frozenset[str] = frozenset(
        {"fyp", "foryou", "foryoupage", "viral", "reels", "reel", "explore", "explorepage"}
        | {"instagood", "instagram", "insta", "trending", "photooftheday", "follow", "like4like"}
    )
    """Hashtags that say nothing about the content. Source: generic tags such as #reels and
    #explore do not help (sources.md §7)."""

    short_caption_chars: Annotated[int, at_least(0, "characters")] = 20
    """A caption shorter than this counts as missing. Assumption."""

    caption_chars: Annotated[int, at_least(1, "characters")] = 125
    """Length of the caption the caption counterfactual writes. Assumption: the part of a caption
    shown before "more"."""

    time_search_samples: Annotated[int, at_least(1, "samples")] = 64
    """Monte Carlo samples of the hour screen of moves (:mod:`igalgo.advice.moves`), at most
    the caller's. Numerical choice, not a model assumption: the screen only ranks hours of a
    typical post (each scored once per account), and the move it picks is verified in its
    schedule with :attr:`move_samples` (docs/decisions/0100-one-objective-for-moves-and-plans.md,
    0125)."""

    counterfactual_samples: Annotated[int, at_least(1, "samples")] = 128
    """Monte Carlo samples of the content counterfactuals (and of the drafts alone they are
    compared with), at most the caller's. Numerical choice: a counterfactual shares its random
    numbers with the unchanged draft, so the relative change of a median is precise with fewer
    samples than the median itself (docs/decisions/0125-driver-samples.md)."""

    min_share_of_spread: Annotated[float, share("share of the P10-P90 width")] = 0.10
    """A change whose added median reach (accounts) is smaller than this share of the draft's
    own P10-P90 width on the surface it names is not advice: it is lost in what the model
    cannot know before the post goes out. Assumption."""

    move_samples: Annotated[int, at_least(1, "samples")] = 128
    """Monte Carlo samples, plain medians, of the schedules a move is verified in (the moved and
    the unmoved schedule alike), at most the caller's. Numerical choice, as
    :attr:`counterfactual_samples`: against 2,048 samples, 128 find the same moves and effects
    as 256 do (docs/decisions/0148-advice-calls-summarise-what-they-read.md)."""

    min_spacing_hours: Annotated[
        Mapping[Surface, float], above_up_to(0, HOURS_PER_WEEK, "hours", keys=Surface)
    ] = MIN_SPACING_HOURS
    """Shortest gap between two of the account's posts that reach the same surface, hours: a
    move never brings a post closer, a plan never places posts closer, and a post closer to
    one that costs it reach gets a spacing driver. Source: the model's own cost of posting
    closer (docs/decisions/0020-min-spacing-per-surface.md); stories: assumption."""

    def check_relations(self) -> None:
        """Generic hashtags are matched lowercased and without '#'; the caption written must
        not itself count as missing."""
        for tag in sorted(self.generic_hashtags, key=str):
            if not isinstance(tag, str) or not tag or tag != tag.lower() or tag.startswith("#"):
                raise ValueError(
                    "DriverParams.generic_hashtags must be lowercase hashtags without '#' "
                    f"(they are matched against lowercased tags), got {tag!r}"
                )
        self.check_order("short_caption_chars", "caption_chars", "characters")

    def moves(self) -> MoveParams:
        """The thresholds moves are judged with."""
        return MoveParams(
            min_effect=self.min_effect,
            min_base_reach=self.min_base_reach,
            max_total_loss=self.max_total_loss,
            screen_samples=self.time_search_samples,
            spacing=self.min_spacing_hours,
            verify_samples=self.move_samples,
        )

    def counterfactual_run(self, simulation: Simulation) -> Simulation:
        """The run the content counterfactuals and the drafts alone are scored in."""
        return simulation.with_samples_at_most(self.counterfactual_samples)


DEFAULT_DRIVER_PARAMS = DriverParams()
"""The driver parameters igalgo uses unless told otherwise."""


# --- drivers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counterfactual:
    """A changed copy of one draft, to be scored against the unchanged draft."""

    index: int
    """Position of the unchanged draft in the list given to :func:`counterfactuals`."""
    lever: Lever
    change: str
    """The change in words, as shown to the user."""
    draft: Draft


def counterfactuals(
    account: Account,
    drafts: Sequence[Draft],
    *,
    targets: Iterable[int] | None = None,
    limits: FormatLimits = DEFAULT_LIMITS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> list[Counterfactual]:
    """Every content change worth trying for the drafts at ``targets`` (default all); scores
    nothing. Several alternatives of one lever (e.g. durations) may be listed; :func:`drivers`
    keeps the best of each lever. Moves in time are not here (:mod:`igalgo.advice.moves`)."""
    out: list[Counterfactual] = []
    for index in range(len(drafts)) if targets is None else targets:
        for lever, change, changed in _alternatives(account, drafts[index], limits, driver_params):
            out.append(Counterfactual(index, lever, change, changed))
    return out


def drivers(
    simulation: Simulation,
    drafts: Sequence[Draft],
    *,
    competing: Competing | None = None,
    targets: Iterable[int] | None = None,
    movable: Iterable[int] | None = None,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    limits: FormatLimits = DEFAULT_LIMITS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
    cache: MoveCache | None = None,
) -> list[tuple[Driver, ...]]:
    """The top changes for each draft, best first, measured by the model's counterfactuals.

    The unchanged drafts and all their changed copies are scored in ONE call of
    ``simulation`` with ``compete=False`` (at most ``driver_params.counterfactual_samples``).
    The engine gives every draft of a call the same block of random numbers, wherever it
    stands in the batch (common random numbers), so a copy differs from its original only by
    the change. A content driver's effect is the relative change of median reach on the
    surface it raises most (see :class:`~igalgo.domain.Driver`); only gains of at least
    ``driver_params.min_effect`` that do not cost more than ``driver_params.max_total_loss``
    of total reach are kept, the best one per lever, and only on ``surfaces``.

    Then the drafts at ``movable`` (default: ``targets``; none when ``competing`` is None)
    get their time and spacing drivers: moves that raise the whole schedule's typical reach
    on ``surfaces`` (:func:`igalgo.advice.move_search.find_moves`), settled as one schedule
    (:func:`igalgo.advice.claims.settled_moves`: one of two crowded posts moves, no two
    moves claim one slot, story sequences stay together), each with its new ``publish_at``.
    A change whose gain is below ``min_share_of_spread`` of the draft's own P10-P90 width is
    dropped (:func:`worth_saying`); each driver is graded by the evidence of its lever's
    parameters (:mod:`igalgo.advice.grades`) and sorted by :func:`rank`. ``competing`` are the
    estimates of ``drafts`` scored together in ``simulation`` (``compete=True``) and must be
    exact for the posts within :func:`igalgo.advice.moves.move_context` of the movable ones.

    ``targets`` are the positions to find drivers for (default all); the other drafts are
    there as neighbours. Returns one tuple per draft, in the order of ``drafts``; drafts not in
    ``targets`` get an empty tuple.
    """
    from igalgo.advice.grades import driver_evidence  # the model's parameter classes

    account = simulation.account
    wanted = list(range(len(drafts))) if targets is None else sorted(set(targets))
    trials = counterfactuals(
        account, drafts, targets=wanted, limits=limits, driver_params=driver_params
    )
    batch = [*(drafts[index] for index in wanted), *(trial.draft for trial in trials)]
    run = driver_params.counterfactual_run(simulation)
    scored, changed = run.score_alone_split(batch, len(wanted))
    alone = dict(zip(wanted, scored, strict=True))

    best: list[dict[Lever, Driver]] = [{} for _ in drafts]
    for trial, row in zip(trials, changed, strict=True):
        found = measure_medians(
            alone[trial.index],
            row,
            trial.draft.surfaces,
            trial.change,
            trial.lever,
            surfaces,
            driver_params,
        )
        kept = best[trial.index].get(trial.lever)
        if found is not None and (kept is None or found.effect > kept.effect):
            best[trial.index][trial.lever] = found
    if competing is not None:
        moved = wanted if movable is None else sorted(set(movable) & set(wanted))
        moves = settled_moves(
            simulation,
            drafts,
            competing,
            alone,
            movable=moved,
            surfaces=surfaces,
            move_params=driver_params.moves(),
            worth=lambda driver, base: worth_saying(driver, base, driver_params),
            rescore=run,
            cache=cache,
        )
        for index, driver in moves.items():
            best[index][driver.lever] = driver
    calibration = account.calibration
    out: list[tuple[Driver, ...]] = []
    for index, found_here in enumerate(best):
        base = _shown(competing, index) or alone.get(index)
        graded = [
            dataclasses.replace(
                d, evidence=driver_evidence(d.lever, calibration, drafts[index].format)
            )
            for d in found_here.values()
            if base is None or d.lever in MOVE_LEVERS or worth_saying(d, base, driver_params)
        ]
        out.append(tuple(sorted(graded, key=rank)))
    return out


def _shown(competing: Competing | None, index: int) -> DraftEstimate | None:
    """The estimate of the post at ``index`` scored in its schedule, when there is one."""
    if competing is None:
        return None
    if isinstance(competing, Mapping):
        return competing.get(index)
    return competing[index] if index < len(competing) else None


def rank(driver: Driver) -> tuple[bool, float, str, str]:
    """Sort key of drivers: those resting on more than an assumption first, then the largest
    effect."""
    return (driver.evidence is Evidence.ASSUMED, -driver.effect, driver.lever.value, driver.change)


def worth_saying(driver: Driver, base: DraftEstimate, driver_params: DriverParams) -> bool:
    """True when the median reach a driver adds is at least ``min_share_of_spread`` of the
    draft's own P10-P90 width on the surface it names (of total reach when it opens one): a
    smaller change is lost in what the model cannot know beforehand."""
    reach = base.total if driver.opens_surface else base.surfaces[driver.surface].reach
    return driver.effect * reach.p50 >= driver_params.min_share_of_spread * (reach.p90 - reach.p10)


def measure(
    base: DraftEstimate,
    changed: DraftEstimate,
    change: str,
    lever: Lever,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Driver | None:
    """The driver for one change, or None when it is not a gain worth reporting
    (:func:`measure_medians` of the changed estimate's medians)."""
    from igalgo.advice.verify import medians_of  # numpy: only when drivers are measured

    shows = frozenset(s for s in Surface if changed.surfaces[s].eligible)
    row = medians_of(changed)
    return measure_medians(base, row, shows, change, lever, surfaces, driver_params)


def measure_medians(
    base: DraftEstimate,
    changed: FloatArray,
    shows: frozenset[Surface],
    change: str,
    lever: Lever,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Driver | None:
    """The driver for one change (its medians ``changed``: total reach, then each surface in
    ``Surface`` order; ``shows``: the surfaces the changed draft can reach), or None when it
    is not a gain worth reporting.

    Compares median reach surface by surface. A surface the change opens (ineligible before,
    eligible after, with reach) makes the effect the relative change of total median reach.
    """
    column = {s: 1 + k for k, s in enumerate(Surface)}
    base_total, new_total = base.total.p50, float(changed[0])
    if base_total > 0 and (new_total - base_total) / base_total < -driver_params.max_total_loss:
        return None
    opened = [
        s
        for s in sorted(surfaces)
        if not base.surfaces[s].eligible and s in shows and changed[column[s]] > 0
    ]
    if opened and base_total >= driver_params.min_base_reach:
        surface = max(opened, key=lambda s: float(changed[column[s]]))
        effect = (new_total - base_total) / base_total
        return Driver(change, surface, effect, lever, opens_surface=True) if effect > 0 else None
    gains = {
        s: float(changed[column[s]]) / base.surfaces[s].reach.p50 - 1.0
        for s in sorted(surfaces)
        if base.surfaces[s].eligible
        and s in shows
        and base.surfaces[s].reach.p50 >= driver_params.min_base_reach
    }
    if not gains:
        return None
    surface = max(gains, key=lambda s: gains[s])
    if gains[surface] < driver_params.min_effect:
        return None
    return Driver(change, surface, gains[surface], lever)


def _alternatives(
    account: Account, draft: Draft, limits: FormatLimits, driver_params: DriverParams
) -> Iterable[tuple[Lever, str, Draft]]:
    """(lever, change in words, changed draft) for every alternative worth scoring, but the
    publish time (see :func:`counterfactuals`)."""
    replace = dataclasses.replace
    # Format: a single photo as a carousel; a feed video as a reel (opens the Reels tab).
    if draft.format is Format.PHOTO:
        slides = min(
            max(driver_params.carousel_slides, limits.carousel_min_slides),
            limits.carousel_max_slides,
        )
        change = tr(
            "make it a carousel of {slides} slides instead of a single photo", slides=slides
        )
        yield Lever.FORMAT, change, replace(draft, format=Format.CAROUSEL, slides=slides)
    if draft.format is Format.VIDEO:
        duration = draft.duration_s
        change = tr("share it as a reel instead of a feed video")
        if duration is not None and duration > limits.reel_max_duration_s:
            duration = limits.reel_max_duration_s
            change = tr("cut it to {length} and share it as a reel", length=seconds_words(duration))
        yield Lever.FORMAT, change, replace(draft, format=Format.REEL, duration_s=duration)

    # Duration: the alternative lengths the params list, within the format's limit.
    current = draft.duration_s
    if current is not None and draft.format in (Format.REEL, Format.VIDEO):
        top = limits.max_duration_s(draft.format) or current
        for length in driver_params.reel_durations_s:
            if length != current and length <= top:
                change = tr(
                    "make it {length} long instead of {current}",
                    length=seconds_words(length),
                    current=seconds_words(current),
                )
                yield Lever.DURATION, change, replace(draft, duration_s=length)
    if (
        current is not None
        and draft.format is Format.STORY
        and current > driver_params.story_duration_s
    ):
        length = driver_params.story_duration_s
        change = tr(
            "cut it to {length} instead of {current}",
            length=seconds_words(length),
            current=seconds_words(current),
        )
        yield Lever.DURATION, change, replace(draft, duration_s=length)

    # Audio, quality, watermark: the reels-tab signals the seed names.
    if draft.muted:
        yield Lever.AUDIO, tr("add sound (now muted)"), replace(draft, muted=False)
    if draft.quality is Quality.LOW:  # only low quality is a penalty (T22)
        change = tr(
            "raise production quality to high (now {quality})", quality=tr(draft.quality.value)
        )
        yield Lever.QUALITY, change, replace(draft, quality=Quality.HIGH)
    if draft.watermark:
        yield Lever.WATERMARK, tr("drop the other app's watermark"), replace(draft, watermark=False)

    # Hashtags: a few targeted ones instead of none, many or generic ones.
    if draft.format is not Format.STORY:
        tags = _targeted_hashtags(account, draft, driver_params)
        if tags != draft.hashtags:
            generic = [t for t in draft.hashtags if t.lower() in driver_params.generic_hashtags]
            if generic:
                names = ", ".join(f"#{t}" for t in generic)
                change = tr("replace the generic hashtags {names} with targeted ones", names=names)
            elif not draft.hashtags:
                change = tr("add {count} targeted hashtags", count=len(tags))
            else:
                change = tr(
                    "keep {count} targeted hashtags instead of {now}",
                    count=len(tags),
                    now=len(draft.hashtags),
                )
            yield Lever.HASHTAGS, change, replace(draft, hashtags=tags)

    # Caption: a missing or very short caption written out (a story shows none).
    if (
        draft.format is not Format.STORY
        and len(draft.caption.strip()) < driver_params.short_caption_chars
    ):
        caption = _caption_of_length(draft.caption, driver_params.caption_chars, limits)
        change = tr(
            "write a caption of about {count} characters", count=driver_params.caption_chars
        )
        yield Lever.CAPTION, change, replace(draft, caption=caption)


def _targeted_hashtags(
    account: Account, draft: Draft, driver_params: DriverParams
) -> tuple[str, ...]:
    """The draft's own specific hashtags, topped up from its market and place, at most N."""
    wanted = driver_params.targeted_hashtags
    tags = [t for t in draft.hashtags if t.lower() not in driver_params.generic_hashtags][:wanted]
    fillers = [account.market.niche.value]
    if draft.location:
        fillers.append("".join(ch for ch in draft.location.lower() if ch.isalnum()))
    fillers.append(f"{account.market.niche.value}lovers")
    for tag in fillers:
        if len(tags) >= wanted:
            break
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _caption_of_length(caption: str, chars: int, limits: FormatLimits) -> str:
    """A caption of about ``chars`` characters that starts with the draft's own words."""
    filler = " Tell us what you think in the comments and save this post for later."
    text = caption.strip() or "What we made today."
    while len(text) < chars:
        text += filler
    return text[: min(chars, limits.max_caption_chars)].rstrip()
