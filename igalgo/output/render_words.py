"""The words of the score table, in the active language: surface, format and checklist names,
a draft's typical actions, its likes and sends per account reached, and a driver's gain."""

from __future__ import annotations

from igalgo.advice.wording import (
    checklist_word,
    effect_words,
    evidence_label,
    format_word,
    surface_word,
)
from igalgo.app.results import AccountReport
from igalgo.domain import (
    Account,
    AccountType,
    DraftEstimate,
    Driver,
    Format,
    Niche,
    Popularity,
    Surface,
)
from igalgo.errors import printable
from igalgo.language import N_, gettext, localized, ngettext, number, tr
from igalgo.output.report import per_reach


def surface_name(surface: Surface | str) -> str:
    """``surface`` (or ``total``) in the active language."""
    return localized(surface_word(surface))


def format_name(fmt: Format) -> str:
    """A format's name in the active language."""
    return localized(format_word(fmt))


def checklist_name(key: str) -> str:
    """A checklist item id or status in the active language."""
    return localized(checklist_word(key))


def amount(value: float) -> str:
    """An action count: one decimal below 10 (0.4 shares is not 0), whole above."""
    return number(value, 1 if value < 10 else 0)


def share(value: float, digits: int) -> str:
    """A fraction as a percentage with ``digits`` decimals, ``1.8%``."""
    return number(100 * value, digits) + "%"


def typical_words(estimate: DraftEstimate) -> str:
    """A draft's typical likes, comments, saves, shares, profile visits and follows."""
    actions = estimate.actions.typical
    return gettext(
        "{likes} likes, {comments} comments, {saves} saves, {shares} shares, "
        "{visits} profile visits, {follows} follows"
    ).format(
        likes=amount(actions.likes),
        comments=amount(actions.comments),
        saves=amount(actions.saves),
        shares=amount(actions.shares),
        visits=amount(actions.profile_visits),
        follows=amount(actions.follows),
    )


def per_reach_words(estimate: DraftEstimate) -> str:
    """Likes and sends per account reached, typically, and a reel's watch time (T27)."""
    ratios = per_reach(estimate)
    words = gettext(
        "{likes} likes, {sends} sends (typical); {likes_expected} and {sends_expected} expected"
    ).format(
        likes=share(ratios.likes_typical, 1),
        sends=share(ratios.sends_typical, 2),
        likes_expected=share(ratios.likes_expected, 1),
        sends_expected=share(ratios.sends_expected, 2),
    )
    if estimate.watch is not None:
        words += gettext("; watched {seconds} s on average, {skip} skip within 3 s").format(
            seconds=number(estimate.watch.average_s, 1), skip=share(estimate.watch.skip_share, 0)
        )
    return words


def driver_gain(driver: Driver) -> str:
    """What a driver gains, with its grade: ``feed reach +25 % [our assumption]``."""
    effect = localized(effect_words(driver.effect))
    grade = localized(evidence_label(driver.evidence))
    if driver.opens_surface:
        return localized(
            tr(
                "total reach {effect} (opens {surface}) [{grade}]",
                effect=effect,
                surface=surface_name(driver.surface),
                grade=grade,
            )
        )
    return localized(
        tr(
            "{surface} reach {effect} [{grade}]",
            surface=surface_name(driver.surface),
            effect=effect,
            grade=grade,
        )
    )


CHOICE_NAMES = frozenset(
    (
        N_("personal"),
        N_("creator"),
        N_("business"),
        N_("low"),
        N_("medium"),
        N_("high"),
        N_("art"),
        N_("automotive"),
        N_("b2b"),
        N_("beauty"),
        N_("education"),
        N_("entertainment"),
        N_("fashion"),
        N_("finance"),
        N_("fitness"),
        N_("food"),
        N_("gaming"),
        N_("health"),
        N_("home"),
        N_("lifestyle"),
        N_("local"),
        N_("music"),
        N_("parenting"),
        N_("pets"),
        N_("photography"),
        N_("sports"),
        N_("tech"),
        N_("travel"),
    )
)
"""Account types, popularity levels and niches as the heading names them (marked for the
catalogs; a test keeps the set equal to the enums)."""


def choice_name(value: AccountType | Niche | Popularity) -> str:
    """An account type, niche or popularity level in the active language."""
    return gettext(value.value) if value.value in CHOICE_NAMES else value.value


def account_heading(account: Account) -> str:
    """``4,200 followers, business, food (high popularity), Europe/Amsterdam`` (and how the
    account is calibrated)."""
    heading = gettext(
        "{followers} followers, {type}, {niche} ({popularity} popularity), {timezone}"
    ).format(
        followers=number(account.followers),
        type=choice_name(account.account_type),
        niche=choice_name(account.market.niche),
        popularity=choice_name(account.market.popularity),
        timezone=account.timezone,
    )
    if account.calibration is not None:
        from igalgo.fitting.summary import calibration_summary  # a calibrated account's only

        heading += f"; {localized(calibration_summary(account.calibration))}"
    return heading


def file_detail(report: AccountReport) -> str:
    """``demo.yaml: 10 drafts, seed 0, 1,024 samples per draft``."""
    drafts = len(report.results)
    return ngettext(
        "{source}: {count} draft, seed {seed}, {samples} samples per draft",
        "{source}: {count} drafts, seed {seed}, {samples} samples per draft",
        drafts,
    ).format(
        source=printable(report.source),
        count=drafts,
        seed=report.seed,
        samples=number(report.samples),
    )
