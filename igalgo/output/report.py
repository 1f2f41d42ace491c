"""Results as plain data, and the text formats built from it: CSV and Markdown.

The plain data of a draft, an account and a checklist item is the machine contract of
``igalgo score`` (the JSON and NDJSON envelope around it is :mod:`igalgo.output.envelope`; the
schema ``igalgo schema output``, ``docs/schema/output.schema.json``): sorted keys, floats rounded
(reach and counts to whole accounts, effects to 0.001, actions to 0.1), ``publish_at`` in ISO
8601 with its UTC offset, all four surface keys always present. The same inputs and seed give
byte-identical output. Changing the shape of this data bumps
:data:`igalgo.output.envelope.SCHEMA_VERSION`.

The streaming writer :func:`csv_lines` takes an iterator of results and keeps nothing of the
drafts already written, so 100,000 drafts stream in constant memory. Nothing here prints:
every writer returns or yields text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from igalgo.advice.shared import SharedAdvice
from igalgo.advice.wording import (
    checklist_word,
    effect_words,
    evidence_words,
    format_word,
    surface_word,
)
from igalgo.app.results import AccountReport, DraftResult
from igalgo.domain import (
    ALL_SURFACES,
    Account,
    ActionEstimate,
    Actions,
    Calibration,
    ChecklistItem,
    DraftEstimate,
    DraftsFile,
    Driver,
    Quantiles,
    ReelWatch,
    Surface,
    SurfaceEstimate,
)
from igalgo.errors import printable
from igalgo.language import N_, Capitalized, Moment, Text, gettext, localized, number, tr

NOTE = N_(
    "These are model estimates of a black box: Instagram's ranking is not public. "
    "Read each number with its P10-P90 interval (8 in 10 outcomes fall inside it)."
)
"""What every report says about its own numbers."""


# --- plain data ------------------------------------------------------------------------------


def whole(value: float) -> int:
    """Accounts and other counts: whole numbers (a model never knows reach to one account)."""
    return round(value)


# The field names, found once: a JSON line lists them for every draft and surface.
_QUANTILES = tuple(f.name for f in fields(Quantiles))
_ACTIONS = tuple(f.name for f in fields(Actions))


def reach_data(reach: Quantiles) -> dict[str, int]:
    """``{"p10", "p50", "p90", "mean"}`` rounded to whole accounts."""
    return {name: whole(getattr(reach, name)) for name in _QUANTILES}


def surface_data(estimate: SurfaceEstimate) -> dict[str, Any]:
    """One surface of one draft."""
    return {
        "eligible": estimate.eligible,
        "reach": reach_data(estimate.reach),
        "followers": whole(estimate.followers),
        "non_followers": whole(estimate.non_followers),
    }


def actions_data(actions: ActionEstimate) -> dict[str, dict[str, float]]:
    """Typical (median) and expected (mean) actions, each rounded to 0.1."""
    return {"typical": _counts(actions.typical), "expected": _counts(actions.expected)}


def _counts(actions: Actions) -> dict[str, float]:
    """One set of action counts, rounded to 0.1."""
    return {name: round(getattr(actions, name), 1) for name in _ACTIONS}


def driver_data(driver: Driver, account: Account | None = None) -> dict[str, Any]:
    """One driver; ``effect`` is a fraction (0.41 = +41 %), ``evidence`` what it rests on,
    ``publish_at`` the new time of a move (in the account's zone when ``account`` is given),
    else None."""
    when = driver.publish_at
    if when is not None and account is not None:
        when = local_time(when, account)
    return {
        "change": driver.change,
        "lever": driver.lever.value,
        "surface": driver.surface.value,
        "effect": round(driver.effect, 3),
        "opens_surface": driver.opens_surface,
        "evidence": driver.evidence.value,
        "publish_at": None if when is None else when.isoformat(),
    }


def driver_sentence(driver: Driver) -> Text:
    """The driver as advice phrased as an expected effect, with what it rests on, e.g.
    ``Publish at 19:00 instead of 06:00: the model expects feed reach +41 % (this rests on
    our assumption).``"""
    said = {
        "change": Capitalized(driver.change),
        "surface": surface_word(driver.surface),
        "effect": effect_words(driver.effect),
        "evidence": evidence_words(driver.evidence),
    }
    if driver.opens_surface:
        return tr(
            "{change}: it also reaches {surface}, and the model expects total reach {effect} "
            "(this rests on {evidence}).",
            **said,
        )
    return tr(
        "{change}: the model expects {surface} reach {effect} (this rests on {evidence}).",
        **said,
    )


def checklist_data(item: ChecklistItem) -> dict[str, Any]:
    """One checklist item."""
    return {
        "id": item.id,
        "status": item.status.value,
        "message": item.message,
        "surfaces": sorted(s.value for s in item.surfaces),
    }


def account_data(account: Account) -> dict[str, Any]:
    """The account the report is for; ``calibration`` is None unless the profile has one."""
    return {
        "name": account.name,
        "followers": account.followers,
        "account_type": account.account_type.value,
        "timezone": account.timezone,
        "niche": account.market.niche.value,
        "popularity": account.market.popularity.value,
        "calibration": None
        if account.calibration is None
        else calibration_data(account.calibration),
    }


def calibration_data(calibration: Calibration) -> dict[str, Any]:
    """What the account's calibration rests on, as report headers say it."""
    from igalgo.fitting.summary import calibration_summary  # a calibrated account's only

    share, error = calibration.inside_p10_p90, calibration.median_log_error
    return {
        "summary": calibration_summary(calibration),
        "posts": calibration.posts,
        "first_post": calibration.first_post.isoformat(),
        "last_post": calibration.last_post.isoformat(),
        "igalgo_version": calibration.igalgo_version,
        "formats": [fit.format.value for fit in calibration.formats],
        "checked_on": calibration.checked_on,
        "inside_p10_p90": None if share is None else round(share, 3),
        "median_log_error": None if error is None else round(error, 3),
    }


def local_time(when: datetime, account: Account) -> datetime:
    """``when`` in the account's time zone (how the report shows and writes every time)."""
    return when.astimezone(ZoneInfo(account.timezone))


def draft_data(result: DraftResult, account: Account) -> dict[str, Any]:
    """One draft's estimates, drivers and advice; all four surfaces always present, with the
    reason of a surface it typically reaches nobody on, and notes on its date when any."""
    estimate = result.estimate
    draft = estimate.draft
    surfaces = {s.value: surface_data(estimate.surfaces[s]) for s in Surface}
    for surface, reason in result.zero.items():
        surfaces[surface.value]["zero_reason"] = reason
    extra = {"notes": list(result.notes)} if result.notes else {}
    return {
        **extra,
        "id": draft.id,
        "format": draft.format.value,
        "publish_at": local_time(draft.publish_at, account).isoformat(),
        "surfaces": surfaces,
        "total": {"reach": reach_data(estimate.total)},
        "actions": actions_data(estimate.actions),
        "per_reach": per_reach_data(estimate),
        "watch": watch_data(estimate.watch),
        "drivers": [driver_data(d, account) for d in result.drivers],
        "advice": [driver_sentence(d) for d in result.drivers],
        "status": None if draft.status is None else str(draft.status),
        "approved_by": draft.approved_by,
    }


@dataclass(frozen=True)
class PerReach:
    """Actions per account reached, as Instagram tells creators to read them (Mosseri, Jan
    2025; docs/sources.md T27): typically (median actions over median reach) and in
    expectation (mean actions over mean reach); sends are shares."""

    likes_typical: float
    likes_expected: float
    sends_typical: float
    sends_expected: float


def per_reach(estimate: DraftEstimate) -> PerReach:
    """A draft's likes and sends per account reached (0 where it reaches nobody)."""

    def ratio(count: float, reach: float) -> float:
        return count / reach if reach > 0 else 0.0

    typical, expected, total = estimate.actions.typical, estimate.actions.expected, estimate.total
    return PerReach(
        ratio(typical.likes, total.p50),
        ratio(expected.likes, total.mean),
        ratio(typical.shares, total.p50),
        ratio(expected.shares, total.mean),
    )


def per_reach_data(estimate: DraftEstimate) -> dict[str, Any]:
    """Likes and sends per account reached, typical and expected (T27), to four decimals."""
    ratios = per_reach(estimate)
    return {
        "likes": {
            "typical": round(ratios.likes_typical, 4),
            "expected": round(ratios.likes_expected, 4),
        },
        "sends": {
            "typical": round(ratios.sends_typical, 4),
            "expected": round(ratios.sends_expected, 4),
        },
    }


def watch_data(watch: ReelWatch | None) -> dict[str, Any] | None:
    """A reel's average watch time (seconds, one decimal) and skip share; None otherwise."""
    if watch is None:
        return None
    return {"average_s": round(watch.average_s, 1), "skip_share": round(watch.skip_share, 3)}


def file_data(report: AccountReport) -> dict[str, Any]:
    """One drafts file of the JSON envelope: its source, account, drafts and checklist
    (:mod:`igalgo.output.envelope` adds each draft's gate results)."""
    return {
        "source": report.source,
        "account": account_data(report.account),
        "drafts": [draft_data(r, report.account) for r in report.results],
        "checklist": [checklist_data(item) for item in report.checklist],
        "shared_advice": [shared_data(advice) for advice in report.shared],
    }


def shared_data(advice: SharedAdvice) -> dict[str, Any]:
    """A change every draft of a format gets, said once: effects as fractions."""
    return {
        "format": advice.format.value,
        "drafts": advice.drafts,
        "lever": advice.lever.value,
        "change": advice.change,
        "surface": advice.surface.value,
        "effect_low": round(advice.low, 3),
        "effect_high": round(advice.high, 3),
        "evidence": advice.evidence.value,
        "advice": advice.sentence(),
    }


def dumps(data: Any, indent: int | None) -> str:
    """Deterministic JSON: sorted keys, no locale, UTF-8 kept readable; a lone surrogate (from
    an export's ``"\\ud800"``, which no encoding can write) stays JSON's own escape."""
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(
        data, sort_keys=True, indent=indent, ensure_ascii=False, separators=separators
    )
    return _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A surrogate code point: in ``json.dumps``'s text only ever inside a string, alone."""


# --- text formats ----------------------------------------------------------------------------


CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "account",
    "draft",
    "format",
    "publish_at",
    "surface",
    "eligible",
    "reach_p10",
    "reach_p50",
    "reach_p90",
    "reach_mean",
    "followers",
    "non_followers",
    "total_p50",
    "top_driver",
    "top_driver_effect",
)
"""The CSV header: one row per draft and surface."""


def csv_line(values: Sequence[object]) -> str:
    """One CSV record (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def csv_header() -> str:
    """The CSV header line."""
    return csv_line(CSV_COLUMNS)


def csv_lines(
    drafts_file: DraftsFile,
    results: Iterable[DraftResult],
    *,
    surfaces: frozenset[Surface] = ALL_SURFACES,
) -> Iterator[str]:
    """``--format csv`` rows (without header): one per draft and surface in ``surfaces``.

    ``top_driver`` is the draft's best driver on that row's surface (empty if none).
    """
    for result in results:
        estimate = result.estimate
        draft = estimate.draft
        for surface in Surface:
            if surface not in surfaces:
                continue
            data = surface_data(estimate.surfaces[surface])
            top = next((d for d in result.drivers if d.surface is surface), None)
            yield csv_line(
                (
                    printable(drafts_file.source),  # a file name may hold anything
                    drafts_file.account.name,
                    draft.id,
                    draft.format.value,
                    local_time(draft.publish_at, drafts_file.account).isoformat(),
                    surface.value,
                    str(data["eligible"]).lower(),
                    *data["reach"].values(),
                    data["followers"],
                    data["non_followers"],
                    whole(estimate.total.p50),
                    top.change if top else "",
                    round(top.effect, 3) if top else "",
                )
            )


def _range(reach: Quantiles) -> str:
    """``1,200 (800-2,100)``."""
    return f"{number(reach.p50)} ({number(reach.p10)}-{number(reach.p90)})"


def _calibrated_sentence(account: Account) -> str:
    """`` The account is calibrated on 43 posts, ...`` (nothing when it is not)."""
    if account.calibration is None:
        return ""
    from igalgo.fitting.summary import calibration_summary  # a calibrated account's only

    summary = calibration_summary(account.calibration)
    return localized(tr(" The account is {summary}.", summary=summary))


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_text(
    reports: Sequence[AccountReport], *, surfaces: frozenset[Surface] = ALL_SURFACES
) -> str:
    """``--format markdown``: per file a reach table, the drivers and the checklist."""
    shown = [s for s in Surface if s in surfaces]
    lines: list[str] = []
    for report in reports:
        account = report.account
        followers = gettext("{followers} followers").format(followers=number(account.followers))
        header = gettext("| draft | format | publish at ({zone}) |").format(zone=account.timezone)
        lines += [
            f"## {_cell(account.name)} ({followers})",
            "",
            gettext(
                "`{source}`, seed {seed}, {samples} samples. Median reach per surface with the "
                "P10-P90 range in brackets."
            ).format(
                source=printable(report.source), seed=report.seed, samples=number(report.samples)
            )
            + _calibrated_sentence(account),
            "",
            f"{header} "
            + " | ".join(localized(surface_word(s)) for s in shown)
            + f" | {localized(surface_word('total'))} |",
            "|---|---|---|" + "---:|" * (len(shown) + 1),
        ]
        for result in report.results:
            estimate = result.estimate
            draft = estimate.draft
            cells = [
                _range(estimate.surfaces[s].reach) if estimate.surfaces[s].eligible else "-"
                for s in shown
            ]
            when = localized(Moment(local_time(draft.publish_at, account), "weekday_date_time"))
            lines.append(
                f"| {_cell(draft.id)} | {localized(format_word(draft.format))} | {when} | "
                + " | ".join(cells)
                + f" | {_range(estimate.total)} |"
            )
        lines += ["", "### " + gettext("Drivers"), ""]
        for result in report.results:
            if result.drivers:
                lines.append(f"- **{_cell(result.estimate.draft.id)}**")
                lines += [f"  - {localized(driver_sentence(d))}" for d in result.drivers]
        if not any(r.drivers for r in report.results) and not report.shared:
            lines.append(
                gettext("No change the model can test adds a tenth of any draft's P10-P90 range.")
            )
        lines += [f"- {localized(Capitalized(advice.sentence()))}" for advice in report.shared]
        lines += [
            "",
            "### " + gettext("Strategy checklist"),
            "",
            gettext("| item | status | advice |"),
            "|---|---|---|",
        ]
        lines += [
            f"| {localized(checklist_word(item.id))} | "
            f"{localized(checklist_word(item.status.value))} | {_cell(localized(item.message))} |"
            for item in report.checklist
        ]
        lines += ["", f"_{gettext(NOTE)}_", ""]
    return "\n".join(lines)
