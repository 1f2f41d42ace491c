"""The seed's strategy checklist for one account, judged from its profile, drafts and the
model's numbers.

:func:`checklist` judges the eight items of the seed's checklist (market, strategy,
profiling, timing, frequency, audience presence, interaction, measuring). Each item is a
declarative :class:`Rule` with a stable id; its judge returns a status and one sentence that
quotes the number behind it. It accepts a set of surfaces to keep, so that a command about one
surface (``igalgo plan``) speaks of that surface only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from igalgo.advice.best_hours import HourMeasure, rejected_words
from igalgo.advice.checklist_facts import Curve, Facts, named, quote_driver
from igalgo.advice.checklist_frequency import judge_frequency, posts_per_week
from igalgo.advice.checklist_params import DEFAULT_CHECKLIST_PARAMS, ChecklistParams
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams
from igalgo.advice.evidence import Evidence
from igalgo.advice.measuring import judge_interaction, judge_measuring
from igalgo.advice.wording import (
    PLURALS,
    count_words,
    drafts_are_words,
    drafts_words,
    effect_words,
    format_count,
    percent_words,
    surfaces_words,
)
from igalgo.domain import (
    ALL_SURFACES,
    DEFAULT_ACTIVITY_HOURS,
    FORMAT_SURFACES,
    Account,
    ChecklistItem,
    Draft,
    DraftEstimate,
    Driver,
    Format,
    Lever,
    Origin,
    Popularity,
    Quality,
    Status,
    Surface,
)
from igalgo.world.originality import OriginalityParams, unoriginal_share_with

# --- checklist -------------------------------------------------------------------------------

__all__ = [
    "DEFAULT_CHECKLIST_PARAMS",
    "RULES",
    "ChecklistParams",
    "Facts",
    "Rule",
    "checklist",
    "posts_per_week",
    "shown_formats",
]


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
    checklist_params: ChecklistParams = DEFAULT_CHECKLIST_PARAMS,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
    slots: Mapping[Surface, Sequence[str]] | None = None,
    hours: HourMeasure | None = None,
    curves: Mapping[Surface, Curve] | None = None,
) -> tuple[ChecklistItem, ...]:
    """The seed's strategy checklist for one account, in the seed's order.

    ``estimates`` are the drafts' estimates (scored together, as published), or an
    :class:`Evidence` already folded from them. ``found`` are the drivers of each draft, as
    :func:`~igalgo.advice.drivers.drivers` returns them with ``driver_params``; rules quote
    their effects. Only items that concern one of ``surfaces`` are returned, and they speak of
    those surfaces (formats, frequencies and rates that matter there). ``template`` says that
    the drafts are the planner's plain template posts (see :attr:`Facts.template`);
    ``slots`` are a plan's recommended slots per surface, so that its checklist speaks of the
    hours the plan chose; ``hours`` is the model's reach by hour of each kind of post
    (:func:`igalgo.advice.best_hours.hour_measure`), which timing and audience presence judge
    the usual times by; ``curves`` are a plan's frequency curves per lane, which frequency
    judges the habit by.
    """
    if isinstance(estimates, Evidence):
        evidence = estimates
    else:
        evidence = Evidence()
        for index, estimate in enumerate(estimates):
            evidence.add(estimate, found[index] if found is not None else ())
    # Rules see the drafts in publish order, so their sentences do not depend on file order.
    ordered = sorted(drafts, key=lambda d: d.publish_at)
    facts = Facts(
        account,
        ordered,
        evidence,
        checklist_params,
        surfaces,
        template,
        driver_params,
        dict(slots or {}),
        dict(curves or {}),
        hours,
    )
    items = [item for item in [originality_item(account, ordered)] if item is not None]
    for rule in RULES:
        if rule.surfaces & surfaces:
            status, message = rule.judge(facts)
            items.append(ChecklistItem(rule.id, status, message, rule.surfaces))
    return tuple(items)


def originality_item(account: Account, drafts: Sequence[Draft]) -> ChecklistItem | None:
    """The first item when Instagram's originality rule of 30 Apr 2026 (docs/sources.md T25)
    takes the account out of recommendations: most of its posts of the last 30 days, or its
    drafts' origin added to them, are not original. None when it does not apply."""
    rule, posting = OriginalityParams(), account.posting
    share = posting.unoriginal_share
    per_week = posting.feed_per_week + posting.reels_per_week
    unoriginal = [d.id for d in drafts if d.origin is not Origin.ORIGINAL]
    shares = [unoriginal_share_with(d, per_week, share, rule) for d in drafts]
    if share <= rule.unoriginal_limit and all(s <= rule.unoriginal_limit for s in shares):
        return None
    message = (
        f"Most of your recent posts are not original ({share:.0%} of the last 30 days"
        + (f"; not original: {', '.join(repr(i) for i in unoriginal[:3])}" if unoriginal else "")
        + "): since 30 Apr 2026 Instagram recommends none of such an account's posts (Explore, "
        "Reels to non-followers); only followers see them. Post your own material until most "
        "posts of a rolling 30 days are original."
    )
    return ChecklistItem("originality", Status.ACT, message, ALL_SURFACES)


def shown_formats(surfaces: frozenset[Surface]) -> list[Format]:
    """The formats that can be shown on at least one of ``surfaces``, in the enum's order."""
    return [fmt for fmt in Format if FORMAT_SURFACES[fmt] & surfaces]


def _main_surface(facts: Facts) -> Surface:
    """The asked-for surface on which the drafts have the most median reach (the first in
    enum order when none has any)."""
    ordered = [surface for surface in Surface if surface in facts.surfaces]
    return max(ordered, key=lambda s: (facts.evidence.reach[s], -ordered.index(s)))


def _reach_per_draft(evidence: Evidence, surface: Surface) -> float:
    """Mean over the drafts that can be shown on ``surface`` of their median reach there."""
    count = evidence.eligible[surface]
    return evidence.reach[surface] / count if count else 0.0


def _judge_market(facts: Facts) -> tuple[Status, str]:
    """Market: the share of median reach from non-followers, weighed by the market's popularity."""
    market = facts.account.market
    evidence = facts.evidence
    reached = evidence.followers + evidence.non_followers
    share = evidence.non_followers / reached if reached > 0 else 0.0
    where = f"{market.niche.value} ({market.popularity.value} popularity on Instagram)"
    posts = "planned posts" if facts.template else "drafts"
    said = f"{percent_words(share)} of the {posts}' median reach in {where}"
    quoted = f"non-followers are only {said}"
    if (
        market.popularity is Popularity.LOW
        and share < facts.checklist_params.non_follower_share_act
    ):
        return Status.ACT, (
            f"{quoted[0].upper()}{quoted[1:]}: the pool of interested people is small; pair "
            "your niche with a more popular neighbouring topic, and use reels to find them."
        )
    if share < facts.checklist_params.non_follower_share_improve:
        crowded = market.popularity is Popularity.HIGH
        reason = "a crowded market, so" if crowded else "so"
        return Status.IMPROVE, (
            f"{quoted[0].upper()}{quoted[1:]}: {reason} most reach comes from people who "
            "already follow you; reels and shareable carousels are how the market finds you."
        )
    return Status.OK, f"Non-followers are {said}: the market has room for your content."


def _judge_strategy(facts: Facts) -> tuple[Status, str]:
    """Strategy: the format mix of the drafts that the surfaces asked about can show."""
    shown = shown_formats(facts.surfaces)
    drafts = [draft for draft in facts.drafts if draft.format in shown]
    total, whole = len(drafts), len(facts.drafts)
    surface = _main_surface(facts)
    per_draft = f"a median {count_words(_reach_per_draft(facts.evidence, surface))} accounts each"
    if total == 0:
        kinds = " or ".join(PLURALS[fmt] for fmt in shown)
        return Status.IMPROVE, (
            f"No draft can be shown on {surfaces_words(facts.surfaces)} (0 of {whole}): plan "
            f"{kinds} for the surface you care about."
        )
    if len(shown) == 1:
        # Stories and the Reels tab show one format each: there is no mix to judge.
        (only,) = shown
        posts = (
            f"The plan's {total} posts are plain {PLURALS[only]}"
            if facts.template
            else drafts_are_words(total, whole, only)
        )
        return Status.OK, (
            f"{posts}, the only format {surface.value} shows; they reach {per_draft} there."
        )
    formats = Counter(draft.format for draft in drafts)
    if facts.template and len(formats) > 1:
        # A plan of several kinds of post chose each kind's format in its own lane.
        kinds = ", ".join(PLURALS[fmt] for fmt in sorted(formats, key=lambda f: f.value))
        return Status.OK, (
            f"The plan uses plain {kinds}: for each kind of post the format that reaches most "
            "for this account in the model; your own drafts can mix in other formats."
        )
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
    carried = f"{percent_words(top_share)} of their median reach is on {top.value}"
    if len(facts.surfaces) == 1:  # a share of one surface says nothing
        carried = f"they reach {per_draft} on {surface.value}"
    if total >= 3 and len(formats) == 1:
        (only,) = formats
        return Status.ACT, (
            f"{drafts_are_words(total, whole, only)} and {carried}: mix formats, each format is "
            "ranked on its own signals and reaches its own audience."
        )
    if formats[Format.REEL] == 0:
        return Status.IMPROVE, (
            f"{drafts_are_words(0, total, Format.REEL)} and {carried}: add reels, the format that "
            "reaches people who do not follow you yet."
        )
    if total == 1:  # one draft mixes nothing
        (only,) = formats
        its = carried.replace("they reach", "it reaches").replace("their median", "its median")
        return Status.OK, f"{drafts_are_words(1, 1, only)} and {its}."
    mix = ", ".join(format_count(n, fmt) for fmt, n in sorted(formats.items()))
    return Status.OK, f"The {total} drafts mix formats ({mix}) and {carried}."


def _judge_profiling(facts: Facts) -> tuple[Status, str]:
    """Profiling: watermarks, quality and captions, how the account presents itself."""
    drafts = facts.drafts
    if facts.template:
        # Template posts are plain on purpose; what presentation adds is the advice.
        return Status.OK, (
            f"{_planned_posts(len(drafts))} plain templates: give yours a caption, "
            "targeted hashtags and high quality to show what sets you apart"
            f"{quote_driver(facts, Lever.QUALITY, Lever.CAPTION, Lever.HASHTAGS)}."
        )
    marked = [d.id for d in drafts if d.watermark]
    if marked:
        names = ", ".join(f"'{i}'" for i in marked)
        return Status.ACT, (
            f"Another app's watermark is on {drafts_words(len(marked), len(drafts))} ({names}): "
            "Instagram recommends original content only"
            f"{quote_driver(facts, Lever.WATERMARK)}."
        )
    short = facts.checklist_params.short_caption_chars
    low = [d.id for d in drafts if d.quality is Quality.LOW]
    # A story shows no caption: only posts are checked for one.
    bare = [d.id for d in drafts if d.format is not Format.STORY and len(d.caption.strip()) < short]
    if low or bare:
        parts = []
        if low:
            parts.append(f"low quality on {drafts_words(len(low), len(drafts))} ({_names(low)})")
        if bare:
            posts = sum(d.format is not Format.STORY for d in drafts)
            which = drafts_words(len(bare), posts).replace("draft", "post")
            parts.append(f"no caption of {short} characters or more on {which} ({_names(bare)})")
        levers = (Lever.QUALITY,) if not bare else (Lever.QUALITY, Lever.CAPTION)
        said = " and ".join(parts)
        return Status.IMPROVE, (
            f"{said[:1].upper()}{said[1:]}: they do not show what sets you apart"
            f"{quote_driver(facts, *levers)}."
        )
    every = {1: "The only draft is", 2: "Both drafts are"}.get(
        len(drafts), f"All {len(drafts)} drafts are"
    )
    captioned = (
        " and every post is captioned" if any(d.format is not Format.STORY for d in drafts) else ""
    )
    return Status.OK, f"{every} original and at least standard quality{captioned}."


def _names(ids: list[str]) -> str:
    """Up to three quoted draft ids: ``'a', 'b', 'c', ...``."""
    return ", ".join(f"'{i}'" for i in ids[:3]) + (", ..." if len(ids) > 3 else "")


def _planned_posts(count: int) -> str:
    """``The 3 planned posts are``, ``The only planned post is``."""
    return "The only planned post is" if count == 1 else f"The {count} planned posts are"


def _best(facts: Facts) -> str:
    """`` (its reach by hour: 18:00 for carousels, ...)`` when the measure is known."""
    return f" (the model's best hours: {facts.hours.best_words()})" if facts.hours else ""


def _judge_timing(facts: Facts) -> tuple[Status, str]:
    """Each draft against the other hours of its own day, judged by the whole schedule: the
    time drivers are moves that raise the schedule's reach
    (docs/decisions/0100-one-objective-for-moves-and-plans.md), the rule a plan places its posts
    by, so a planned post is never told to move."""
    thresholds, evidence = facts.checklist_params, facts.evidence
    every = "Every planned post" if facts.template else "Every draft"
    kept = evidence.best_driver.get(Lever.TIME)
    if kept is None:
        floor = percent_words(facts.driver_params.min_effect)
        return Status.OK, (
            f"{every} goes out at an hour where no other hour of its day raises the schedule's "
            f"reach by {floor} of the post or more, by the model's numbers{_best(facts)}."
        )
    effect, draft_id, driver = kept
    share = 1.0 / (1.0 + effect)
    where = driver.surface.value
    who = named(facts, draft_id)
    quoted = (
        f"the largest gain: {who}, {driver.change}: {where} reach {effect_words(effect)} "
        "(net of what the other posts lose)"
    )
    if share >= thresholds.timing_improve:
        return Status.OK, (
            f"{every} is within {effect_words(effect)} of the best hour of its day on its "
            f"main surface ({who}: {driver.change}, net of what the other posts lose)."
        )
    moved = evidence.driver_counts.get(Lever.TIME, 0)
    its = "its" if moved == 1 else "their"
    count = f"{drafts_words(moved, evidence.drafts)} would reach more at another hour of {its} day"
    if share < thresholds.timing_act:
        return Status.ACT, f"Move your drafts to the model's best hours: {count}; {quoted}."
    return Status.IMPROVE, f"{count[:1].upper()}{count[1:]}; {quoted}."


def _judge_audience_presence(facts: Facts) -> tuple[Status, str]:
    """Audience presence: the usual posting times, by the plan's heatmap when there is one
    (so the item agrees with the slots the plan recommends), else by the followers online at
    them against the peak."""
    account, thresholds = facts.account, facts.checklist_params
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
        f"; the {'planned posts' if facts.template else 'drafts'} reach a median "
        f"{percent_words(share)} of followers in {surface.value}"
        if evidence.eligible[surface]
        else ""
    )
    if tuple(hours) == DEFAULT_ACTIVITY_HOURS:
        return Status.IMPROVE, (
            f"The profile has no follower_activity, so the model assumes a typical day (peak "
            f"{peak:02d}:00){rate}: copy Instagram's 'Most active times' into the profile."
        )
    if facts.hours is not None and times:
        return _presence_by_measure(facts, facts.hours, surface, peak, rate)
    if usual:
        share, when = usual[0]
        quoted = (
            f"at your usual posting time {when:%H:%M}, {percent_words(share)} as many followers "
            f"are online as at {peak:02d}:00"
        )
        if share < thresholds.activity_act:
            return Status.ACT, f"Move your routine: {quoted}{rate}."
        if share < thresholds.activity_improve:
            return Status.IMPROVE, f"Shift your routine towards {peak:02d}:00: {quoted}{rate}."
    return Status.OK, (
        f"Your followers are online most at {peak:02d}:00 and your usual times match it{rate}."
    )


def _presence_by_measure(
    facts: Facts, measure: HourMeasure, surface: Surface, peak: int, rate: str
) -> tuple[Status, str]:
    """The usual times against the model's reach by hour of each kind of post (the measure
    the drivers' hour screen and this item share), in the words every output uses."""
    thresholds = facts.checklist_params
    times = facts.account.posting.times
    slots = ", ".join(facts.slots.get(surface, ()))
    where = f"the plan's {surface.value} slots ({slots})" if slots else "each kind's best hour"
    online = f"; followers are online most at {peak:02d}:00{rate}"
    said = rejected_words(measure, times)
    if not said:
        listed = ", ".join(f"{t:%H:%M}" for t in times)
        return Status.OK, (
            f"At each of your usual times ({listed}) every kind of post gets at least "
            f"{percent_words(measure.keep_share)} of its best hour's reach (by the model's "
            f"reach by hour: {measure.best_words()}){online}."
        )
    if measure.worst(times) < thresholds.timing_act:
        return Status.ACT, f"Move your routine to {where}: {said}{online}."
    return Status.IMPROVE, f"Shift your routine towards {where}: {said}{online}."


_EVERY = ALL_SURFACES
_FOLLOWERS = frozenset({Surface.FEED, Surface.STORIES})
_DISCOVERY = frozenset({Surface.EXPLORE, Surface.REELS})
_INTERACTION = frozenset({Surface.FEED, Surface.EXPLORE})

RULES: tuple[Rule, ...] = (
    Rule("market", "which market you are in and how popular it is", _DISCOVERY, _judge_market),
    Rule("strategy", "how you reach your goals, which content that needs", _EVERY, _judge_strategy),
    Rule("profiling", "how you present yourself", _DISCOVERY, _judge_profiling),
    Rule("timing", "on which days and at which times you post", _FOLLOWERS, _judge_timing),
    Rule("frequency", "how often you post", _EVERY, judge_frequency),
    Rule("audience_presence", "when followers are online", _FOLLOWERS, _judge_audience_presence),
    Rule("interaction", "how your followers react and interact", _INTERACTION, judge_interaction),
    Rule("measuring", "which statistics you steer on", _EVERY, judge_measuring),
)  # fmt: skip
"""The seed's eight checklist items, in its order; ids are stable (scripts rely on them)."""
