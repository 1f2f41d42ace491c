"""Every sentence of the client report that is not in its template (``templates/report.html``),
in one place so that a translation (gettext, issue 25) finds them all.

Numbers are formatted here too (:func:`count`, :func:`percent`), so that a language's way of
writing them is one change. Nothing here knows HTML: the template escapes what it is given.
"""

from __future__ import annotations

from igalgo.advice.wording import checklist_word, effect_words, surface_word
from igalgo.app.report_advice import Recommendation
from igalgo.domain import Surface
from igalgo.language import N_, Capitalized, decimal, gettext, localized, number
from igalgo.output.chart_parts import CHART as CHART
from igalgo.output.chart_parts import SURFACE_WORDS as SURFACE_WORDS
from igalgo.output.chart_parts import WEEKDAY_WORDS as WEEKDAY_WORDS
from igalgo.output.chart_parts import Said, Translated
from igalgo.output.chart_parts import count as count
from igalgo.parameters import Evidence

SECTION_TITLES = Translated(
    {
        "answer": N_("The answer first"),
        "plan": N_("The plan"),
        "drafts": N_("The drafts"),
        "timing": N_("When and how often"),
        "accuracy": N_("How good these predictions are for this account"),
        "insights": N_("Why these numbers differ from Insights"),
        "checklist": N_("The checklist"),
    }
)
"""The report's sections in the order a client reads them, by anchor id."""

EVIDENCE_WORDS = Translated(
    {
        Evidence.FITTED: N_("fitted to this account's own posts"),
        Evidence.PUBLISHED: N_("a published figure"),
        Evidence.STATED: N_("Instagram says it matters; the size is our estimate"),
        Evidence.ASSUMED: N_("our assumption"),
    }
)
"""How sure we are, per evidence grade, in a client's words."""

LANE_WORDS = Translated(
    {
        Surface.FEED: N_("feed posts"),
        Surface.REELS: N_("reels"),
        Surface.STORIES: N_("stories"),
        Surface.EXPLORE: N_("Explore posts"),
    }
)
"""A kind of post (a plan's lane) in words."""

INSIGHTS_PARAGRAPHS = Said(
    (
        N_(
            "igalgo's reach is the number of different accounts a post is shown to on one "
            "surface (Feed, Stories, Explore or Reels) over its whole life, without paid "
            "promotion. The total counts each account once across surfaces."
        ),
        N_(
            "Instagram Insights shows reach and views (each showing counts, so one person can "
            "count several times), adds paid reach when a post was boosted, and keeps counting "
            "for as long as people see the post; figures read a day after posting are still "
            "growing."
        ),
        N_(
            "Meta Business Suite exports give publish times in US Pacific time, not in the "
            "account's own time zone, and schedulers (Later, Metricool, Buffer) count reach and "
            "engagement in their own ways, often per follower or per impression. Compare like "
            "with like: the same post, the same measure, after a week or more."
        ),
    ),
    gettext,
)
"""What igalgo's reach is, and what Insights, Business Suite and schedulers count instead."""

NO_EXPORT = N_(
    "These numbers are for an account like this one (its size, market, followers' hours and "
    "habits), not yet for this account's own history. To check and sharpen them, export the "
    "last months of posts from Meta Business Suite (Insights > Content > Export data) and run "
    "igalgo report with --export FILE."
)
"""What the accuracy section says without an export (a message id: the template translates)."""

VERDICT = N_(
    "Each of the account's newest posts was predicted from the posts before it, as a new post "
    "would be; compared with the account's own median of earlier posts, the calibrated "
    "predictions: {sentence}."
)
"""The accuracy verdict after an export: the calibration's own verdict in a sentence."""

RECORDED_VERDICT = N_("This profile was calibrated on {posts} posts; its backtest: {sentence}.")
"""The accuracy verdict a calibrated profile keeps, when no export is given."""

FOOTER = N_("Made with igalgo {version}")
"""The only mention of igalgo in the report (a message id: the template translates)."""

NOTE = N_(
    "These are model estimates: Instagram's ranking is not public. Each range is where 8 of 10 "
    "outcomes fall; the middle value is the typical one."
)
"""What every report says about its own numbers (a message id: the template translates)."""


def percent(share: float) -> str:
    """``41 %``: a share."""
    return f"{number(share * 100)} %"


def reach_range(low: float, high: float) -> str:
    """``180-560``: the range where 8 of 10 outcomes fall."""
    return f"{count(low)}\u2013{count(high)}"


def factor(log_error: float) -> str:
    """A median |log error| as the typical factor predictions were off by (``1.9x``)."""
    import math

    return f"{number(math.exp(log_error), 1)}x"


def recommendation_text(item: Recommendation) -> str:
    """What to do, in one sentence."""
    if item.driver is not None:
        change = localized(Capitalized(item.driver.change))
        others = item.drafts - 1
        if others > 0:
            return gettext(
                "{change} for '{draft}' (and the same kind of change on {others} more)."
            ).format(change=change, draft=item.draft_id, others=others)
        return gettext("{change} for '{draft}'.").format(change=change, draft=item.draft_id)
    if item.lane is not None:
        return gettext("Post {count} {lane} a week instead of about {current}.").format(
            count=item.per_week, lane=LANE_WORDS[item.lane], current=decimal(item.current)
        )
    assert item.item is not None
    return localized(item.item.message)


def recommendation_gain(item: Recommendation) -> str:
    """What the recommendation is expected to bring."""
    if item.driver is not None:
        effect = localized(effect_words(item.driver.effect))
        if item.driver.opens_surface:
            return gettext("Expected: total reach {effect}.").format(effect=effect)
        return gettext("Expected: {surface} reach {effect}.").format(
            surface=SURFACE_WORDS[item.driver.surface.value], effect=effect
        )
    if item.lane is not None:
        reach = count(item.weekly_reach)
        if item.effect is not None:
            return gettext("Expected: about {reach} reached a week ({effect}).").format(
                reach=reach, effect=localized(effect_words(item.effect))
            )
        return gettext("Expected: about {reach} reached a week.").format(reach=reach)
    return gettext("The model measures no single number for this one.")


def evidence_text(grade: Evidence) -> str:
    """How sure we are, for a badge."""
    return EVIDENCE_WORDS[grade]


def week_reach_sentence(low: float, typical: float, high: float, posts: int) -> str:
    """The first planned week's reach as a range."""
    return gettext(
        "In the first planned week, {posts} posts are expected to reach about {typical} "
        "accounts in all (each post's 8-in-10 ranges add up to {range})."
    ).format(posts=posts, typical=count(typical), range=reach_range(low, high))


def verdict_sentence(outcome: str, sentence: str, posts: int) -> str:
    """The accuracy verdict as one sentence a manager acts on."""
    if outcome == "recorded":
        return gettext(RECORDED_VERDICT).format(posts=posts, sentence=localized(sentence))
    return gettext(VERDICT).format(sentence=localized(sentence))


def accuracy_details(model_error: float, naive_error: float | None, inside: float | None) -> str:
    """The numbers behind the verdict."""
    text = gettext("Typical miss: predictions were off by a factor of {factor}").format(
        factor=factor(model_error)
    )
    if naive_error is not None:
        text += gettext("; the account's own median by {factor}").format(factor=factor(naive_error))
    if inside is not None:
        text += gettext(". {share} of posts fell inside the predicted range (aim: 80 %)").format(
            share=percent(inside)
        )
    return text + "."


def status_words(status: str) -> str:
    """A checklist status in the active language."""
    return localized(checklist_word(status))


def surface_words(surface: str) -> str:
    """A surface's name, lower case, in the active language (``verkennen``)."""
    return localized(surface_word(surface))
