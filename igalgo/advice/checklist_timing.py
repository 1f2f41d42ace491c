"""The checklist's items about time: when the drafts go out (timing), how often and how far
apart (frequency), and whether the usual posting times meet the followers (audience presence)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from igalgo.advice.checklist_facts import Facts, named, quote_driver, reach_per_draft
from igalgo.advice.moves import required_gap, spacing_surfaces
from igalgo.advice.wording import (
    drafts_words,
    duration_words,
    effect_words,
    percent_words,
    surface_word,
    weekly_words,
)
from igalgo.domain import DEFAULT_ACTIVITY_HOURS, FORMAT_SURFACES, Format, Lever, Status, Surface
from igalgo.language import N_, Capitalized, Joined, Number, tr, tr_plural


def judge_timing(facts: Facts) -> tuple[Status, str]:
    """Each draft against the other hours of its own day, judged by the whole schedule: the
    time drivers are moves that raise the schedule's reach
    (docs/decisions/0100-one-objective-for-moves-and-plans.md), the rule a plan places its posts
    by, so a planned post is never told to move."""
    thresholds, evidence = facts.checklist_params, facts.evidence
    every = tr("Every planned post") if facts.template else tr("Every draft")
    kept = evidence.best_driver.get(Lever.TIME)
    if kept is None:
        floor = percent_words(facts.driver_params.min_effect)
        return Status.OK, tr(
            "{every} goes out at an hour where no other hour of its day raises the schedule's "
            "reach by {floor} of the post or more, by the model's numbers.",
            every=every,
            floor=floor,
        )
    effect, draft_id, driver = kept
    share = 1.0 / (1.0 + effect)
    who = named(facts, draft_id)
    quoted = tr(
        "the largest gain: {draft}, {change}: {surface} reach {effect} "
        "(net of what the other posts lose)",
        draft=who,
        change=driver.change,
        surface=surface_word(driver.surface),
        effect=effect_words(effect),
    )
    if share >= thresholds.timing_improve:
        return Status.OK, tr(
            "{every} is within {effect} of the best hour of its day on its main surface "
            "({draft}: {change}, net of what the other posts lose).",
            every=every,
            effect=effect_words(effect),
            draft=who,
            change=driver.change,
        )
    moved = evidence.driver_counts.get(Lever.TIME, 0)
    count = tr_plural(
        "{drafts} would reach more at another hour of their day",
        "{drafts} would reach more at another hour of their day",
        moved,
        drafts=drafts_words(moved, evidence.drafts),
    )
    if share < thresholds.timing_act:
        return Status.ACT, tr(
            "Move your drafts to the model's best hours: {count}; {quoted}.",
            count=count,
            quoted=quoted,
        )
    return Status.IMPROVE, tr("{count}; {quoted}.", count=Capitalized(count), quoted=quoted)


@dataclass(frozen=True)
class _Cadence:
    """Which posts a frequency sentence counts, the profile's habit in words and the floor."""

    formats: frozenset[Format]
    """The formats whose posts count."""
    noun: str
    """What the sentence calls them (``stories``, ``feed posts and reels``)."""
    habit_words: str
    """The profile's usual posts per week, in words."""
    minimum: float
    """Posts per week below which the frequency item says improve."""


def _cadence(facts: Facts) -> _Cadence:
    """The frequency that matters for the surfaces asked about: stories for the stories tray,
    reels for the Reels tab, feed posts and reels otherwise (a reel is shared to the feed)."""
    posting, thresholds = facts.account.posting, facts.checklist_params
    if facts.surfaces == frozenset({Surface.STORIES}):
        words = weekly_words(posting.stories_per_week, N_("story"), N_("stories"))
        return _Cadence(
            frozenset({Format.STORY}), tr("stories"), words, thresholds.min_stories_per_week
        )
    if facts.surfaces == frozenset({Surface.REELS}):
        words = weekly_words(posting.reels_per_week, N_("reel"), N_("reels"))
        return _Cadence(frozenset({Format.REEL}), tr("reels"), words, thresholds.min_reels_per_week)
    words = tr(
        "{feed} and {reels}",
        feed=weekly_words(posting.feed_per_week, N_("feed post"), N_("feed posts")),
        reels=weekly_words(posting.reels_per_week, N_("reel"), N_("reels")),
    )
    formats = frozenset(Format) - {Format.STORY}
    noun = tr("feed posts and reels")
    return _Cadence(formats, noun, words, thresholds.min_feed_posts_per_week)


def posts_per_week(times: Sequence[datetime]) -> float:
    """Posts per week of a schedule: the posts over the weeks they span, counted from the first
    post (a week of drafts from Tuesday to Monday is one week, 4 weekly posts are 4 weeks)."""
    if not times:
        return 0.0
    span = (max(times) - min(times)).total_seconds() / 86400.0
    return len(times) / (math.floor(span / 7.0) + 1)


def judge_frequency(facts: Facts) -> tuple[Status, str]:
    """Frequency: the closest pair of posts against the spacing rule (act below ``min_gap_h``),
    then the posts per week against a floor."""
    thresholds = facts.checklist_params
    cadence = _cadence(facts)
    rule = facts.driver_params.min_spacing_hours
    posts = sorted(
        (d for d in facts.drafts if d.format in cadence.formats), key=lambda d: d.publish_at
    )
    longest = timedelta(hours=max(rule.values()))
    close = []
    for index, earlier in enumerate(posts):
        for later in posts[index + 1 :]:
            gap = later.publish_at - earlier.publish_at
            if gap >= longest:
                break
            needed = required_gap(earlier.format, later.format, facts.surfaces, rule)
            if gap < timedelta(hours=needed):
                close.append((gap, earlier.id, later.id, needed))
    reached = frozenset().union(*(FORMAT_SURFACES[f] for f in cadence.formats))
    ruled = spacing_surfaces(facts.surfaces) & reached
    spaced = Joined(
        tr("{hours} h on {surface}", hours=f"{rule[s]:g}", surface=surface_word(s))
        for s in Surface
        if s in ruled
    )
    if close:
        gap, first, second, needed = min(close)
        apart = tr(
            "'{first}' and '{second}' are {gap} apart",
            first=first,
            second=second,
            gap=duration_words(gap),
        )
        if gap < timedelta(hours=thresholds.min_gap_h):
            return Status.ACT, tr(
                "Leave at least {hours} h between {posts}: {apart} and compete for the same "
                "viewers{gain}.",
                hours=f"{needed:g}",
                posts=cadence.noun,
                apart=apart,
                gain=quote_driver(facts, Lever.SPACING),
            )
        return Status.IMPROVE, tr(
            "Space {posts} by the spacing rule ({spaced}): {apart}{gain}.",
            posts=cadence.noun,
            spaced=spaced,
            apart=apart,
            gain=quote_driver(facts, Lever.SPACING),
        )
    per_week = posts_per_week([d.publish_at for d in posts])
    held = {"count": Number(per_week, 1), "posts": cadence.noun, "usual": cadence.habit_words}
    quoted = (
        tr("the plan holds {count} {posts} per week (the profile's usual: {usual})", **held)
        if facts.template
        else tr("the drafts hold {count} {posts} per week (the profile's usual: {usual})", **held)
    )
    if per_week < cadence.minimum:
        return Status.IMPROVE, tr(
            "Post more steadily: {quoted}; reach builds with regular posting, give it time.",
            quoted=quoted,
        )
    return Status.OK, tr(
        "{quoted}, none closer to another than the spacing rule allows ({spaced}).",
        quoted=Capitalized(quoted),
        spaced=spaced,
    )


def judge_audience_presence(facts: Facts) -> tuple[Status, str]:
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
    share = reach_per_draft(evidence, surface) / followers if followers else 0.0
    reached = {"share": percent_words(share), "surface": surface_word(surface)}
    rate: str = ""
    if evidence.eligible[surface]:
        rate = (
            tr("; the planned posts reach a median {share} of followers in {surface}", **reached)
            if facts.template
            else tr("; the drafts reach a median {share} of followers in {surface}", **reached)
        )
    if tuple(hours) == DEFAULT_ACTIVITY_HOURS:
        return Status.IMPROVE, tr(
            "The profile has no follower_activity, so the model assumes a typical day (peak "
            "{peak}:00){rate}: copy Instagram's 'Most active times' into the profile.",
            peak=f"{peak:02d}",
            rate=rate,
        )
    profile = facts.hour_reach.get(surface)
    if profile and times and max(profile) > 0:
        return _presence_by_heatmap(facts, surface, profile, peak, rate)
    if usual:
        share, when = usual[0]
        quoted = tr(
            "at your usual posting time {time}, {share} as many followers are online as at "
            "{peak}:00",
            time=f"{when:%H:%M}",
            share=percent_words(share),
            peak=f"{peak:02d}",
        )
        if share < thresholds.activity_act:
            return Status.ACT, tr("Move your routine: {quoted}{rate}.", quoted=quoted, rate=rate)
        if share < thresholds.activity_improve:
            return Status.IMPROVE, tr(
                "Shift your routine towards {peak}:00: {quoted}{rate}.",
                peak=f"{peak:02d}",
                quoted=quoted,
                rate=rate,
            )
    return Status.OK, tr(
        "Your followers are online most at {peak}:00 and your usual times match it{rate}.",
        peak=f"{peak:02d}",
        rate=rate,
    )


def _presence_by_heatmap(
    facts: Facts, surface: Surface, profile: Sequence[float], peak: int, rate: str
) -> tuple[Status, str]:
    """The usual times against the best hour of the plan's heatmap (averaged over the week)."""
    thresholds = facts.checklist_params
    best = max(range(24), key=lambda h: (profile[h], -h))
    share, when = min((profile[t.hour] / profile[best], t) for t in facts.account.posting.times)
    slots = ", ".join(facts.slots.get(surface, ()))
    where: str = tr("the plan's slots ({slots})", slots=slots) if slots else f"{best:02d}:00"
    quoted = tr(
        "your usual posting time {time} gets {share} of the {surface} reach of the heatmap's "
        "best hour ({best}:00), by the model's numbers; followers are online most at "
        "{peak}:00{rate}",
        time=f"{when:%H:%M}",
        share=percent_words(share),
        surface=surface_word(surface),
        best=f"{best:02d}",
        peak=f"{peak:02d}",
        rate=rate,
    )
    if share < thresholds.timing_act:
        return Status.ACT, tr("Move your routine to {where}: {quoted}.", where=where, quoted=quoted)
    if share < thresholds.timing_improve:
        return Status.IMPROVE, tr(
            "Shift your routine towards {where}: {quoted}.", where=where, quoted=quoted
        )
    return Status.OK, tr(
        "Your usual times get at least {share} of the {surface} reach of the heatmap's best "
        "hour ({best}:00), close to {where}; followers are online most at {peak}:00{rate}.",
        share=percent_words(share),
        surface=surface_word(surface),
        best=f"{best:02d}",
        where=where,
        peak=f"{peak:02d}",
        rate=rate,
    )
