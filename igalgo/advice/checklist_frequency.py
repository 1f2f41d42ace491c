"""The checklist's frequency item: the spacing of the drafts, then the habit against the plan's
frequency curve (within the profile's capacity) or, without a plan, against a floor."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from igalgo.advice.checklist_facts import Curve, Facts, quote_driver
from igalgo.advice.claims import SEQUENCE_GAP
from igalgo.advice.moves import required_gap, spacing_surfaces
from igalgo.advice.wording import count_words, duration_words, weekly_words
from igalgo.domain import FORMAT_SURFACES, Draft, Format, Lever, Status, Surface


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
        words = weekly_words(posting.stories_per_week, "story", "stories")
        return _Cadence(
            frozenset({Format.STORY}), "stories", words, thresholds.min_stories_per_week
        )
    if facts.surfaces == frozenset({Surface.REELS}):
        words = weekly_words(posting.reels_per_week, "reel", "reels")
        return _Cadence(frozenset({Format.REEL}), "reels", words, thresholds.min_reels_per_week)
    words = (
        f"{weekly_words(posting.feed_per_week, 'feed post', 'feed posts')} and "
        f"{weekly_words(posting.reels_per_week, 'reel', 'reels')}"
    )
    formats = frozenset(Format) - {Format.STORY}
    return _Cadence(formats, "feed posts and reels", words, thresholds.min_feed_posts_per_week)


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
    sequence = _sequences(posts)
    for index, earlier in enumerate(posts):
        for later in posts[index + 1 :]:
            gap = later.publish_at - earlier.publish_at
            if gap >= longest:
                break
            if sequence.get(earlier.id, -1) == sequence.get(later.id, -2):
                continue  # frames of one story sequence are one item, never told to part
            needed = required_gap(earlier.format, later.format, facts.surfaces, rule)
            if gap < timedelta(hours=needed):
                close.append((gap, earlier.id, later.id, needed))
    reached = frozenset().union(*(FORMAT_SURFACES[f] for f in cadence.formats))
    ruled = spacing_surfaces(facts.surfaces) & reached
    spaced = ", ".join(f"{rule[s]:g} h on {s.value}" for s in Surface if s in ruled)
    if close:
        gap, first, second, needed = min(close)
        apart = f"'{first}' and '{second}' are {duration_words(gap)} apart"
        if gap < timedelta(hours=thresholds.min_gap_h):
            return Status.ACT, (
                f"Leave at least {needed:g} h between {cadence.noun}: {apart} and compete "
                f"for the same viewers{quote_driver(facts, Lever.SPACING)}."
            )
        return Status.IMPROVE, (
            f"Space {cadence.noun} by the spacing rule ({spaced}): {apart}"
            f"{quote_driver(facts, Lever.SPACING)}."
        )
    asked = {lane: curve for lane, curve in facts.curves.items() if lane in facts.surfaces}
    if asked:
        return _habit_by_curves(facts, asked, spaced)
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
    counts = Counter(sequence.values())
    framed = (
        "; the frames of a story sequence count as one"
        if max(counts.values(), default=0) > 1
        else ""
    )
    return Status.OK, (
        f"{quoted[0].upper()}{quoted[1:]}, none closer to another than the spacing rule allows "
        f"({spaced}){framed}."
    )


def _habit_by_curves(
    facts: Facts, curves: Mapping[Surface, Curve], spaced: str
) -> tuple[Status, str]:
    """The profile's habit per lane against what the plan's curve recommends (within the
    profile's capacity): ok only where they agree."""
    off, fine = [], []
    for lane in sorted(curves, key=list(Surface).index):
        curve = curves[lane]
        noun, usual = _lane_words(facts, lane, feed_has_reels=Surface.REELS not in curves)
        habit = int(curve.current + 0.5)
        one = {"stories": "story", "reels": "reel", "feed posts": "feed post"}
        kind = one.get(noun, "feed post or reel") if curve.recommended == 1 else noun
        said = f"{curve.recommended} {kind} per week recommended"
        capped = (
            f" (your capacity; the curve alone would take {curve.by_curve})"
            if curve.by_curve > curve.recommended
            else ""
        )
        more = (
            f"; one more post a week would add {count_words(curve.one_more)} to its weekly reach"
            if curve.one_more is not None
            else ""
        )
        if habit == curve.recommended:
            fine.append(f"{said}{capped}, the profile's usual: {usual}{more}")
        else:
            way = "fewer" if habit > curve.recommended else "more"
            off.append(f"{said}{capped}, {way} than the profile's usual: {usual}{more}")
    if off:
        return Status.IMPROVE, (
            f"Post as often as the frequency curve says: {'; '.join([*off, *fine])}."
        )
    return Status.OK, (
        f"Your habit sits where the frequency curve says it should: {'; '.join(fine)}; no two "
        f"posts are closer than the spacing rule allows ({spaced})."
    )


def _lane_words(facts: Facts, lane: Surface, *, feed_has_reels: bool) -> tuple[str, str]:
    """What a plan's lane posts (``stories``) and the profile's habit for it in words."""
    posting = facts.account.posting
    stories = weekly_words(posting.stories_per_week, "story", "stories")
    reels = weekly_words(posting.reels_per_week, "reel", "reels")
    feed = weekly_words(posting.feed_per_week, "feed post", "feed posts")
    if lane is Surface.STORIES:
        return "stories", stories
    if lane is Surface.REELS:
        return "reels", reels
    if feed_has_reels:
        return "feed posts and reels", f"{feed} and {reels}"
    return "feed posts", feed
