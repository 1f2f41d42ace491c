"""A client report as plain data: the JSON documents of ``igalgo score`` and ``igalgo plan``
(:func:`igalgo.output.report.file_data`, :func:`igalgo.output.plan_report.plan_document`), and
what the report adds to them (the recommendations, the first week's reach, the accuracy
check). The HTML is rendered from this data alone, so every number on the page is one of the
JSON's; the page marks each with the JSON path it came from (``data-json``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from igalgo import __version__
from igalgo.app.report import ClientReport
from igalgo.app.report_advice import recommendations
from igalgo.app.report_check import PredictionCheck
from igalgo.domain import Branding, Surface
from igalgo.output import report_phrases as words
from igalgo.output.plan_report import plan_document
from igalgo.output.report import file_data

DEFAULT_ACCENT = "#1f6f5c"
"""The report's accent colour when neither the profile nor ``--accent`` gives one."""


def accent_of(branding: Branding) -> str:
    """The report's accent colour: the branding's, or :data:`DEFAULT_ACCENT`."""
    return branding.accent or DEFAULT_ACCENT


def answer_data(report: ClientReport) -> list[dict[str, Any]]:
    """The opening recommendations with their sentences and evidence."""
    return [
        {
            "text": words.recommendation_text(item),
            "gain": words.recommendation_gain(item),
            "evidence": item.evidence.value,
            "evidence_text": words.evidence_text(item.evidence),
        }
        for item in recommendations(report.scored, report.plan)
    ]


def week_data(plan: dict[str, Any]) -> dict[str, Any] | None:
    """The first planned week's reach: the sums of its posts' P10, P50 and P90 (each post's
    reach as the plan JSON gives it); None when no post is planned in it."""
    posts = [p for p in plan["schedule"]["posts"] if p["week"] == 0]
    if not posts:
        return None
    low = sum(p["reach"]["p10"] for p in posts)
    typical = sum(p["reach"]["p50"] for p in posts)
    high = sum(p["reach"]["p90"] for p in posts)
    return {
        "posts": len(posts),
        "p10": low,
        "p50": typical,
        "p90": high,
        "sentence": words.week_reach_sentence(low, typical, high, len(posts)),
    }


def calendar_data(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The planned posts by week and weekday, each with its index in the plan JSON's posts."""
    weeks: list[dict[str, Any]] = []
    start = date.fromisoformat(plan["schedule"]["start"])
    for week in range(plan["schedule"]["weeks"]):
        days: list[list[dict[str, Any]]] = [[] for _ in range(7)]
        first = start + timedelta(days=7 * week - start.weekday())
        dates = [(first + timedelta(days=day)).isoformat() for day in range(7)]
        for index, post in enumerate(plan["schedule"]["posts"]):
            if post["week"] != week:
                continue
            day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(post["weekday"])
            days[day].append({"index": index, "post": post})
        weeks.append({"number": week + 1, "days": days, "dates": dates})
    return weeks


def check_data(check: PredictionCheck | None) -> dict[str, Any] | None:
    """The accuracy section's numbers and sentences; None without a check."""
    if check is None:
        return None
    details = None
    if check.median_log_error is not None:
        details = words.accuracy_details(
            check.median_log_error, check.naive_log_error, check.inside_p10_p90
        )
    return {
        "outcome": check.outcome.replace(" ", "-"),
        "sentence": words.verdict_sentence(check.outcome, check.sentence, check.fitted_posts),
        "details": details,
        "median_log_error": _rounded(check.median_log_error),
        "naive_log_error": _rounded(check.naive_log_error),
        "inside_p10_p90": _rounded(check.inside_p10_p90),
        "posts": [
            {
                "published": post.published.isoformat(),
                "format": post.format.value,
                "p10": round(post.p10),
                "p50": round(post.p50),
                "p90": round(post.p90),
                "actual": round(post.actual),
                "naive": round(post.naive),
            }
            for post in check.posts
        ],
    }


def _rounded(value: float | None) -> float | None:
    """A share or an error rounded to 0.001 (as the JSON rounds them)."""
    return None if value is None else round(value, 3)


def report_document(report: ClientReport, generated: date) -> dict[str, Any]:
    """Everything the page shows, as plain data; ``generated`` is the report's date."""
    plan = plan_document(report.plan, report.source)
    lanes = {lane["surface"]: lane for lane in plan["lanes"]}
    return {
        "igalgo_version": __version__,
        "generated": generated.isoformat(),
        "source": report.source,
        "account": plan["account"],
        "score": file_data(report.scored) if report.scored is not None else None,
        "plan": plan,
        "answer": answer_data(report),
        "week": week_data(plan),
        "calendar": calendar_data(plan),
        "check": check_data(report.check),
        "lane_names": {s.value: words.LANE_WORDS[s] for s in Surface if s.value in lanes},
        "agency": report.branding.agency,
        "accent": accent_of(report.branding),
    }
