"""The sentences of the plan report about how often to post, in the reader's language: why
the recommended number, and how the profile's habit compares with it."""

from __future__ import annotations

from igalgo.advice.wording import effect_words
from igalgo.language import decimal, gettext, localized, ngettext, number
from igalgo.planning.frequency import Frequency, FrequencyPoint


def percent(change: float) -> str:
    """``+41 %`` / ``-20 %`` below doubling, ``3.2x`` from there (as ``igalgo score``)."""
    if change >= 0:
        return localized(effect_words(change))
    return number(round(100 * change), sign=True) + " %"


def frequency_sentence(curve: Frequency) -> str:
    """Why the recommended number, and how the current habit compares, quoting the numbers; a
    recommendation that reaches fewer people a week than the habit says what it buys."""
    if not curve.points:
        return gettext("No frequency fits the spacing rule.")
    first = curve.points[0].weekly_reach
    recommended = curve.at(curve.recommended)
    if recommended is None:  # recommended 0: one post a week reaches nobody
        return gettext(
            "The model expects no reach here for this account, however often it posts "
            "(no followers to show it to, or no audience for it): no frequency to recommend."
        )
    half = gettext("{share} % of what one post a week reaches ({reach})").format(
        share=number(100 * curve.threshold), reach=number(first)
    )
    following = curve.at(curve.recommended + 1)
    if curve.by_curve is not None and curve.by_curve > curve.recommended:
        # The profile's capacity holds the recommendation back: say what one more post adds.
        more = (
            ""
            if following is None
            else gettext("; post {count} would add {reach}").format(
                count=following.posts_per_week, reach=number(following.marginal_reach)
            )
        )
        sentence = gettext(
            "Recommended: {count} a week, all the profile's capacity allows (the curve alone "
            "would take {curve}, each post adding at least {half}){more}."
        ).format(count=curve.recommended, curve=curve.by_curve, half=half, more=more)
        return sentence + _habit_sentence(curve, recommended)
    if following is None:
        why = gettext(
            "every post up to post {count} still adds at least {half}, up to the most this "
            "plan tries"
        ).format(count=curve.recommended, half=half)
    else:
        why = gettext("post {count} would add {reach}, less than {half}").format(
            count=following.posts_per_week, reach=number(following.marginal_reach), half=half
        )
    sentence = gettext("Recommended: {count} a week: {why}.").format(
        count=curve.recommended, why=why
    )
    return sentence + _habit_sentence(curve, recommended)


def _habit_sentence(curve: Frequency, recommended: FrequencyPoint) -> str:
    """How the account's habit compares with the recommendation, worded for where it lies."""
    at = gettext("at {count} the model expects {reach}").format(
        count=recommended.posts_per_week, reach=number(recommended.weekly_reach)
    )
    each = gettext("{reach} a post").format(reach=number(recommended.per_post))
    habit, current = curve.habit, decimal(curve.current)
    if habit == "none":
        return gettext(" Your profile says you do not post here yet: {at} a week ({each}).").format(
            at=at, each=each
        )
    if habit == "below":
        return gettext(
            " You post {current} a week now, less than one: {at} a week ({each})."
        ).format(current=current, at=at, each=each)
    if habit == "beyond":
        last = curve.points[-1]
        return gettext(
            " You post {current} a week now, more than the {most} this plan tries (they reach "
            "{reach} a week, {per_post} a post); {at} a week, {each}."
        ).format(
            current=current,
            most=last.posts_per_week,
            reach=number(last.weekly_reach),
            per_post=number(last.per_post),
            at=at,
            each=each,
        )
    now = curve.at(curve.current)
    assert now is not None  # within the curve
    usual = gettext(" You post {current} a week now: {reach} a week").format(
        current=current, reach=number(now.weekly_reach)
    )
    if now.posts_per_week == recommended.posts_per_week:
        return gettext("{usual} ({per_post} a post), the recommended number.").format(
            usual=usual, per_post=number(now.per_post)
        )
    change = percent(recommended.weekly_reach / now.weekly_reach - 1) if now.weekly_reach else ""
    if now.posts_per_week < recommended.posts_per_week:
        return gettext("{usual}; {at} ({change}).").format(usual=usual, at=at, change=change)
    if recommended.weekly_reach >= now.weekly_reach:
        return gettext("{usual}; {at}, as much with fewer posts ({each}).").format(
            usual=usual, at=at, each=each
        )
    fewer = now.posts_per_week - recommended.posts_per_week
    extra = (
        gettext("post {count} adds").format(count=now.posts_per_week)
        if fewer == 1
        else gettext("posts {first} to {last} each add").format(
            first=recommended.posts_per_week + 1, last=now.posts_per_week
        )
    )
    return ngettext(
        "{usual} ({per_post} a post); {at} ({change}) with {fewer} fewer post, {each}: {extra} "
        "less than {share} % of what one post a week reaches, so the time it takes buys more "
        "elsewhere.",
        "{usual} ({per_post} a post); {at} ({change}) with {fewer} fewer posts, {each}: {extra} "
        "less than {share} % of what one post a week reaches, so the time they take buys more "
        "elsewhere.",
        fewer,
    ).format(
        usual=usual,
        per_post=number(now.per_post),
        at=at,
        change=change,
        fewer=fewer,
        each=each,
        extra=extra,
        share=number(100 * curve.threshold),
    )
