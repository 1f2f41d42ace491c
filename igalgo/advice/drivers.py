"""What to change about a draft: the model's counterfactuals, measured one change at a time.

:func:`drivers` lists, for each draft, the changes a user can make (publish time, format,
duration, audio, quality, watermark, hashtags, caption, spacing from the account's other
drafts), each with the model's own counterfactual effect: the changed draft is scored with
:func:`igalgo.world.model.score_drafts` on its own (``compete=False``) with the same seed and
settings as the unchanged draft, so common random numbers isolate the change; all copies of
all drafts go into one engine call. It accepts a set of surfaces to keep, so that a command
about one surface (``igalgo plan``) reuses it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Protocol
from zoneinfo import ZoneInfo

from igalgo.advice.templates import (
    DEFAULT_TEMPLATE,
    TemplateShape,
    day_hours,
    local_time,
    template_draft,
)
from igalgo.advice.wording import audio_words, duration_words, seconds_words
from igalgo.domain import (
    ALL_SURFACES,
    DEFAULT_LIMITS,
    FORMAT_SURFACES,
    Account,
    Audio,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    FormatLimits,
    Lever,
    Quality,
    Surface,
)
from igalgo.engine.settings import DEFAULT_SETTINGS, EngineSettings
from igalgo.parameters import Declared, at_least, positive, share

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

    time_search_samples: Annotated[int, at_least(1, "samples")] = 128
    """Monte Carlo samples of the hour search (:func:`best_hours`), at most the caller's.
    Numerical choice, not a model assumption: the search only ranks hours and the hour it
    picks is rescored (docs/decisions/0023-timing-judged-against-the-heatmap.md)."""

    spacing_window_h: Annotated[float, positive("hours")] = 24.0
    """Hours. Another draft of the account within this distance is named in a spacing driver.
    Assumption; the model itself decides how much two drafts compete."""

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


DEFAULT_DRIVER_PARAMS = DriverParams()
"""The driver parameters igalgo uses unless told otherwise."""

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
    template: TemplateShape = DEFAULT_TEMPLATE,
) -> dict[int, BestHour]:
    """The best hour of each target draft's local day, by the model's own numbers.

    The numbers ``igalgo plan``'s heatmap uses: a plain ``template`` of the draft's format
    (:func:`igalgo.advice.templates.template_draft`) scored on its own (``compete=False``) at
    every hour of the day, median reach on the main surface. The model has no seasons, so drafts
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
        batch.extend(template_draft(key[0], when, template) for when in times)
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
    template: TemplateShape = DEFAULT_TEMPLATE,
) -> list[tuple[Driver, ...]]:
    """The top changes for each draft, best first, measured by the model's counterfactuals.

    First :func:`best_hours` finds the hour each draft's timing lever moves it to, with
    ``template`` posts (one call of ``scorer`` at ``params.time_search_samples``, or
    ``settings.samples`` if fewer, plain medians). Then the unchanged drafts and all their
    changed copies are scored in ONE call of ``scorer`` (default
    :func:`igalgo.world.model.score_drafts`) with ``compete=False``, ``seed`` and ``settings``.
    The engine gives every draft of a call the same block of random numbers, wherever it
    stands in the batch (common random numbers), so a copy differs from its original only by
    the change.

    A driver's effect is the relative change of median reach on the surface it raises most
    (see :class:`~igalgo.domain.Driver`); only gains of at least ``params.min_effect`` that do
    not cost more than ``params.max_total_loss`` of total reach are kept, the best one per
    lever, and only on ``surfaces`` (the timing lever only on the draft's main surface).

    ``competing`` are the estimates of the same list scored together (``compete=True``, same
    seed and settings). When given, a draft that loses reach to the account's other drafts
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
        template=template,
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
    gap = duration_words(abs(nearest.publish_at - draft.publish_at))
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
            change = f"cut it to {seconds_words(duration)} and share it as a reel"
        yield Lever.FORMAT, change, replace(draft, format=Format.REEL, duration_s=duration)

    # Duration: the alternative lengths the params list, within the format's limit.
    current = draft.duration_s
    if current is not None and draft.format in (Format.REEL, Format.VIDEO):
        top = limits.max_duration_s(draft.format) or current
        for length in params.reel_durations_s:
            if length != current and length <= top:
                change = f"make it {seconds_words(length)} long instead of {seconds_words(current)}"
                yield Lever.DURATION, change, replace(draft, duration_s=length)
    if current is not None and draft.format is Format.STORY and current > params.story_duration_s:
        length = params.story_duration_s
        change = f"cut it to {seconds_words(length)} instead of {seconds_words(current)}"
        yield Lever.DURATION, change, replace(draft, duration_s=length)

    # Audio, quality, watermark: the reels-tab signals the seed names.
    if (
        draft.format in (Format.REEL, Format.VIDEO, Format.STORY)
        and draft.audio is not Audio.TRENDING
    ):
        change = f"use trending audio instead of {audio_words(draft.audio)}"
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
