"""Every sentence of the client report that is not in its template (``templates/report.html``),
in one place so that a translation (gettext, issue 25) finds them all.

Numbers are formatted here too (:func:`count`, :func:`percent`), so that a language's way of
writing them is one change. Nothing here knows HTML: the template escapes what it is given.
"""

from __future__ import annotations

from igalgo.advice.wording import effect_words
from igalgo.app.report_advice import Recommendation
from igalgo.domain import Surface
from igalgo.parameters import Evidence

SECTION_TITLES: dict[str, str] = {
    "answer": "The answer first",
    "plan": "The plan",
    "drafts": "The drafts",
    "timing": "When and how often",
    "accuracy": "How good these predictions are for this account",
    "insights": "Why these numbers differ from Insights",
    "checklist": "The checklist",
}
"""The report's sections in the order a client reads them, by anchor id."""

EVIDENCE_WORDS: dict[Evidence, str] = {
    Evidence.FITTED: "fitted to this account's own posts",
    Evidence.PUBLISHED: "a published figure",
    Evidence.STATED: "Instagram says it matters; the size is our estimate",
    Evidence.ASSUMED: "our assumption",
}
"""How sure we are, per evidence grade, in a client's words."""

LANE_WORDS: dict[Surface, str] = {
    Surface.FEED: "feed posts",
    Surface.REELS: "reels",
    Surface.STORIES: "stories",
    Surface.EXPLORE: "Explore posts",
}
"""A kind of post (a plan's lane) in words."""

SURFACE_WORDS: dict[str, str] = {
    "feed": "Feed",
    "stories": "Stories",
    "explore": "Explore",
    "reels": "Reels",
}
"""A surface's name as a heading says it."""

WEEKDAY_WORDS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Weekdays, Monday first, as the calendar heads its columns."""

INSIGHTS_PARAGRAPHS = (
    "igalgo's reach is the number of different accounts a post is shown to on one surface "
    "(Feed, Stories, Explore or Reels) over its whole life, without paid promotion. The total "
    "counts each account once across surfaces.",
    "Instagram Insights shows reach and views (each showing counts, so one person can count "
    "several times), adds paid reach when a post was boosted, and keeps counting for as long "
    "as people see the post; figures read a day after posting are still growing.",
    "Meta Business Suite exports give publish times in US Pacific time, not in the account's "
    "own time zone, and schedulers (Later, Metricool, Buffer) count reach and engagement in "
    "their own ways, often per follower or per impression. Compare like with like: the same "
    "post, the same measure, after a week or more.",
)
"""What igalgo's reach is, and what Insights, Business Suite and schedulers count instead."""

NO_EXPORT = (
    "These numbers are for an account like this one (its size, market, followers' hours and "
    "habits), not yet for this account's own history. To check and sharpen them, export the "
    "last months of posts from Meta Business Suite (Insights > Content > Export data) and run "
    "igalgo report with --export FILE."
)
"""What the accuracy section says without an export."""

VERDICT = (
    "Each of the account's newest posts was predicted from the posts before it, as a new post "
    "would be; compared with the account's own median of earlier posts, the calibrated "
    "predictions: {sentence}."
)
"""The accuracy verdict after an export: the calibration's own verdict in a sentence."""

RECORDED_VERDICT = "This profile was calibrated on {posts} posts; its backtest: {sentence}."
"""The accuracy verdict a calibrated profile keeps, when no export is given."""

CHART: dict[str, str] = {
    "none": "none",
    "drafts_title": "Expected reach per draft and surface",
    "draft_part": "{draft} {p50} in all ({p10} to {p90})",
    "drafts_description": "Per surface, each draft's typical reach as a bar (followers grey, "
    "non-followers in colour) and the range where 8 of 10 outcomes fall as a line. Totals: "
    "{parts}.",
    "heatmaps_title": "Best hours for {lanes}",
    "heatmap_title": "{lane} (darkest: about {reach})",
    "heatmap_part": "{lane}: a {format} reaches most on {day} at {hour} ({reach}); "
    "recommended slots: {slots}.",
    "heatmaps_description": "Typical reach of a plain post by weekday and local hour. {parts}",
    "heatmap_x": "local hour (\u25cb recommended)",
    "frequency_title": "Posts a week and the reach they bring",
    "frequency_part": "{lane}: {posts} a week recommended",
    "frequency_description": "Typical weekly reach for 1 to N posts a week; {parts}.",
    "frequency_x": "posts a week (\u25cf recommended)",
    "frequency_y": "typical weekly reach",
    "accuracy_title": "Predicted ranges against what the newest posts reached",
    "accuracy_description": "{posts} posts, oldest first: {inside} reached a number inside "
    "their predicted 8-in-10 range; the grey dashes are the account's own median of earlier "
    "posts of the same format.",
    "accuracy_predicted": "predicted (typical)",
    "accuracy_actual": "actual reach",
    "accuracy_naive": "own median",
    "accuracy_y": "reach (log scale)",
}
"""The charts' titles, alternative texts, axes and legends."""

FOOTER = "Made with igalgo {version}"
"""The only mention of igalgo in the report."""

NOTE = (
    "These are model estimates: Instagram's ranking is not public. Each range is where 8 of 10 "
    "outcomes fall; the middle value is the typical one."
)
"""What every report says about its own numbers."""


def count(value: float) -> str:
    """``4,200``: a count of accounts."""
    return f"{value:,.0f}"


def percent(share: float) -> str:
    """``41 %``: a share."""
    return f"{share * 100:.0f} %"


def reach_range(low: float, high: float) -> str:
    """``180-560``: the range where 8 of 10 outcomes fall."""
    return f"{count(low)}\u2013{count(high)}"


def factor(log_error: float) -> str:
    """A median |log error| as the typical factor predictions were off by (``1.9x``)."""
    import math

    return f"{math.exp(log_error):.1f}x"


def recommendation_text(item: Recommendation) -> str:
    """What to do, in one sentence."""
    if item.driver is not None:
        change = item.driver.change[:1].upper() + item.driver.change[1:]
        others = item.drafts - 1
        more = f" (and the same kind of change on {others} more)" if others > 0 else ""
        return f"{change} for '{item.draft_id}'{more}."
    if item.lane is not None:
        return (
            f"Post {item.per_week} {LANE_WORDS[item.lane]} a week instead of about "
            f"{item.current:g}."
        )
    assert item.item is not None
    return item.item.message


def recommendation_gain(item: Recommendation) -> str:
    """What the recommendation is expected to bring."""
    if item.driver is not None:
        surface = SURFACE_WORDS[item.driver.surface.value]
        what = "total reach" if item.driver.opens_surface else f"{surface} reach"
        return f"Expected: {what} {effect_words(item.driver.effect)}."
    if item.lane is not None:
        change = f" ({effect_words(item.effect)})" if item.effect is not None else ""
        return f"Expected: about {count(item.weekly_reach)} reached a week{change}."
    return "The model measures no single number for this one."


def evidence_text(grade: Evidence) -> str:
    """How sure we are, for a badge."""
    return EVIDENCE_WORDS[grade]


def week_reach_sentence(low: float, typical: float, high: float, posts: int) -> str:
    """The first planned week's reach as a range."""
    return (
        f"In the first planned week, {posts} posts are expected to reach about "
        f"{count(typical)} accounts in all (each post's 8-in-10 ranges add up to "
        f"{reach_range(low, high)})."
    )


def verdict_sentence(outcome: str, sentence: str, posts: int) -> str:
    """The accuracy verdict as one sentence a manager acts on."""
    if outcome == "recorded":
        return RECORDED_VERDICT.format(posts=posts, sentence=sentence)
    return VERDICT.format(sentence=sentence)


def accuracy_details(model_error: float, naive_error: float | None, inside: float | None) -> str:
    """The numbers behind the verdict."""
    text = f"Typical miss: predictions were off by a factor of {factor(model_error)}"
    if naive_error is not None:
        text += f"; the account's own median by {factor(naive_error)}"
    if inside is not None:
        text += f". {percent(inside)} of posts fell inside the predicted range (aim: 80 %)"
    return text + "."
