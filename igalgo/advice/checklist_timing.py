"""The checklist's items about time: when the drafts go out (timing), how often and how far
apart (frequency), and whether the usual posting times meet the followers (audience presence)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from igalgo.advice.best_hours import HourMeasure, rejected_words
from igalgo.advice.checklist_facts import Curve, Facts, named, quote_driver, reach_per_draft
from igalgo.advice.claims import SEQUENCE_GAP
from igalgo.advice.moves import required_gap, spacing_surfaces
from igalgo.advice.wording import (
    count_words,
    drafts_words,
    duration_words,
    effect_words,
    percent_words,
    surface_word,
    weekly_words,
)
from igalgo.domain import (
    DEFAULT_ACTIVITY_HOURS,
    FORMAT_SURFACES,
    Draft,
    Format,
    Lever,
    Status,
    Surface,
)
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
            "reach by {floor} of the post or more, by the model's numbers{best}.",
            every=every,
            floor=floor,
            best=_best(facts),
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
        "{drafts} would reach more at another hour of its day",
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


def _best(facts: Facts) -> str:
    """`` (the model's best hours: 18:00 for carousels, ...)`` when the measure is known."""
    if facts.hours is None:
        return ""
    return tr(" (the model's best hours: {hours})", hours=facts.hours.best_words())


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
    reels for the Reels tab, feed posts and reels otherwise (a reel is shared to the feed);
    stories too when every draft is a story and stories are asked about."""
    posting, thresholds = facts.account.posting, facts.checklist_params
    only_stories = bool(facts.drafts) and all(d.format is Format.STORY for d in facts.drafts)
    if facts.surfaces == frozenset({Surface.STORIES}) or (
        only_stories and Surface.STORIES in facts.surfaces
    ):
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
    sequence = _sequences(posts)
    close = [
        (posts[later].publish_at - posts[earlier].publish_at, first, second, hours)
        for earlier, later, first, second, hours in _too_close(
            posts, sequence, facts.surfaces, rule
        )
    ]
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
    asked = {lane: curve for lane, curve in facts.curves.items() if lane in facts.surfaces}
    if asked:
        return _habit_by_curves(facts, asked, spaced)
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
    framed = max(Counter(sequence.values()).values(), default=0) > 1
    return Status.OK, tr(
        "{quoted}, none closer to another than the spacing rule allows ({spaced}){framed}.",
        quoted=Capitalized(quoted),
        spaced=spaced,
        framed=tr("; the frames of a story sequence count as one") if framed else "",
    )


def _too_close(
    posts: Sequence[Draft],
    sequence: Mapping[str, int],
    surfaces: frozenset[Surface],
    rule: Mapping[Surface, float],
) -> list[tuple[int, int, str, str, float]]:
    """The pairs of ``posts`` (in publish order) closer than the spacing rule allows them, as
    their positions, ids and the hours they need; the frames of one story sequence are one
    item, never told to part. A post is compared only with those within the longest rule."""
    stamps = [post.publish_at.timestamp() for post in posts]
    kinds = {post.format for post in posts}
    needed = {(a, b): required_gap(a, b, surfaces, rule) for a in kinds for b in kinds}
    longest = 3600.0 * max(rule.values())
    found = []
    for index, earlier in enumerate(posts):
        group = sequence.get(earlier.id, -1)
        for other in range(index + 1, len(posts)):
            gap = stamps[other] - stamps[index]
            if gap >= longest:
                break
            later = posts[other]
            hours = needed[earlier.format, later.format]
            if gap < 3600.0 * hours and group != sequence.get(later.id, -2):
                found.append((index, other, earlier.id, later.id, hours))
    return found


def _sequences(posts: Sequence[Draft]) -> dict[str, int]:
    """The story sequence each story of ``posts`` (in publish order) belongs to: stories at
    most :data:`~igalgo.advice.claims.SEQUENCE_GAP` after the one before share one, as the
    moves' claims count them."""
    out: dict[str, int] = {}
    last = None
    group = 0
    for post in posts:
        if post.format is not Format.STORY:
            continue
        if last is None or post.publish_at - last > SEQUENCE_GAP:
            group += 1
        out[post.id] = group
        last = post.publish_at
    return out


def _habit_by_curves(
    facts: Facts, curves: Mapping[Surface, Curve], spaced: str
) -> tuple[Status, str]:
    """The profile's habit per lane against what the plan's curve recommends (within the
    profile's capacity): ok only where they agree."""
    off, fine = [], []
    for lane in sorted(curves, key=list(Surface).index):
        curve = curves[lane]
        nouns, usual = _lane_words(facts, lane, feed_has_reels=Surface.REELS not in curves)
        noun = nouns[0] if curve.recommended == 1 else nouns[1]
        said = tr("{count} {posts} per week recommended", count=curve.recommended, posts=noun)
        capped = (
            tr(" (your capacity; the curve alone would take {count})", count=curve.by_curve)
            if curve.by_curve > curve.recommended
            else ""
        )
        more = (
            tr(
                "; one more post a week would add {reach} to its weekly reach",
                reach=count_words(curve.one_more),
            )
            if curve.one_more is not None
            else ""
        )
        habit = int(curve.current + 0.5)
        if habit == curve.recommended:
            fine.append(
                tr(
                    "{said}{capped}, the profile's usual: {usual}{more}",
                    said=said,
                    capped=capped,
                    usual=usual,
                    more=more,
                )
            )
        elif habit > curve.recommended:
            off.append(
                tr(
                    "{said}{capped}, fewer than the profile's usual: {usual}{more}",
                    said=said,
                    capped=capped,
                    usual=usual,
                    more=more,
                )
            )
        else:
            off.append(
                tr(
                    "{said}{capped}, more than the profile's usual: {usual}{more}",
                    said=said,
                    capped=capped,
                    usual=usual,
                    more=more,
                )
            )
    if off:
        return Status.IMPROVE, tr(
            "Post as often as the frequency curve says: {lanes}.", lanes=Joined([*off, *fine], "; ")
        )
    return Status.OK, tr(
        "Your habit sits where the frequency curve says it should: {lanes}; no two posts are "
        "closer than the spacing rule allows ({spaced}).",
        lanes=Joined(fine, "; "),
        spaced=spaced,
    )


def _lane_words(
    facts: Facts, lane: Surface, *, feed_has_reels: bool
) -> tuple[tuple[str, str], str]:
    """What a plan's lane posts (``story``, ``stories``) and the profile's habit for it."""
    posting = facts.account.posting
    stories = weekly_words(posting.stories_per_week, N_("story"), N_("stories"))
    reels = weekly_words(posting.reels_per_week, N_("reel"), N_("reels"))
    feed = weekly_words(posting.feed_per_week, N_("feed post"), N_("feed posts"))
    if lane is Surface.STORIES:
        return (tr("story"), tr("stories")), stories
    if lane is Surface.REELS:
        return (tr("reel"), tr("reels")), reels
    if feed_has_reels:
        both = tr("{feed} and {reels}", feed=feed, reels=reels)
        return (tr("feed post or reel"), tr("feed posts and reels")), both
    return (tr("feed post"), tr("feed posts")), feed


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
    if facts.hours is not None and times:
        return _presence_by_measure(facts, facts.hours, surface, peak, rate)
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


def _presence_by_measure(
    facts: Facts, measure: HourMeasure, surface: Surface, peak: int, rate: str
) -> tuple[Status, str]:
    """The usual times against the model's reach by hour of each kind of post (the measure
    the drivers' hour screen and this item share), in the words every output uses."""
    thresholds = facts.checklist_params
    times = facts.account.posting.times
    slots = ", ".join(facts.slots.get(surface, ()))
    where = (
        tr("the plan's {surface} slots ({slots})", surface=surface_word(surface), slots=slots)
        if slots
        else tr("each kind's best hour")
    )
    online = tr("; followers are online most at {peak}:00{rate}", peak=f"{peak:02d}", rate=rate)
    said = rejected_words(measure, times)
    if not said:
        return Status.OK, tr(
            "At each of your usual times ({times}) every kind of post gets at least {share} of "
            "its best hour's reach (by the model's reach by hour: {best}){online}.",
            times=", ".join(f"{t:%H:%M}" for t in times),
            share=percent_words(measure.keep_share),
            best=measure.best_words(),
            online=online,
        )
    if measure.worst(times) < thresholds.timing_act:
        return Status.ACT, tr(
            "Move your routine to {where}: {said}{online}.", where=where, said=said, online=online
        )
    return Status.IMPROVE, tr(
        "Shift your routine towards {where}: {said}{online}.", where=where, said=said, online=online
    )
