"""What to change: drivers per draft and the seed's strategy checklist per account.

Two public entry points, both plain functions over domain objects:

- :func:`drivers` lists, for each draft, the changes a user can make (publish time, format,
  duration, audio, quality, watermark, hashtags, caption, spacing from the account's other
  drafts), each with the model's own counterfactual effect: the changed draft is scored with
  :func:`igalgo.world.model.score_drafts` on its own (``compete=False``) with the same seed and
  sample count as the unchanged draft, so common random numbers isolate the change; all
  copies of all drafts go into one engine call.
- :func:`checklist` judges the eight items of the seed's checklist (market, strategy,
  profiling, timing, frequency, audience presence, interaction, measuring) from the profile,
  the drafts and the model's numbers. Each item is a declarative :class:`Rule` with a stable
  id; its judge returns a status and one sentence that quotes the number behind it.

Both accept a set of surfaces to keep, so that a command about one surface (``igalgo plan``)
reuses them. Nothing here prints, and nothing here imports typer, rich or yaml.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from igalgo.domain import (
    DEFAULT_ACTIVITY_HOURS,
    DEFAULT_LIMITS,
    FORMAT_SURFACES,
    Account,
    Audio,
    ChecklistItem,
    Draft,
    DraftEstimate,
    Driver,
    FollowerActivity,
    Format,
    FormatLimits,
    Interaction,
    Lever,
    Popularity,
    Quality,
    Status,
    Surface,
)
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.planning.templates import day_hours, local_time, template_draft

ALL_SURFACES: frozenset[Surface] = frozenset(Surface)
"""Every surface; the default filter of :func:`drivers` and :func:`checklist`."""


# --- parameters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DriverParams:
    """What counts as a driver, and which alternatives the counterfactuals try."""

    min_effect: float = 0.02
    """Smallest relative gain of median reach reported as a driver (0.02 = +2 %). Assumption:
    below that the gain is within what users cannot tell apart from noise."""

    min_base_reach: float = 5.0
    """Accounts. A surface whose unchanged median reach is below this is not used for a relative
    effect (a change from 1 to 3 accounts is +200 % and means nothing). Assumption."""

    max_total_loss: float = 0.02
    """A change that raises one surface but lowers the draft's total median reach by more than
    this fraction is not offered. Assumption."""

    reel_durations_s: tuple[float, ...] = (15.0, 30.0, 60.0, 90.0)
    """Alternative lengths tried for reels and feed videos (the best one is reported). Source:
    calibration T11 compares < 30 s with 30-90 s reels."""

    story_duration_s: float = 15.0
    """Length tried for a longer video story. Assumption: one 15 s story frame."""

    carousel_slides: int = 5
    """Slides of the carousel tried instead of a single photo. Assumption."""

    targeted_hashtags: int = 3
    """How many targeted hashtags the hashtag counterfactual uses. Source: Instagram recommends
    "fewer (up to 5) more targeted hashtags" (ranking-signals.md section 5f)."""

    generic_hashtags: frozenset[str] = frozenset(
        {"fyp", "foryou", "foryoupage", "viral", "reels", "reel", "explore", "explorepage"}
        | {"instagood", "instagram", "insta", "trending", "photooftheday", "follow", "like4like"}
    )
    """Hashtags that say nothing about the content. Source: generic tags such as #reels and
    #explore do not help (ranking-signals.md section 7)."""

    short_caption_chars: int = 20
    """A caption shorter than this counts as missing. Assumption."""

    caption_chars: int = 125
    """Length of the caption the caption counterfactual writes. Assumption: the part of a caption
    shown before "more"."""

    time_search_samples: int = 128
    """Monte Carlo samples of the hour search (:func:`best_hours`), at most the caller's.
    Numerical: the search only ranks the hours of one day, with common random numbers; the
    hour it picks is then scored with the caller's samples, like every other change."""

    spacing_window_h: float = 24.0
    """Hours. Another draft of the account within this distance is named in a spacing driver.
    Assumption; the model itself decides how much two drafts compete."""


DEFAULT_DRIVER_PARAMS = DriverParams()
"""The driver parameters igalgo uses unless told otherwise."""


@dataclass(frozen=True)
class ChecklistParams:
    """Thresholds of the checklist rules: where ``ok`` turns into ``improve`` and ``act``."""

    non_follower_share_improve: float = 0.20
    """Below this share of median reach from non-followers, the market item says improve.
    Assumption: Meta says over half of what people see on Instagram is recommended (2024)."""

    non_follower_share_act: float = 0.08
    """Below this share in a market of low popularity, the market item says act. Assumption."""

    activity_improve: float = 0.80
    """A usual posting time when fewer followers are online than this fraction of the
    account's peak hour makes audience presence say improve. Assumption."""

    activity_act: float = 0.50
    """Below this fraction of the peak, audience presence says act. Assumption."""

    timing_improve: float = 0.90
    """A draft that gets less than this fraction of the median reach the best hour of its day
    gives on its main surface (the model's counterfactual) makes timing say improve.
    Assumption: a tenth of the reach is worth moving a post for."""

    timing_act: float = 0.70
    """Below this fraction, timing says act. Assumption."""

    min_gap_h: float = 3.0
    """Hours. Two drafts closer than this on the same surface family make frequency say act.
    Assumption: feed recency decays over hours (model.md)."""

    min_feed_posts_per_week: float = 2.0
    """Fewer feed posts (photo, carousel, video, reel) per week than this makes frequency say
    improve. Assumption: the seed's "keep posting, give it time"."""

    min_stories_per_week: float = 3.0
    """The same for stories, when the checklist is about stories alone. Assumption: stories
    keep followers in touch when they come several times a week."""

    min_reels_per_week: float = 1.0
    """The same for reels, when the checklist is about the Reels tab alone. Assumption."""

    engagement_improve: float = 0.006
    """Engagement rate below which interaction says improve. Source: median brand ER 0.47-0.67 %
    (calibration T8)."""

    engagement_act: float = 0.003
    """Engagement rate below which interaction says act: about half the brand median. Assumption."""

    short_caption_chars: int = 20
    """A caption shorter than this counts as missing for profiling. Assumption."""

    dispersion_improve: float = 5.0
    """P90/P10 of a surface's reach above which one post says little and measuring advises
    judging over several posts. Source: calibration T13 (explore and reels are heavy-tailed)."""


DEFAULT_CHECKLIST_PARAMS = ChecklistParams()
"""The checklist thresholds igalgo uses unless told otherwise."""


# --- drivers ---------------------------------------------------------------------------------


class Scorer(Protocol):
    """The shape of :func:`igalgo.world.model.score_drafts`, as the drivers call it."""

    def __call__(
        self,
        account: Account,
        drafts: Sequence[Draft],
        *,
        seed: int = 0,
        compete: bool = True,
        params: Any = None,
        settings: EngineSettings | None = None,
    ) -> list[DraftEstimate]:
        """Estimates of ``drafts`` in order."""
        ...


@dataclass(frozen=True)
class Counterfactual:
    """A changed copy of one draft, to be scored against the unchanged draft."""

    index: int
    """Position of the unchanged draft in the list given to :func:`counterfactuals`."""
    lever: Lever
    change: str
    """The change in words, as shown to the user."""
    draft: Draft
    surfaces: frozenset[Surface] | None = None
    """The surfaces its effect is measured on, when narrower than the caller's: a move to the
    best hour is measured on the draft's main surface, the one the hour was chosen for."""


@dataclass(frozen=True)
class BestHour:
    """Where the timing lever moves a draft: the hour of its local day at which a plain
    template of its format reaches most on its main surface."""

    surface: Surface
    """The draft's main surface: of the surfaces asked about that its format reaches, the one
    where the template reaches most over the day."""
    publish_at: datetime
    """The best hour on the draft's own local date."""


def best_hours(
    account: Account,
    drafts: Sequence[Draft],
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    targets: Iterable[int] | None = None,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    model_params: Any = None,
    scorer: Scorer | None = None,
) -> dict[int, BestHour]:
    """The best hour of each target draft's local day, by the model's own numbers.

    The numbers ``igalgo plan``'s heatmap uses: a plain template of the draft's format
    (:func:`igalgo.planning.templates.template_draft`) scored on its own (``compete=False``) at
    every
    hour of the day, median reach on the main surface. The model has no seasons, so drafts
    of the same format on the same weekday (and UTC offset) share one search; all searches
    go into ONE call of ``scorer``. Drafts whose format reaches none of ``surfaces`` are left
    out, and so is a best hour that does not exist on the draft's own date.
    """
    if scorer is None:
        from igalgo.world.model import score_drafts

        scorer = score_drafts
    zone = ZoneInfo(account.timezone)
    keys: dict[int, tuple[Format, int, timedelta | None]] = {}
    days: dict[tuple[Format, int, timedelta | None], date] = {}
    for index in range(len(drafts)) if targets is None else targets:
        draft = drafts[index]
        if not FORMAT_SURFACES[draft.format] & surfaces:
            continue
        local = draft.publish_at.astimezone(zone)
        key = (draft.format, local.weekday(), local.utcoffset())
        keys[index] = key
        days.setdefault(key, local.date())
    batch: list[Draft] = []
    spans: dict[tuple[Format, int, timedelta | None], tuple[int, list[datetime]]] = {}
    for key, day in days.items():
        times = day_hours(day, zone)
        spans[key] = (len(batch), times)
        batch.extend(template_draft(key[0], when) for when in times)
    if not batch:
        return {}
    scored = scorer(
        account, batch, seed=seed, compete=False, params=model_params, settings=settings
    )
    chosen: dict[tuple[Format, int, timedelta | None], tuple[Surface, int]] = {}
    for key, (start, times) in spans.items():
        estimates = scored[start : start + len(times)]
        shown = [s for s in Surface if s in FORMAT_SURFACES[key[0]] & surfaces]
        main = max(
            shown,
            key=lambda s: (sum(e.surfaces[s].reach.p50 for e in estimates), -shown.index(s)),
        )
        values = [e.surfaces[main].reach.p50 for e in estimates]
        best = max(range(len(times)), key=lambda i: (values[i], -i))  # earliest on ties
        chosen[key] = (main, times[best].hour)
    found = {}
    for index, key in keys.items():
        main, hour = chosen[key]
        own_day = drafts[index].publish_at.astimezone(zone).date()
        when = local_time(own_day, hour, zone)
        if when is not None:
            found[index] = BestHour(main, when)
    return found


def counterfactuals(
    account: Account,
    drafts: Sequence[Draft],
    *,
    targets: Iterable[int] | None = None,
    best: Mapping[int, BestHour] | None = None,
    limits: FormatLimits = DEFAULT_LIMITS,
    params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> list[Counterfactual]:
    """Every change worth trying for the drafts at ``targets`` (default all); scores nothing.

    Several alternatives of one lever (e.g. durations) may be listed; :func:`drivers` keeps the
    best of each lever. The publish time is moved to the draft's :class:`BestHour` from
    ``best`` (by position; see :func:`best_hours`), when that is another hour; without it no
    time is tried. Spacing is not here: it is measured from the competing estimates.
    """
    out: list[Counterfactual] = []
    for index in range(len(drafts)) if targets is None else targets:
        draft = drafts[index]
        hour = None if best is None else best.get(index)
        if hour is not None:
            local = draft.publish_at.astimezone(ZoneInfo(account.timezone))
            if hour.publish_at.hour != local.hour:
                change = f"publish at {hour.publish_at:%H}:00 instead of {local:%H:%M}"
                moved = dataclasses.replace(draft, publish_at=hour.publish_at)
                out.append(
                    Counterfactual(index, Lever.TIME, change, moved, frozenset({hour.surface}))
                )
        for lever, change, changed in _alternatives(account, draft, limits, params):
            out.append(Counterfactual(index, lever, change, changed))
    return out


def drivers(
    account: Account,
    drafts: Sequence[Draft],
    *,
    settings: EngineSettings = DEFAULT_SETTINGS,
    seed: int = 0,
    competing: Sequence[DraftEstimate] | None = None,
    targets: Iterable[int] | None = None,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    model_params: Any = None,
    limits: FormatLimits = DEFAULT_LIMITS,
    params: DriverParams = DEFAULT_DRIVER_PARAMS,
    scorer: Scorer | None = None,
) -> list[tuple[Driver, ...]]:
    """The top changes for each draft, best first, measured by the model's counterfactuals.

    First :func:`best_hours` finds the hour each draft's timing lever moves it to (one call
    of ``scorer`` at ``params.time_search_samples``, or ``settings.samples`` if fewer). Then the
    unchanged drafts and all their changed copies are scored in ONE call of ``scorer``
    (default :func:`igalgo.world.model.score_drafts`) with ``compete=False``, ``seed`` and
    ``samples``.
    The engine gives every draft of a call the same block of random numbers, wherever it
    stands in the batch (common random numbers), so a copy differs from its original only by
    the change.

    A driver's effect is the relative change of median reach on the surface it raises most
    (see :class:`~igalgo.domain.Driver`); only gains of at least ``params.min_effect`` that do
    not cost more than ``params.max_total_loss`` of total reach are kept, the best one per
    lever, and only on ``surfaces`` (the timing lever only on the draft's main surface).

    ``competing`` are the estimates of the same list scored together (``compete=True``, same
    seed and samples). When given, a draft that loses reach to the account's other drafts
    gets a spacing driver: the gain of scoring it on its own.

    ``targets`` are the positions to find drivers for (default all); the other drafts are
    there as neighbours (they count for spacing). Returns one tuple per draft, in the order of
    ``drafts``; drafts not in ``targets`` get an empty tuple.
    """
    if scorer is None:
        from igalgo.world.model import score_drafts

        scorer = score_drafts
    wanted = list(range(len(drafts))) if targets is None else sorted(set(targets))
    hours = best_hours(
        account,
        drafts,
        settings=settings.with_samples(min(params.time_search_samples, settings.samples)).plain(),
        seed=seed,
        targets=wanted,
        surfaces=surfaces,
        model_params=model_params,
        scorer=scorer,
    )
    trials = counterfactuals(
        account, drafts, targets=wanted, best=hours, limits=limits, params=params
    )
    batch = [*(drafts[index] for index in wanted), *(trial.draft for trial in trials)]
    scored = scorer(
        account, batch, seed=seed, compete=False, params=model_params, settings=settings
    )
    alone = dict(zip(wanted, scored, strict=False))
    changed = scored[len(wanted) :]

    best: list[dict[Lever, Driver]] = [{} for _ in drafts]
    for trial, estimate in zip(trials, changed, strict=True):
        on = surfaces if trial.surfaces is None else trial.surfaces & surfaces
        found = measure(alone[trial.index], estimate, trial.change, trial.lever, on, params)
        kept = best[trial.index].get(trial.lever)
        if found is not None and (kept is None or found.effect > kept.effect):
            best[trial.index][trial.lever] = found
    if competing is not None:
        for index in wanted:
            spacing = _spacing_driver(
                index, drafts, competing[index], alone[index], surfaces, params
            )
            if spacing is not None:
                best[index][Lever.SPACING] = spacing
    return [
        tuple(sorted(found.values(), key=lambda d: (-d.effect, d.lever.value, d.change)))
        for found in best
    ]


def measure(
    base: DraftEstimate,
    changed: DraftEstimate,
    change: str,
    lever: Lever,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> Driver | None:
    """The driver for one change, or None when it is not a gain worth reporting.

    Compares median reach surface by surface. A surface the change opens (ineligible before,
    eligible after, with reach) makes the effect the relative change of total median reach.
    """
    base_total, new_total = base.total.p50, changed.total.p50
    if base_total > 0 and (new_total - base_total) / base_total < -params.max_total_loss:
        return None
    opened = [
        s
        for s in sorted(surfaces)
        if not base.surfaces[s].eligible
        and changed.surfaces[s].eligible
        and changed.surfaces[s].reach.p50 > 0
    ]
    if opened and base_total >= params.min_base_reach:
        surface = max(opened, key=lambda s: changed.surfaces[s].reach.p50)
        effect = (new_total - base_total) / base_total
        return Driver(change, surface, effect, lever, opens_surface=True) if effect > 0 else None
    gains = {
        s: changed.surfaces[s].reach.p50 / base.surfaces[s].reach.p50 - 1.0
        for s in sorted(surfaces)
        if base.surfaces[s].eligible
        and changed.surfaces[s].eligible
        and base.surfaces[s].reach.p50 >= params.min_base_reach
    }
    if not gains:
        return None
    surface = max(gains, key=lambda s: gains[s])
    if gains[surface] < params.min_effect:
        return None
    return Driver(change, surface, gains[surface], lever)


def _spacing_driver(
    index: int,
    drafts: Sequence[Draft],
    together: DraftEstimate,
    alone: DraftEstimate,
    surfaces: frozenset[Surface],
    params: DriverParams,
) -> Driver | None:
    """Spacing: what the draft would gain without the account's nearest other draft."""
    draft = drafts[index]
    window = timedelta(hours=params.spacing_window_h)
    others = [
        other
        for other in drafts
        if other is not draft and abs(other.publish_at - draft.publish_at) <= window
    ]
    if not others:
        return None
    nearest = min(others, key=lambda o: (abs(o.publish_at - draft.publish_at), o.id))
    gap = _duration_words(abs(nearest.publish_at - draft.publish_at))
    change = f"space it further from '{nearest.id}' ({gap} apart)"
    return measure(together, alone, change, Lever.SPACING, surfaces, params)


def _alternatives(
    account: Account, draft: Draft, limits: FormatLimits, params: DriverParams
) -> Iterable[tuple[Lever, str, Draft]]:
    """(lever, change in words, changed draft) for every alternative worth scoring, but the
    publish time (see :func:`counterfactuals`)."""
    replace = dataclasses.replace
    # Format: a single photo as a carousel; a feed video as a reel (opens the Reels tab).
    if draft.format is Format.PHOTO:
        slides = min(
            max(params.carousel_slides, limits.carousel_min_slides), limits.carousel_max_slides
        )
        change = f"make it a carousel of {slides} slides instead of a single photo"
        yield Lever.FORMAT, change, replace(draft, format=Format.CAROUSEL, slides=slides)
    if draft.format is Format.VIDEO:
        duration = draft.duration_s
        change = "share it as a reel instead of a feed video"
        if duration is not None and duration > limits.reel_max_duration_s:
            duration = limits.reel_max_duration_s
            change = f"cut it to {_seconds_words(duration)} and share it as a reel"
        yield Lever.FORMAT, change, replace(draft, format=Format.REEL, duration_s=duration)

    # Duration: the alternative lengths the params list, within the format's limit.
    current = draft.duration_s
    if current is not None and draft.format in (Format.REEL, Format.VIDEO):
        top = limits.max_duration_s(draft.format) or current
        for length in params.reel_durations_s:
            if length != current and length <= top:
                change = (
                    f"make it {_seconds_words(length)} long instead of {_seconds_words(current)}"
                )
                yield Lever.DURATION, change, replace(draft, duration_s=length)
    if current is not None and draft.format is Format.STORY and current > params.story_duration_s:
        length = params.story_duration_s
        change = f"cut it to {_seconds_words(length)} instead of {_seconds_words(current)}"
        yield Lever.DURATION, change, replace(draft, duration_s=length)

    # Audio, quality, watermark: the reels-tab signals the seed names.
    if (
        draft.format in (Format.REEL, Format.VIDEO, Format.STORY)
        and draft.audio is not Audio.TRENDING
    ):
        change = f"use trending audio instead of {_audio_words(draft.audio)}"
        yield Lever.AUDIO, change, replace(draft, audio=Audio.TRENDING)
    if draft.quality is not Quality.HIGH:
        change = f"raise production quality to high (now {draft.quality.value})"
        yield Lever.QUALITY, change, replace(draft, quality=Quality.HIGH)
    if draft.watermark:
        yield Lever.WATERMARK, "drop the other app's watermark", replace(draft, watermark=False)

    # Hashtags: a few targeted ones instead of none, many or generic ones.
    if draft.format is not Format.STORY:
        tags = _targeted_hashtags(account, draft, params)
        if tags != draft.hashtags:
            generic = [t for t in draft.hashtags if t.lower() in params.generic_hashtags]
            if generic:
                names = ", ".join(f"#{t}" for t in generic)
                change = f"replace the generic hashtags {names} with targeted ones"
            elif not draft.hashtags:
                change = f"add {len(tags)} targeted hashtags"
            else:
                change = f"keep {len(tags)} targeted hashtags instead of {len(draft.hashtags)}"
            yield Lever.HASHTAGS, change, replace(draft, hashtags=tags)

    # Caption: a missing or very short caption written out.
    if len(draft.caption.strip()) < params.short_caption_chars:
        caption = _caption_of_length(draft.caption, params.caption_chars, limits)
        change = f"write a caption of about {params.caption_chars} characters"
        yield Lever.CAPTION, change, replace(draft, caption=caption)


def _targeted_hashtags(account: Account, draft: Draft, params: DriverParams) -> tuple[str, ...]:
    """The draft's own specific hashtags, topped up from its market and place, at most N."""
    wanted = params.targeted_hashtags
    tags = [t for t in draft.hashtags if t.lower() not in params.generic_hashtags][:wanted]
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


def _audio_words(audio: Audio) -> str:
    """How a sound is named in a change sentence."""
    return "no sound" if audio is Audio.NONE else f"{audio.value} audio"


def _seconds_words(seconds: float) -> str:
    """``25 s`` or ``3:00`` for a duration in seconds."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d} min"


def _duration_words(delta: timedelta) -> str:
    """``30 min`` or ``5 h`` for a gap between two drafts."""
    minutes = round(delta.total_seconds() / 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes / 60:.0f} h"


# --- checklist -------------------------------------------------------------------------------


@dataclass
class Evidence:
    """The model's numbers the checklist needs, accumulated draft by draft.

    It holds sums and maxima only, so a report over 100,000 drafts folds them in one pass in
    constant memory (``igalgo score --format ndjson``).
    """

    drafts: int = 0
    """How many estimates were added."""
    reach: dict[Surface, float] = field(default_factory=lambda: dict.fromkeys(Surface, 0.0))
    """Sum over drafts of median reach per surface."""
    followers: float = 0.0
    """Sum over drafts and surfaces of median reach among followers."""
    non_followers: float = 0.0
    """Sum over drafts and surfaces of median reach among non-followers."""
    feed_drafts: int = 0
    """Drafts eligible for feed (to average the feed reach rate)."""
    eligible: dict[Surface, int] = field(default_factory=lambda: dict.fromkeys(Surface, 0))
    """Drafts eligible for each surface (to average reach per draft there)."""
    interactions: float = 0.0
    """Sum over drafts of expected likes + comments + saves + shares."""
    dispersion: dict[Surface, tuple[float, str, float, float]] = field(default_factory=dict)
    """Per surface, the widest P90/P10 seen: (ratio, draft id, p10, p90)."""
    best_driver: dict[Lever, tuple[float, str, Driver]] = field(default_factory=dict)
    """Per lever, the largest driver seen: (effect, draft id, driver)."""
    driver_counts: dict[Lever, int] = field(default_factory=dict)
    """Per lever, how many drafts have a driver of it."""

    def add(self, estimate: DraftEstimate, found: Sequence[Driver] = ()) -> None:
        """Fold one draft's estimate and its drivers in."""
        self.drafts += 1
        draft_id = estimate.draft.id
        for surface, result in estimate.surfaces.items():
            if not result.eligible:
                continue
            reach = result.reach
            self.eligible[surface] += 1
            self.reach[surface] += reach.p50
            self.followers += result.followers
            self.non_followers += result.non_followers
            if reach.p10 > 0:
                ratio = reach.p90 / reach.p10
                # Ties go to the larger id, so the result does not depend on the order.
                if (ratio, draft_id) > self.dispersion.get(surface, (0.0, "", 0.0, 0.0))[:2]:
                    self.dispersion[surface] = (ratio, draft_id, reach.p10, reach.p90)
        if estimate.surfaces[Surface.FEED].eligible:
            self.feed_drafts += 1
        actions = estimate.actions
        self.interactions += actions.likes + actions.comments + actions.saves + actions.shares
        for driver in found:
            self.driver_counts[driver.lever] = self.driver_counts.get(driver.lever, 0) + 1
            kept = self.best_driver.get(driver.lever)
            if kept is None or (driver.effect, draft_id) > kept[:2]:
                self.best_driver[driver.lever] = (driver.effect, draft_id, driver)

    @property
    def total_reach(self) -> float:
        """Sum over drafts and surfaces of median reach."""
        return sum(self.reach.values())


@dataclass(frozen=True)
class Facts:
    """What a checklist rule judges from: the profile, the drafts and the model's numbers."""

    account: Account
    drafts: Sequence[Draft]
    evidence: Evidence
    params: ChecklistParams
    surfaces: frozenset[Surface] = ALL_SURFACES
    """The surfaces the user asked about; rules speak of those (a stories plan hears about
    stories, not feed posts)."""
    template: bool = False
    """True when the drafts are the planner's plain template posts: the planner chose their
    format and left out captions, so format mix and presentation are not the user's to judge."""


@dataclass(frozen=True)
class Rule:
    """One checklist item: a stable id, the seed's wording, its surfaces and its judge."""

    id: str
    title: str
    """The item as the seed phrases it."""
    surfaces: frozenset[Surface]
    judge: Callable[[Facts], tuple[Status, str]]
    """Returns the status and one sentence that quotes the number behind it."""


def checklist(
    account: Account,
    drafts: Sequence[Draft],
    estimates: Iterable[DraftEstimate] | Evidence,
    *,
    found: Sequence[Sequence[Driver]] | None = None,
    surfaces: frozenset[Surface] = ALL_SURFACES,
    template: bool = False,
    params: ChecklistParams = DEFAULT_CHECKLIST_PARAMS,
) -> tuple[ChecklistItem, ...]:
    """The seed's strategy checklist for one account, in the seed's order.

    ``estimates`` are the drafts' estimates (scored together, as published), or an
    :class:`Evidence` already folded from them. ``found`` are the drivers of each draft, as
    :func:`drivers` returns them; rules quote their effects. Only items that concern one of
    ``surfaces`` are returned, and they speak of those surfaces (formats, frequencies and
    rates that matter there). ``template`` says that the drafts are the planner's plain
    template posts (see :attr:`Facts.template`).
    """
    if isinstance(estimates, Evidence):
        evidence = estimates
    else:
        evidence = Evidence()
        for index, estimate in enumerate(estimates):
            evidence.add(estimate, found[index] if found is not None else ())
    # Rules see the drafts in publish order, so their sentences do not depend on file order.
    ordered = sorted(drafts, key=lambda d: d.publish_at)
    facts = Facts(account, ordered, evidence, params, surfaces, template)
    items = []
    for rule in RULES:
        if rule.surfaces & surfaces:
            status, message = rule.judge(facts)
            items.append(ChecklistItem(rule.id, status, message, rule.surfaces))
    return tuple(items)


def effect_words(effect: float) -> str:
    """A relative change as people say it: ``+41 %`` below doubling, ``6.2x`` or ``200x``
    from there on (``+19,849 %`` says less than ``200x``)."""
    if effect < 1.0:
        return f"{effect * 100:+.0f} %"
    factor = 1.0 + effect
    return f"{factor:.1f}x" if factor < 10 else f"{factor:,.0f}x"


def _percent(value: float) -> str:
    """``41 %`` (the report's way of writing a share)."""
    return f"{value * 100:.0f} %"


def _of(part: int, whole: int) -> str:
    """``1 of 4 drafts`` or ``all 3 drafts``."""
    if part == whole:
        return f"all {whole} drafts" if whole != 1 else "the only draft"
    return f"{part} of {whole} drafts"


def _count(value: float) -> str:
    """``4,200`` (a count of accounts or actions)."""
    return f"{value:,.0f}"


PLURALS: Mapping[Format, str] = MappingProxyType(
    {
        Format.PHOTO: "photos",
        Format.CAROUSEL: "carousels",
        Format.VIDEO: "videos",
        Format.REEL: "reels",
        Format.STORY: "stories",
    }
)
"""The plural of each format's name, as sentences use it (stories, not storys)."""


def format_count(count: int, fmt: Format) -> str:
    """``1 story``, ``3 stories``."""
    return f"{count} {fmt.value if count == 1 else PLURALS[fmt]}"


def shown_formats(surfaces: frozenset[Surface]) -> list[Format]:
    """The formats that can be shown on at least one of ``surfaces``, in the enum's order."""
    return [fmt for fmt in Format if FORMAT_SURFACES[fmt] & surfaces]


def _are(count: int, whole: int, fmt: Format) -> str:
    """``All 3 drafts are reels``, ``1 of the 4 drafts is a story``, ``The only draft is a
    photo``."""
    if count == whole:
        return (
            f"All {count} drafts are {PLURALS[fmt]}"
            if count != 1
            else f"The only draft is a {fmt.value}"
        )
    verb = f"is a {fmt.value}" if count == 1 else f"are {PLURALS[fmt]}"
    return f"{count} of the {whole} drafts {verb}"


def _surfaces_words(surfaces: frozenset[Surface]) -> str:
    """``stories``, ``feed or explore``, ``any surface``."""
    if surfaces >= ALL_SURFACES:
        return "any surface"
    return " or ".join(surface.value for surface in sorted(surfaces))


def _main_surface(facts: Facts) -> Surface:
    """The asked-for surface on which the drafts have the most median reach (the first in
    enum order when none has any)."""
    ordered = [surface for surface in Surface if surface in facts.surfaces]
    return max(ordered, key=lambda s: (facts.evidence.reach[s], -ordered.index(s)))


def _reach_per_draft(evidence: Evidence, surface: Surface) -> float:
    """Mean over the drafts that can be shown on ``surface`` of their median reach there."""
    count = evidence.eligible[surface]
    return evidence.reach[surface] / count if count else 0.0


def _quote_driver(facts: Facts, *levers: Lever) -> str:
    """``; the model's largest gain from fixing this is feed reach +41 % ('id')`` for the
    best driver of the levers over all drafts, or an empty string when they have none."""
    found = [
        facts.evidence.best_driver[lever] for lever in levers if lever in facts.evidence.best_driver
    ]
    if not found:
        return ""
    effect, draft_id, driver = max(found, key=lambda kept: (kept[0], kept[1]))
    where = "total" if driver.opens_surface else driver.surface.value
    gain = f"{where} reach {effect_words(effect)}"
    return f"; the model's largest gain from fixing this is {gain} ({_named(facts, draft_id)})"


def _named(facts: Facts, draft_id: str) -> str:
    """A draft as advice names it: its id in quotes, or for the planner's template posts
    (whose ids the user never wrote) its format and local publish time."""
    if not facts.template:
        return f"'{draft_id}'"
    draft = next((d for d in facts.drafts if d.id == draft_id), None)
    if draft is None:
        return f"'{draft_id}'"
    local = draft.publish_at.astimezone(ZoneInfo(facts.account.timezone))
    return f"the {draft.format.value} of {local:%a %d %b %H:%M}"


def _judge_market(facts: Facts) -> tuple[Status, str]:
    market = facts.account.market
    evidence = facts.evidence
    reached = evidence.followers + evidence.non_followers
    share = evidence.non_followers / reached if reached > 0 else 0.0
    where = f"{market.niche.value} ({market.popularity.value} popularity on Instagram)"
    quoted = f"non-followers are {_percent(share)} of the drafts' median reach in {where}"
    if market.popularity is Popularity.LOW and share < facts.params.non_follower_share_act:
        return Status.ACT, (
            f"Only {quoted}: the pool of interested people is small; pair your niche with a "
            "more popular neighbouring topic, and use reels to find them."
        )
    if share < facts.params.non_follower_share_improve:
        crowded = market.popularity is Popularity.HIGH
        reason = "a crowded market, so" if crowded else "so"
        return Status.IMPROVE, (
            f"Only {quoted}: {reason} most reach comes from people who already follow you; "
            "reels and shareable carousels are how the market finds you."
        )
    return Status.OK, f"{quoted[0].upper()}{quoted[1:]}: the market has room for your content."


def _judge_strategy(facts: Facts) -> tuple[Status, str]:
    shown = shown_formats(facts.surfaces)
    drafts = [draft for draft in facts.drafts if draft.format in shown]
    total, whole = len(drafts), len(facts.drafts)
    surface = _main_surface(facts)
    per_draft = f"a median {_count(_reach_per_draft(facts.evidence, surface))} accounts each"
    if total == 0:
        kinds = " or ".join(PLURALS[fmt] for fmt in shown)
        return Status.IMPROVE, (
            f"No draft can be shown on {_surfaces_words(facts.surfaces)} (0 of {whole}): plan "
            f"{kinds} for the surface you care about."
        )
    if len(shown) == 1:
        # Stories and the Reels tab show one format each: there is no mix to judge.
        (only,) = shown
        posts = (
            f"The plan's {total} posts are plain {PLURALS[only]}"
            if facts.template
            else _are(total, whole, only)
        )
        return Status.OK, (
            f"{posts}, the only format {surface.value} shows; they reach {per_draft} there."
        )
    formats = Counter(draft.format for draft in drafts)
    if facts.template:
        # The planner chose the format: the one the model gives the most reach there.
        (top_format, _), *_ = sorted(formats.items(), key=lambda kv: (-kv[1], kv[0].value))
        return Status.OK, (
            f"The plan uses plain {PLURALS[top_format]}, the format that reaches most on "
            f"{surface.value} for this account in the model ({per_draft} there); your own "
            "drafts can mix in other formats."
        )
    reach = facts.evidence.reach
    top = max(sorted(facts.surfaces), key=lambda s: reach[s])
    in_view = sum(reach[s] for s in facts.surfaces)
    top_share = reach[top] / in_view if in_view > 0 else 0.0
    carried = f"{_percent(top_share)} of their median reach is on {top.value}"
    if len(facts.surfaces) == 1:  # a share of one surface says nothing
        carried = f"they reach {per_draft} on {surface.value}"
    if total >= 3 and len(formats) == 1:
        (only,) = formats
        return Status.ACT, (
            f"{_are(total, whole, only)} and {carried}: mix formats, each format is ranked on "
            "its own signals and reaches its own audience."
        )
    if formats[Format.REEL] == 0:
        return Status.IMPROVE, (
            f"0 of the {total} drafts are reels and {carried}: add reels, the format that "
            "reaches people who do not follow you yet."
        )
    mix = ", ".join(format_count(n, fmt) for fmt, n in sorted(formats.items()))
    return Status.OK, f"The {total} drafts mix formats ({mix}) and {carried}."


def _judge_profiling(facts: Facts) -> tuple[Status, str]:
    drafts = facts.drafts
    if facts.template:
        # Template posts are plain on purpose; what presentation adds is the advice.
        return Status.OK, (
            f"The {len(drafts)} planned posts are plain templates: give yours a caption, "
            "targeted hashtags and high quality to show what sets you apart"
            f"{_quote_driver(facts, Lever.QUALITY, Lever.CAPTION, Lever.HASHTAGS)}."
        )
    marked = [d.id for d in drafts if d.watermark]
    if marked:
        names = ", ".join(f"'{i}'" for i in marked)
        return Status.ACT, (
            f"Another app's watermark is on {_of(len(marked), len(drafts))} ({names}): "
            "Instagram recommends original content only"
            f"{_quote_driver(facts, Lever.WATERMARK)}."
        )
    short = facts.params.short_caption_chars
    weak = [d.id for d in drafts if d.quality is Quality.LOW or len(d.caption.strip()) < short]
    if weak:
        names = ", ".join(f"'{i}'" for i in weak[:3]) + (", ..." if len(weak) > 3 else "")
        return Status.IMPROVE, (
            f"Low quality or a missing caption on {_of(len(weak), len(drafts))} ({names}): "
            f"they do not show what sets you apart{_quote_driver(facts, Lever.QUALITY)}."
        )
    every = f"All {len(drafts)} drafts are" if len(drafts) != 1 else "The only draft is"
    return Status.OK, f"{every} original, at least standard quality and captioned."


def _judge_timing(facts: Facts) -> tuple[Status, str]:
    # The model's own counterfactual, the numbers of igalgo plan's heatmap: each draft against
    # the best hour of its local day on its main surface (see best_hours), so that the
    # checklist never calls "act" on an hour the plan recommends.
    params, evidence = facts.params, facts.evidence
    every = "Every planned post" if facts.template else "Every draft"
    kept = evidence.best_driver.get(Lever.TIME)
    if kept is None:
        floor = 1.0 / (1.0 + DEFAULT_DRIVER_PARAMS.min_effect)
        return Status.OK, (
            f"{every} goes out at an hour that gets at least {_percent(floor)} of the reach "
            "the best hour of its day gives on its main surface, by the model's numbers."
        )
    effect, draft_id, driver = kept
    share = 1.0 / (1.0 + effect)
    where = driver.surface.value
    named = _named(facts, draft_id)
    quoted = (
        f"{named} gets {_percent(share)} of the {where} reach of the best hour of its day "
        f"({driver.change}: {where} reach {effect_words(effect)})"
    )
    if share >= params.timing_improve:
        return Status.OK, (
            f"{every} gets at least {_percent(share)} of the reach the best hour of its day "
            f"gives on its main surface (the furthest off, {named}: {driver.change}, "
            f"{where} reach {effect_words(effect)})."
        )
    moved = evidence.driver_counts.get(Lever.TIME, 0)
    count = f"{moved} of {evidence.drafts} drafts would reach more at another hour of their day"
    if share < params.timing_act:
        return Status.ACT, f"Move your drafts to the model's best hours: {count}; {quoted}."
    return Status.IMPROVE, f"{count}; {quoted}."


@dataclass(frozen=True)
class _Cadence:
    """Which posts a frequency sentence counts, the profile's habit and the floor."""

    formats: frozenset[Format]
    noun: str
    habit: float
    habit_words: str
    minimum: float


def _cadence(facts: Facts) -> _Cadence:
    """The frequency that matters for the surfaces asked about: stories for the stories tray,
    reels for the Reels tab, feed posts and reels otherwise (a reel is shared to the feed)."""
    posting, params = facts.account.posting, facts.params
    if facts.surfaces == frozenset({Surface.STORIES}):
        habit = posting.stories_per_week
        words = _weekly(habit, "story", "stories")
        return _Cadence(
            frozenset({Format.STORY}), "stories", habit, words, params.min_stories_per_week
        )
    if facts.surfaces == frozenset({Surface.REELS}):
        habit = posting.reels_per_week
        words = _weekly(habit, "reel", "reels")
        return _Cadence(frozenset({Format.REEL}), "reels", habit, words, params.min_reels_per_week)
    feed, reels = posting.feed_per_week, posting.reels_per_week
    words = f"{_weekly(feed, 'feed post', 'feed posts')} and {_weekly(reels, 'reel', 'reels')}"
    formats = frozenset(Format) - {Format.STORY}
    minimum = params.min_feed_posts_per_week
    return _Cadence(formats, "feed posts and reels", feed + reels, words, minimum)


def _weekly(count: float, one: str, many: str) -> str:
    """``1 reel``, ``0.5 reels``, ``3 feed posts`` (a profile's posts per week)."""
    return f"{count:g} {one if count == 1 else many}"


def posts_per_week(times: Sequence[datetime]) -> float:
    """Posts per week of a schedule: the posts over the weeks they span, counted from the first
    post (a week of drafts from Tuesday to Monday is one week, 4 weekly posts are 4 weeks)."""
    if not times:
        return 0.0
    span = (max(times) - min(times)).total_seconds() / 86400.0
    return len(times) / (math.floor(span / 7.0) + 1)


def _judge_frequency(facts: Facts) -> tuple[Status, str]:
    params = facts.params
    cadence = _cadence(facts)
    posts = sorted(
        (d for d in facts.drafts if d.format in cadence.formats), key=lambda d: d.publish_at
    )
    gaps = [
        (later.publish_at - earlier.publish_at, earlier.id, later.id)
        for earlier, later in itertools.pairwise(posts)
    ]
    close = [g for g in gaps if g[0] < timedelta(hours=params.min_gap_h)]
    if close:
        gap, first, second = min(close)
        return Status.ACT, (
            f"Leave at least {params.min_gap_h:.0f} h between {cadence.noun}: '{first}' and "
            f"'{second}' are {_duration_words(gap)} apart and compete for the same viewers"
            f"{_quote_driver(facts, Lever.SPACING)}."
        )
    per_week = posts_per_week([d.publish_at for d in posts])
    holder = "the plan holds" if facts.template else "the drafts hold"
    quoted = (
        f"{holder} {per_week:.1f} {cadence.noun} per week (the profile's usual: "
        f"{cadence.habit_words})"
    )
    if per_week < cadence.minimum:
        return Status.IMPROVE, (
            f"Post more steadily: {quoted}; reach builds with regular posting, give it time."
        )
    return Status.OK, (
        f"{quoted[0].upper()}{quoted[1:]}, none closer than {params.min_gap_h:.0f} h to another."
    )


def _judge_audience_presence(facts: Facts) -> tuple[Status, str]:
    account, params = facts.account, facts.params
    activity = account.follower_activity
    hours = activity.hours
    top = max(hours)
    times = account.posting.times
    peak = max(range(24), key=lambda h: (hours[h], -h))
    usual = sorted((hours[t.hour] / top if top > 0 else 1.0, t) for t in times)
    evidence = facts.evidence
    # The followers' own surface the user asked about: the stories tray, or else the feed.
    surface = Surface.STORIES if Surface.FEED not in facts.surfaces else Surface.FEED
    followers = account.followers
    share = _reach_per_draft(evidence, surface) / followers if followers else 0.0
    rate = (
        f"; the drafts reach a median {_percent(share)} of followers in {surface.value}"
        if evidence.eligible[surface]
        else ""
    )
    if tuple(hours) == DEFAULT_ACTIVITY_HOURS:
        return Status.IMPROVE, (
            f"The profile has no follower_activity, so the model assumes a typical day (peak "
            f"{peak:02d}:00){rate}: copy Instagram's 'Most active times' into the profile."
        )
    if usual:
        share, when = usual[0]
        quoted = (
            f"your usual posting time {when:%H:%M} has {_percent(share)} of the followers "
            f"online at {peak:02d}:00"
        )
        if share < params.activity_act:
            return Status.ACT, f"Move your routine: {quoted}{rate}."
        if share < params.activity_improve:
            return Status.IMPROVE, f"Shift your routine towards {peak:02d}:00: {quoted}{rate}."
    return Status.OK, (
        f"Your followers are online most at {peak:02d}:00 and your usual times match it{rate}."
    )


def _judge_interaction(facts: Facts) -> tuple[Status, str]:
    params = facts.params
    rate = facts.account.interaction.engagement_rate
    evidence = facts.evidence
    per_draft = evidence.interactions / evidence.drafts if evidence.drafts else 0.0
    quoted = (
        f"followers interact at {rate * 100:.1f} % per post (brand median about 0.5 %) and the "
        f"model expects {_count(per_draft)} likes, comments, saves and shares per draft"
    )
    if rate < params.engagement_act:
        return Status.ACT, (
            f"Low interaction: {quoted}; ask questions, invite saves and shares, and answer "
            "comments fast, as early engagement decides how far a post is pushed."
        )
    if rate < params.engagement_improve:
        return Status.IMPROVE, (
            f"Below the median: {quoted}; invite comments and shares in captions and stories."
        )
    return Status.OK, f"Healthy: {quoted}; keep inviting saves and shares."


def _judge_measuring(facts: Facts) -> tuple[Status, str]:
    account, params = facts.account, facts.params
    defaults = []
    if account.interaction == Interaction():
        defaults.append("engagement_rate")
    if account.follower_activity == FollowerActivity():
        defaults.append("follower_activity")
    if len(defaults) == 2:
        return Status.IMPROVE, (
            "The profile gives neither engagement_rate nor follower_activity, so 2 of the "
            "model's main inputs are defaults: read both from Instagram Insights."
        )
    asked = [kv for kv in facts.evidence.dispersion.items() if kv[0] in facts.surfaces]
    wide = sorted(asked, key=lambda kv: (-kv[1][0], kv[0]))
    if wide and wide[0][1][0] >= params.dispersion_improve:
        surface, (ratio, draft_id, p10, p90) = wide[0]
        return Status.IMPROVE, (
            f"{surface.value.capitalize()} reach of {_named(facts, draft_id)} spans {_count(p10)}-"
            f"{_count(p90)} (P10-P90, {ratio:.0f}x): judge {surface.value} over several posts, "
            "on reach and shares per surface, not on one post."
        )
    if not wide:
        return Status.OK, (
            f"No draft has a measurable reach range yet (0 of {facts.evidence.drafts} with a "
            "P10 above 0): compare posts on reach per surface and per follower."
        )
    return Status.OK, (
        f"Reach is stable across samples (P90/P10 at most {wide[0][1][0]:.1f}x): compare "
        "posts on reach per surface and per follower."
    )


_EVERY = ALL_SURFACES
_FOLLOWERS = frozenset({Surface.FEED, Surface.STORIES})
_DISCOVERY = frozenset({Surface.EXPLORE, Surface.REELS})
_INTERACTION = frozenset({Surface.FEED, Surface.EXPLORE})

RULES: tuple[Rule, ...] = (
    Rule("market", "which market you are in and how popular it is", _DISCOVERY, _judge_market),
    Rule("strategy", "how you reach your goals, which content that needs", _EVERY, _judge_strategy),
    Rule("profiling", "how you present yourself", _DISCOVERY, _judge_profiling),
    Rule("timing", "on which days and at which times you post", _FOLLOWERS, _judge_timing),
    Rule("frequency", "how often you post", _EVERY, _judge_frequency),
    Rule("audience_presence", "when followers are online", _FOLLOWERS, _judge_audience_presence),
    Rule("interaction", "how your followers react and interact", _INTERACTION, _judge_interaction),
    Rule("measuring", "which statistics you steer on", _EVERY, _judge_measuring),
)  # fmt: skip
"""The seed's eight checklist items, in its order; ids are stable (scripts rely on them)."""
