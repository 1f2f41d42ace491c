"""The declaration of a profile's ``calibration:`` mapping: what ``igalgo calibrate`` fitted.

:data:`CALIBRATION` is one field of :data:`igalgo.inputs.formats.PROFILE`; the loader builds
:class:`igalgo.domain.Calibration` from it, the schema and docs/formats.md describe it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from igalgo.domain import WEEKDAYS, Calibration, Format, FormatCalibration, Verdict
from igalgo.inputs.declarations import Field, Kind, Shape

MAX_APPEAL = 1000.0
"""Largest appeal multiplier a calibration may hold: a factor beyond it says the history
contradicts the model rather than that the account is that much better (the fit stops at 30)."""


class CheckedOn(StrEnum):
    """What a calibration's quality figures were measured on."""

    BACKTEST = "backtest"
    """The newest posts, predicted from a fit on the older ones."""
    FITTED_POSTS = "fitted posts"
    """The posts the fit used (in sample)."""


def _appeal(description: str) -> Field:
    return Field(
        "appeal",
        Kind.NUMBER,
        description,
        required=True,
        minimum=0,
        minimum_excluded=True,
        maximum=MAX_APPEAL,
    )


_FORMAT_POSTS = Field(
    "posts", Kind.INTEGER, "Posts of this format the fit used.", required=True, minimum=1
)


def _offset(name: str, description: str) -> Field:
    return Field(name, Kind.NUMBER, description, minimum=0, maximum=20)


OWN_LEVEL_FIELDS = (
    Field(
        "slope",
        Kind.NUMBER,
        "Share (0-1) of the model's post-to-post variation within the format (hour, weekday, "
        "length, competition) that the history supports; with it, `appeal` scales the model's "
        "P50 at `model_reach`, and a draft whose model P50 is m gets `appeal * model_reach * "
        "(m / model_reach) ** slope`. Absent: an older calibration, whose `appeal` multiplies "
        "the model's appeal.",
        minimum=0,
        maximum=1,
    ),
    Field(
        "model_reach",
        Kind.NUMBER,
        "The model's typical P50 over the format's posts (with `slope`).",
        minimum=0,
        minimum_excluded=True,
    ),
    _offset("low", "log(P50 / P10) of a post one post ahead of the history (with `slope`)."),
    _offset("high", "log(P90 / P50) of a post one post ahead of the history (with `slope`)."),
)
"""The fields of a format fitted as the account's own level (docs/decisions/0128)."""

FORMAT_CALIBRATION = Shape(
    title="format calibration",
    description="What the account's history says about its posts of one format.",
    fields=(
        _FORMAT_POSTS,
        _appeal(
            "How many times as appealing as the model predicts for an account like this the "
            "account's posts of this format are (above 1: better; it multiplies every post's "
            "appeal)."
        ),
        Field(
            "appeal_log_sd",
            Kind.NUMBER,
            "The spread of a post's appeal (standard deviation of its log); absent: the model's.",
            minimum=0,
            maximum=5,
        ),
        *OWN_LEVEL_FIELDS,
    ),
)

STORY_CALIBRATION = Shape(
    title="story calibration",
    description="What the account's history says about its stories (whose spread is the model's).",
    fields=(
        _FORMAT_POSTS,
        _appeal(
            "How many times as often as the model predicts for an account like this followers "
            "open the account's stories (with `slope`: how many times the model's reach "
            "they get)."
        ),
        *OWN_LEVEL_FIELDS,
    ),
)


def fitted_formats(**fits: dict[str, Any]) -> tuple[FormatCalibration, ...]:
    """The checked ``formats:`` entries as :class:`FormatCalibration`, in format order."""
    return tuple(FormatCalibration(fmt, **fits[fmt.value]) for fmt in Format if fmt.value in fits)


def build_calibration(
    *,
    formats: tuple[FormatCalibration, ...] = (),
    quality: dict[str, Any] | None = None,
    **rest: Any,
) -> Calibration:
    """The checked ``calibration:`` mapping as a :class:`Calibration`."""
    checked = (quality or {}).get("checked_on")
    measured = {**(quality or {}), "checked_on": None if checked is None else str(checked.value)}
    return Calibration(formats=formats, **measured, **rest)


CALIBRATION_FORMATS = Shape(
    title="calibration formats",
    description="The fitted formats by name; a format that is absent had too few posts and "
    "keeps the model's defaults.",
    fields=tuple(
        Field(
            fmt.value,
            Kind.MAPPING,
            f"The fit of the account's {fmt.value} posts."
            if fmt is not Format.STORY
            else "The fit of the account's stories.",
            shape=STORY_CALIBRATION if fmt is Format.STORY else FORMAT_CALIBRATION,
        )
        for fmt in Format
    ),
    build=fitted_formats,
)

CALIBRATION_QUALITY = Shape(
    title="calibration quality",
    description="How well the calibrated model predicted the posts; for reading, igalgo does "
    "not use it.",
    fields=(
        Field(
            "inside_p10_p90",
            Kind.NUMBER,
            "Share of the posts whose reach fell inside the predicted P10-P90 range (0.8 when "
            "the ranges are right).",
            minimum=0,
            maximum=1,
        ),
        Field(
            "median_log_error",
            Kind.NUMBER,
            "Median |log(actual reach / predicted median)| of those posts (0.4: typically off "
            "by a factor of 1.5).",
            minimum=0,
        ),
        Field(
            "checked_on",
            Kind.CHOICE,
            "What they were measured on: `backtest` (the newest posts, predicted from the "
            "older ones) or `fitted posts` (in sample).",
            choices=CheckedOn,
        ),
    ),
)


def build_verdict(**found: Any) -> Verdict:
    """The checked ``verdict:`` mapping as a :class:`Verdict`."""
    return Verdict(**found)


CALIBRATION_VERDICT = Shape(
    title="calibration verdict",
    description="What the rolling-origin backtest said when the calibration was fitted; for "
    "reading (report headers show it), igalgo does not use it.",
    fields=(
        Field("sentence", Kind.TEXT, "The verdict in words.", required=True, max_length=200),
        Field(
            "gain",
            Kind.NUMBER,
            "1 - calibrated / naive median |log error| (0.18: errors 18 % smaller than the "
            "median of the format's earlier posts).",
            required=True,
            minimum=-100,
            maximum=1,
        ),
        Field(
            "low",
            Kind.NUMBER,
            "Its 90 % interval's lower end.",
            required=True,
            minimum=-100,
            maximum=1,
        ),
        Field("high", Kind.NUMBER, "Its upper end.", required=True, minimum=-100, maximum=1),
        Field("posts", Kind.INTEGER, "Posts predicted.", required=True, minimum=0),
        Field("cuts", Kind.INTEGER, "Rolling origins.", required=True, minimum=0),
    ),
    build=build_verdict,
)


def _multipliers(name: str, count: int, description: str) -> Field:
    return Field(
        name,
        Kind.LIST,
        description,
        items=Field(
            "",
            Kind.NUMBER,
            "An appeal multiplier.",
            minimum=0,
            minimum_excluded=True,
            maximum=MAX_APPEAL,
        ),
        min_items=count,
        max_items=count,
    )


CALIBRATION = Shape(
    title="calibration",
    description="What `igalgo calibrate` fitted to the account's own published posts; `igalgo "
    "score` and `igalgo plan` use it instead of the model's defaults for an account like it.",
    fields=(
        Field(
            "igalgo_version",
            Kind.TEXT,
            'The igalgo that fitted it (quote it: unquoted 1.10 is a number), e.g. "0.1.0".',
            required=True,
            max_length=40,
        ),
        Field(
            "posts",
            Kind.INTEGER,
            "Published posts with a reach that the fit used.",
            required=True,
            minimum=1,
            maximum=1_000_000,
        ),
        Field(
            "first_post",
            Kind.DATE,
            "Publication date of the oldest of those posts, YYYY-MM-DD.",
            required=True,
        ),
        Field(
            "last_post",
            Kind.DATE,
            "Publication date of the newest of those posts, on or after `first_post`.",
            required=True,
        ),
        Field(
            "engagement_rate",
            Kind.NUMBER,
            "The fitted (likes + comments + saves + shares) per follower per feed post; while "
            "it is set, `interaction.engagement_rate` is not used.",
            minimum=0,
            minimum_excluded=True,
            maximum=1,
        ),
        Field("formats", Kind.MAPPING, CALIBRATION_FORMATS.description, shape=CALIBRATION_FORMATS),
        _multipliers(
            "weekday_appeal",
            len(WEEKDAYS),
            "Appeal multipliers per weekday, Monday first, when the history shows a weekday "
            "effect (stories excepted).",
        ),
        _multipliers(
            "hour_appeal",
            6,
            "Appeal multipliers for the local hours 0-3, 4-7, 8-11, 12-15, 16-19 and 20-23, "
            "when the history shows an effect of the hour beyond the followers' activity "
            "(stories excepted).",
        ),
        Field(
            "overall_appeal",
            Kind.NUMBER,
            "How many times the model's P50 the account's typical post reaches: the level of "
            "formats without posts. Present in a calibration of own levels (formats with "
            "`slope`).",
            minimum=0,
            minimum_excluded=True,
            maximum=MAX_APPEAL,
        ),
        _offset("low", "Pooled log(P50 / P10) one post ahead, for formats without posts."),
        _offset("high", "Pooled log(P90 / P50) one post ahead."),
        Field(
            "drift",
            Kind.NUMBER,
            "Variance per day of the account's level (log units squared): P10-P90 widen with "
            "the days between `last_post` and a draft.",
            minimum=0,
            maximum=1,
        ),
        Field(
            "half_life",
            Kind.NUMBER,
            "Posts of a format after which a post's weight in its level halves; absent: equal "
            "weights.",
            minimum=0,
            minimum_excluded=True,
        ),
        Field("verdict", Kind.MAPPING, CALIBRATION_VERDICT.description, shape=CALIBRATION_VERDICT),
        Field("quality", Kind.MAPPING, CALIBRATION_QUALITY.description, shape=CALIBRATION_QUALITY),
    ),
    build=build_calibration,
)
