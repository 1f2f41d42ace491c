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

from igalgo.advice.best_hours import HourMeasure
from igalgo.advice.checklist_facts import Curve, Facts, named, quote_driver, reach_per_draft
from igalgo.advice.checklist_params import DEFAULT_CHECKLIST_PARAMS, ChecklistParams
from igalgo.advice.checklist_timing import (
    judge_audience_presence,
    judge_frequency,
    judge_timing,
    posts_per_week,
)
from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams
from igalgo.advice.evidence import Evidence
from igalgo.advice.measuring import judge_interaction, judge_measuring
from igalgo.advice.wording import (
    count_words,
    drafts_are_words,
    drafts_words,
    format_count,
    format_word,
    percent_words,
    surface_word,
    surfaces_words,
)
from igalgo.domain import (
    ALL_SURFACES,
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
from igalgo.language import Capitalized, Joined, Number, Text, tr
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
    rate: float | None = None,
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
    judges the habit by; ``rate`` is :func:`~igalgo.advice.measuring.account_rate` when found
    already (in the worker process that scored the drafts).
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
        rate,
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
    which = Joined(repr(i) for i in unoriginal[:3])
    named_ones = tr("; not original: {drafts}", drafts=which) if unoriginal else ""
    message = tr(
        "Most of your recent posts are not original ({share} of the last 30 days{drafts}): "
        "since 30 Apr 2026 Instagram recommends none of such an account's posts (Explore, "
        "Reels to non-followers); only followers see them. Post your own material until most "
        "posts of a rolling 30 days are original.",
        share=tr("{percent}%", percent=Number(100 * share)),
        drafts=named_ones,
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


def _judge_market(facts: Facts) -> tuple[Status, str]:
    """Market: the share of median reach from non-followers, weighed by the market's popularity."""
    market = facts.account.market
    evidence = facts.evidence
    reached = evidence.followers + evidence.non_followers
    share = evidence.non_followers / reached if reached > 0 else 0.0
    where = tr(
        "{niche} ({popularity} popularity on Instagram)",
        niche=tr(market.niche.value),
        popularity=tr(market.popularity.value),
    )
    said = {"share": percent_words(share), "market": where}
    quoted = (
        tr("non-followers are {share} of the planned posts' median reach in {market}", **said)
        if facts.template
        else tr("non-followers are {share} of the drafts' median reach in {market}", **said)
    )
    low = Capitalized(
        tr("non-followers are only {share} of the planned posts' median reach in {market}", **said)
        if facts.template
        else tr("non-followers are only {share} of the drafts' median reach in {market}", **said)
    )
    status, judged = _market_status(facts, share, quoted, low)
    return status, tr("{said}{sources}", said=judged, sources=_stranger_sources(facts))


def _market_status(facts: Facts, share: float, quoted: str, low: str) -> tuple[Status, Text]:
    """The market item's status and its sentence on the share of non-followers."""
    market = facts.account.market
    if (
        market.popularity is Popularity.LOW
        and share < facts.checklist_params.non_follower_share_act
    ):
        return Status.ACT, tr(
            "{quoted}: the pool of interested people is small; pair your niche with a "
            "more popular neighbouring topic, and use reels to find them.",
            quoted=low,
        )
    if share < facts.checklist_params.non_follower_share_improve:
        if market.popularity is Popularity.HIGH:
            return Status.IMPROVE, tr(
                "{quoted}: a crowded market, so most reach comes from people who already "
                "follow you; reels and shareable carousels are how the market finds you.",
                quoted=low,
            )
        return Status.IMPROVE, tr(
            "{quoted}: so most reach comes from people who already follow you; "
            "reels and shareable carousels are how the market finds you.",
            quoted=low,
        )
    return Status.OK, tr(
        "{quoted}: the market has room for your content.", quoted=Capitalized(quoted)
    )


def _stranger_sources(facts: Facts) -> Text | str:
    """Where the non-followers come from: the kind of post that brings most of them and, of
    several drafts, the one that brings most ("" when none is reached)."""
    evidence = facts.evidence
    total = sum(evidence.strangers.values())
    if total <= 0:
        return ""
    kinds = [fmt for fmt in Format if fmt in evidence.strangers]
    fmt = max(kinds, key=lambda f: (evidence.strangers[f], -kinds.index(f)))
    share = evidence.strangers[fmt] / total
    top, draft_id = evidence.stranger_top
    if share >= ALL_OF_THEM:
        said = tr(" All of them come from {kinds}.", kinds=format_word(fmt, 2))
    else:
        said = tr(
            " {share} of them come from {kinds}.",
            share=percent_words(share),
            kinds=format_word(fmt, 2),
        )
    if facts.template or evidence.drafts < 2 or top / total >= share - 0.005:
        return said  # no second draft of note: the kind's share already says it
    return tr(
        "{said} {draft} alone brings {share}.",
        said=said,
        draft=named(facts, draft_id),
        share=percent_words(top / total),
    )


ALL_OF_THEM = 0.995
"""A share that rounds to 100 %: said as "all of them"."""


def _judge_strategy(facts: Facts) -> tuple[Status, str]:
    """Strategy: the format mix of the drafts that the surfaces asked about can show."""
    shown = shown_formats(facts.surfaces)
    drafts = [draft for draft in facts.drafts if draft.format in shown]
    total, whole = len(drafts), len(facts.drafts)
    surface = _main_surface(facts)
    per_draft = tr(
        "a median {count} accounts each",
        count=count_words(reach_per_draft(facts.evidence, surface)),
    )
    if total == 0:
        kinds = _either(format_word(fmt, 2) for fmt in shown)
        return Status.IMPROVE, tr(
            "No draft can be shown on {surfaces} (0 of {whole}): plan {formats} for the surface "
            "you care about.",
            surfaces=surfaces_words(facts.surfaces),
            whole=whole,
            formats=kinds,
        )
    if len(shown) == 1:
        # Stories and the Reels tab show one format each: there is no mix to judge.
        (only,) = shown
        posts = (
            tr(
                "The plan's {total} posts are plain {formats}",
                total=total,
                formats=format_word(only, 2),
            )
            if facts.template
            else drafts_are_words(total, whole, only)
        )
        return Status.OK, tr(
            "{posts}, the only format {surface} shows; they reach {per_draft} there.",
            posts=posts,
            surface=surface_word(surface),
            per_draft=per_draft,
        )
    formats = Counter(draft.format for draft in drafts)
    if facts.template and len(formats) > 1:
        # A plan of several kinds of post chose each kind's format in its own lane.
        plain = Joined(format_word(fmt, 2) for fmt in sorted(formats, key=lambda f: f.value))
        return Status.OK, tr(
            "The plan uses plain {formats}: for each kind of post the format that reaches most "
            "for this account in the model; your own drafts can mix in other formats.",
            formats=plain,
        )
    if facts.template:
        # The planner chose the format: the one the model gives the most reach there.
        (top_format, _), *_ = sorted(formats.items(), key=lambda kv: (-kv[1], kv[0].value))
        return Status.OK, tr(
            "The plan uses plain {formats}, the format that reaches most on {surface} for this "
            "account in the model ({per_draft} there); your own drafts can mix in other formats.",
            formats=format_word(top_format, 2),
            surface=surface_word(surface),
            per_draft=per_draft,
        )
    reach = facts.evidence.reach
    top = max(sorted(facts.surfaces), key=lambda s: reach[s])
    in_view = sum(reach[s] for s in facts.surfaces)
    top_share = reach[top] / in_view if in_view > 0 else 0.0
    carried: Text = tr(
        "{share} of their median reach is on {surface}",
        share=percent_words(top_share),
        surface=surface_word(top),
    )
    if len(facts.surfaces) == 1:  # a share of one surface says nothing
        carried = tr(
            "they reach {per_draft} on {surface}",
            per_draft=per_draft,
            surface=surface_word(surface),
        )
    if total >= 3 and len(formats) == 1:
        (only,) = formats
        return Status.ACT, tr(
            "{drafts} and {carried}: mix formats, each format is ranked on its own signals and "
            "reaches its own audience.",
            drafts=drafts_are_words(total, whole, only),
            carried=carried,
        )
    if formats[Format.REEL] == 0:
        return Status.IMPROVE, tr(
            "{drafts} and {carried}: add reels, the format that reaches people who do not "
            "follow you yet.",
            drafts=drafts_are_words(0, total, Format.REEL),
            carried=carried,
        )
    if total == 1:  # one draft mixes nothing
        (only,) = formats
        its = (
            tr(
                "it reaches {per_draft} on {surface}",
                per_draft=per_draft,
                surface=surface_word(surface),
            )
            if len(facts.surfaces) == 1
            else tr(
                "{share} of its median reach is on {surface}",
                share=percent_words(top_share),
                surface=surface_word(top),
            )
        )
        return Status.OK, tr(
            "{drafts} and {carried}.", drafts=drafts_are_words(1, 1, only), carried=its
        )
    mix = Joined(format_count(n, fmt) for fmt, n in sorted(formats.items()))
    return Status.OK, tr(
        "The {total} drafts mix formats ({mix}) and {carried}.",
        total=total,
        mix=mix,
        carried=carried,
    )


def _judge_profiling(facts: Facts) -> tuple[Status, str]:
    """Profiling: watermarks, quality and captions, how the account presents itself."""
    drafts = facts.drafts
    if facts.template:
        # Template posts are plain on purpose; what presentation adds is the advice.
        return Status.OK, tr(
            "{posts} plain templates: give yours a caption, targeted hashtags and high quality "
            "to show what sets you apart{gain}.",
            posts=_planned_posts(len(drafts)),
            gain=quote_driver(facts, Lever.QUALITY, Lever.CAPTION, Lever.HASHTAGS),
        )
    marked = [d.id for d in drafts if d.watermark]
    if marked:
        names = ", ".join(f"'{i}'" for i in marked)
        return Status.ACT, tr(
            "Another app's watermark is on {drafts} ({names}): Instagram recommends original "
            "content only{gain}.",
            drafts=drafts_words(len(marked), len(drafts)),
            names=names,
            gain=quote_driver(facts, Lever.WATERMARK),
        )
    short = facts.checklist_params.short_caption_chars
    low = [d.id for d in drafts if d.quality is Quality.LOW]
    # A story shows no caption: only posts are checked for one.
    bare = [d.id for d in drafts if d.format is not Format.STORY and len(d.caption.strip()) < short]
    if low or bare:
        parts: list[Text] = []
        if low:
            parts.append(
                tr(
                    "low quality on {drafts} ({names})",
                    drafts=drafts_words(len(low), len(drafts)),
                    names=_names(low),
                )
            )
        if bare:
            posts = sum(d.format is not Format.STORY for d in drafts)
            parts.append(
                tr(
                    "no caption of {short} characters or more on {posts} ({names})",
                    short=short,
                    posts=_posts_words(len(bare), posts),
                    names=_names(bare),
                )
            )
        levers = (Lever.QUALITY,) if not bare else (Lever.QUALITY, Lever.CAPTION)
        said = (
            parts[0]
            if len(parts) == 1
            else tr("{first} and {second}", first=parts[0], second=parts[1])
        )
        return Status.IMPROVE, tr(
            "{problems}: they do not show what sets you apart{gain}.",
            problems=Capitalized(said),
            gain=quote_driver(facts, *levers),
        )
    captioned = any(d.format is not Format.STORY for d in drafts)
    if len(drafts) == 1:
        if captioned:
            return Status.OK, tr(
                "The only draft is original and at least standard quality and every post is "
                "captioned."
            )
        return Status.OK, tr("The only draft is original and at least standard quality.")
    if len(drafts) == 2:
        if captioned:
            return Status.OK, tr(
                "Both drafts are original and at least standard quality and every post is "
                "captioned."
            )
        return Status.OK, tr("Both drafts are original and at least standard quality.")
    if captioned:
        return Status.OK, tr(
            "All {count} drafts are original and at least standard quality and every post is "
            "captioned.",
            count=len(drafts),
        )
    return Status.OK, tr(
        "All {count} drafts are original and at least standard quality.", count=len(drafts)
    )


def _posts_words(part: int, whole: int) -> Text:
    """``1 of 4 posts``, ``all 3 posts`` or ``the only post``."""
    if part == whole:
        return tr("all {whole} posts", whole=whole) if whole != 1 else tr("the only post")
    return tr("{part} of {whole} posts", part=part, whole=whole)


def _either(parts: Iterable[Text]) -> Text:
    """``photos or carousels``: the parts joined by the active language's ``or``."""
    kept = list(parts)
    said = kept[0]
    for part in kept[1:]:
        said = tr("{first} or {second}", first=said, second=part)
    return said


def _names(ids: list[str]) -> str:
    """Up to three quoted draft ids: ``'a', 'b', 'c', ...``."""
    return ", ".join(f"'{i}'" for i in ids[:3]) + (", ..." if len(ids) > 3 else "")


def _planned_posts(count: int) -> Text:
    """``The 3 planned posts are``, ``The only planned post is``."""
    if count == 1:
        return tr("The only planned post is")
    return tr("The {count} planned posts are", count=count)


_EVERY = ALL_SURFACES
_FOLLOWERS = frozenset({Surface.FEED, Surface.STORIES})
_DISCOVERY = frozenset({Surface.EXPLORE, Surface.REELS})
_INTERACTION = frozenset({Surface.FEED, Surface.EXPLORE})

RULES: tuple[Rule, ...] = (
    Rule("market", "which market you are in and how popular it is", _DISCOVERY, _judge_market),
    Rule("strategy", "how you reach your goals, which content that needs", _EVERY, _judge_strategy),
    Rule("profiling", "how you present yourself", _DISCOVERY, _judge_profiling),
    Rule("timing", "on which days and at which times you post", _FOLLOWERS, judge_timing),
    Rule("frequency", "how often you post", _EVERY, judge_frequency),
    Rule("audience_presence", "when followers are online", _FOLLOWERS, judge_audience_presence),
    Rule("interaction", "how your followers react and interact", _INTERACTION, judge_interaction),
    Rule("measuring", "which statistics you steer on", _EVERY, judge_measuring),
)  # fmt: skip
"""The seed's eight checklist items, in its order; ids are stable (scripts rely on them)."""
