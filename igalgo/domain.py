"""igalgo's vocabulary: frozen dataclasses and enums, no behaviour beyond small derivations.

Inputs (what a user describes in YAML) are :class:`Account` and :class:`Draft`, built by the
loader and read by the simulation; outputs are :class:`DraftEstimate`. Nothing here imports
yaml, numpy, typer or rich."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum

from igalgo.parameters import Evidence, FrozenMap


class Surface(StrEnum):
    """The places on Instagram where a post can be shown; each has its own ranking."""

    FEED = "feed"
    STORIES = "stories"
    EXPLORE = "explore"
    REELS = "reels"


class Format(StrEnum):
    """What kind of post a draft is."""

    PHOTO = "photo"
    CAROUSEL = "carousel"
    VIDEO = "video"
    REEL = "reel"
    STORY = "story"


class AccountType(StrEnum):
    """Instagram's account kinds; the seed says personal connections are prioritised."""

    PERSONAL = "personal"
    CREATOR = "creator"
    BUSINESS = "business"


class Popularity(StrEnum):
    """How popular the account's market (niche) is on Instagram."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Audio(StrEnum):
    """The sound on a reel, video or story."""

    ORIGINAL = "original"
    TRENDING = "trending"
    LICENSED = "licensed"
    NONE = "none"


class Origin(StrEnum):
    """Whose material a post is, as the originality rule of 30 Apr 2026 judges it (T25)."""

    ORIGINAL = "original"
    EDITED = "edited"
    REPOST = "repost"


class Quality(StrEnum):
    """Production quality of the media (resolution, sharpness, lighting)."""

    LOW = "low"
    STANDARD = "standard"
    HIGH = "high"


class Niche(StrEnum):
    """The documented list of markets an account can be in (the size and competition of each
    market's non-follower interest pool are parameters of ``igalgo.world.audience``)."""

    ART = "art"
    AUTOMOTIVE = "automotive"
    B2B = "b2b"
    BEAUTY = "beauty"
    EDUCATION = "education"
    ENTERTAINMENT = "entertainment"
    FASHION = "fashion"
    FINANCE = "finance"
    FITNESS = "fitness"
    FOOD = "food"
    GAMING = "gaming"
    HEALTH = "health"
    HOME = "home"
    LIFESTYLE = "lifestyle"
    LOCAL = "local"
    MUSIC = "music"
    PARENTING = "parenting"
    PERSONAL = "personal"
    PETS = "pets"
    PHOTOGRAPHY = "photography"
    SPORTS = "sports"
    TECH = "tech"
    TRAVEL = "travel"


WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday keys in ``follower_activity.days``, Monday first (``datetime.weekday()`` order)."""

FORMAT_SURFACES: Mapping[Format, frozenset[Surface]] = {
    Format.PHOTO: frozenset({Surface.FEED, Surface.EXPLORE}),
    Format.CAROUSEL: frozenset({Surface.FEED, Surface.EXPLORE}),
    Format.VIDEO: frozenset({Surface.FEED, Surface.EXPLORE}),
    Format.REEL: frozenset({Surface.FEED, Surface.EXPLORE, Surface.REELS}),
    Format.STORY: frozenset({Surface.STORIES}),
}
"""Which surfaces each format can reach at all. A story never reaches Explore; a photo or
carousel reaches the Reels tab only with music (:attr:`Draft.surfaces`). (Since 2022 every new
feed video is a reel; ``video`` here means a feed video that is not shared to the Reels tab.)"""

ALL_SURFACES: frozenset[Surface] = frozenset(Surface)
"""Every surface: what advice and reports speak of unless asked about fewer."""


@dataclass(frozen=True)
class FormatLimits:
    """Instagram's hard limits per format. They change over time, so they are parameters."""

    reel_max_duration_s: float = 180.0
    """Longest reel, seconds. Source: 60 s in 2021 (seed); 3 min since Jan 2025 (sources.md §5f)."""

    video_max_duration_s: float = 3600.0
    """Longest feed video, seconds. Assumption: 60 min upload limit for feed video."""

    story_max_duration_s: float = 60.0
    """Longest single story video, seconds. Assumption: 60 s per story frame since 2021."""

    carousel_min_slides: int = 2
    """Fewest slides in a carousel. Source: a carousel has at least two items."""

    carousel_max_slides: int = 20
    """Most slides in a carousel. Assumption: raised from 10 to 20 in 2024."""

    max_hashtags: int = 5
    """Most hashtags per post or reel. Source: 5 since 19 Dec 2025, was 30 (sources.md T26)."""

    max_caption_chars: int = 2200
    """Longest caption, characters. Assumption: Instagram's documented caption limit."""

    def max_duration_s(self, fmt: Format) -> float | None:
        """The longest allowed duration for ``fmt``, or None when the format has no duration."""
        return {
            Format.REEL: self.reel_max_duration_s,
            Format.VIDEO: self.video_max_duration_s,
            Format.STORY: self.story_max_duration_s,
        }.get(fmt)


DEFAULT_LIMITS = FormatLimits()
"""The limits in force today."""


@dataclass(frozen=True)
class Market:
    """Which market the account is in and how popular that market is on Instagram."""

    niche: Niche = Niche.LIFESTYLE
    popularity: Popularity = Popularity.MEDIUM


@dataclass(frozen=True)
class Posting:
    """The account's current posting frequency and usual local posting times."""

    feed_per_week: float = 3.0
    reels_per_week: float = 1.0
    stories_per_week: float = 5.0
    times: tuple[time, ...] = (time(12, 0), time(19, 0))
    unoriginal_share: float = 0.0
    """Share of the last 30 days' posts that are not original (sources.md T25)."""


DEFAULT_ACTIVITY_HOURS: tuple[float, ...] = (
    0.25, 0.12, 0.06, 0.04, 0.04, 0.08, 0.25, 0.55, 0.75, 0.70, 0.65, 0.70,
    0.85, 0.80, 0.70, 0.70, 0.75, 0.85, 0.95, 1.00, 1.00, 0.90, 0.70, 0.45,
)  # fmt: skip
"""Relative share of followers online per local hour 0..23 when a profile gives none.
Assumption: the typical shape of Instagram's "Most active times" insight (low at night,
peaks at lunch and in the evening)."""


@dataclass(frozen=True)
class FollowerActivity:
    """When followers are online: relative values per local hour and per weekday."""

    hours: tuple[float, ...] = DEFAULT_ACTIVITY_HOURS
    """24 relative values, local hours 0..23."""
    days: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    """7 relative values, Monday first."""


@dataclass(frozen=True)
class Interaction:
    """How much the followers interact."""

    engagement_rate: float | None = None
    """Interactions per follower of a typical feed post (0138); None: the usual of its kind."""
    per: str | None = None
    """``post``: the profile says the rate has this meaning (None: written before it did)."""


@dataclass(frozen=True)
class Branding:
    """How ``igalgo report`` presents an agency's client report (the profile's ``report:``)."""

    agency: str | None = None
    """The agency's name, shown at the top of the report; None shows none."""
    logo: str | None = None
    """A logo image file (PNG, JPEG, GIF, WebP or SVG) as written in the profile: a path
    relative to the profile's directory, or absolute."""
    accent: str | None = None
    """The accent colour as ``#RRGGBB``; None keeps the report's own."""


@dataclass(frozen=True)
class FormatCalibration:
    """What an account's own history says about its posts of one format."""

    format: Format
    posts: int
    """Posts of this format the fit used."""
    appeal: float = 1.0
    """How many times as appealing as the model predicts for an account like it the account's
    posts of this format are (above 1: better; it multiplies every post's appeal). For
    stories, whose reach reads no appeal, how many times as often followers open them. With
    :attr:`slope` (an own level): how many times the model's P50 at :attr:`model_reach` the
    account's typical post of the format reaches, stories included."""
    appeal_log_sd: float | None = None
    """The spread of a post's appeal (standard deviation of its log); None keeps the model's."""
    slope: float | None = None
    """Share (0-1) of the model's post-to-post variation within the format (hour, weekday,
    length, competition) that the history supports; None: a calibration of igalgo 0.x before
    own levels, whose ``appeal`` multiplies the model's appeal instead."""
    model_reach: float | None = None
    """The model's typical P50 over the format's posts: the calibrated P50 of a draft whose
    model P50 is m is ``appeal * model_reach * (m / model_reach) ** slope``."""
    low: float | None = None
    """log(P50 / P10) of a post one post ahead of the history."""
    high: float | None = None
    """log(P90 / P50) of a post one post ahead of the history."""


@dataclass(frozen=True)
class Verdict:
    """What a rolling-origin backtest of a calibration says, as the calibrated profile keeps it."""

    sentence: str
    """``beats your own median by 18 % (90 %: 9-26 %): use it``, ``no better than your own
    median`` or ``too few posts to tell``."""
    gain: float
    """1 - calibrated / naive median |log error| over the predicted posts."""
    low: float
    """Lower end of the gain's 90 % paired-bootstrap interval."""
    high: float
    posts: int
    """Posts predicted."""
    cuts: int
    """Rolling origins."""


@dataclass(frozen=True)
class Calibration:
    """An account's parameters fitted to its own published posts by ``igalgo calibrate``."""

    posts: int
    """Posts the fit used."""
    first_post: date
    last_post: date
    igalgo_version: str
    """The igalgo that fitted it."""
    formats: tuple[FormatCalibration, ...] = ()
    """Fitted formats only, in :class:`Format` order."""
    engagement_rate: float | None = None
    """The :attr:`Interaction.engagement_rate` at which the fitted model reproduces the posts'
    interactions per reach; None when not fitted."""
    weekday_appeal: tuple[float, ...] | None = None
    """7 appeal multipliers, Monday first, when the history shows a weekday effect."""
    hour_appeal: tuple[float, ...] | None = None
    """6 appeal multipliers for local hours 0-3, 4-7, ..., 20-23, when the history shows an
    effect of the hour beyond the followers' activity."""
    inside_p10_p90: float | None = None
    """Share of posts whose reach fell inside the predicted P10-P90 range (see
    :attr:`checked_on`)."""
    median_log_error: float | None = None
    """Median |log(actual / P50)| of those posts."""
    checked_on: str | None = None
    """What :attr:`inside_p10_p90` and :attr:`median_log_error` were measured on: ``backtest``
    (the newest posts, predicted from the older ones) or ``fitted posts`` (in sample)."""
    overall_appeal: float | None = None
    """How many times the model's P50 a typical post of the account reaches: the level of
    formats the history has no posts of. Not None marks a calibration of own levels (formats
    with ``slope``), whose predictions are the account's levels rather than the model's."""
    low: float | None = None
    """Pooled log(P50 / P10) one post ahead, for formats without posts."""
    high: float | None = None
    """Pooled log(P90 / P50) one post ahead."""
    drift: float | None = None
    """Variance per day of the account's level (a random walk, in log units squared): P10-P90
    of a draft widen with the days between :attr:`last_post` and it."""
    half_life: float | None = None
    """Posts of a format after which a post's weight in its level halves (None: equal)."""
    verdict: Verdict | None = None
    """The rolling-origin backtest's verdict; None when it was not run."""

    def of(self, fmt: Format) -> FormatCalibration | None:
        """The fit of ``fmt``, or None when the history had too few posts of it."""
        return next((f for f in self.formats if f.format is fmt), None)

    def summary(self) -> str:
        """One line for report headers: ``calibrated on 43 posts, 2025-01-07 to 2025-04-25``
        and the backtest's verdict when there is one."""
        line = f"calibrated on {self.posts} posts, {self.first_post} to {self.last_post}"
        return line if self.verdict is None else f"{line}; backtest: {self.verdict.sentence}"


@dataclass(frozen=True)
class Account:
    """One Instagram account as the user describes it."""

    name: str
    followers: int
    account_type: AccountType = AccountType.CREATOR
    timezone: str = "UTC"
    """IANA time-zone name; local times in drafts and activity are in this zone."""
    market: Market = field(default_factory=Market)
    posting: Posting = field(default_factory=Posting)
    follower_activity: FollowerActivity = field(default_factory=FollowerActivity)
    interaction: Interaction = field(default_factory=Interaction)
    calibration: Calibration | None = None
    """Parameters fitted to the account's history (``igalgo calibrate``); None: the defaults."""
    report: Branding | None = None
    """The agency's branding of ``igalgo report`` (the profile's ``report:``); None: plain."""
    capacity: FrozenMap[Surface, int] | None = None  # posts a week per lane; None: no limit
    language: str | None = None
    """The language of this account's reports (``nl``); None: the reader's (``--lang``, ...)."""
    gates: tuple[str, ...] = ()  # the profile's gates: as --fail-under writes them


UNDATED = datetime(2000, 1, 3, tzinfo=UTC)
"""``publish_at`` of an undated draft (:attr:`Draft.pinned` False) until igalgo dates it."""


@dataclass(frozen=True)
class Window:
    """The local days an undated draft must go out in (``window: {from, to}``), both included."""

    first: date
    last: date

    def contains(self, day: date) -> bool:
        """True when ``day`` is one of the window's days."""
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Draft:
    """One planned post."""

    id: str
    format: Format
    publish_at: datetime
    """Time-zone aware publication time; :data:`UNDATED` until a draft without a date is placed."""
    caption: str = ""
    hashtags: tuple[str, ...] = ()
    location: str | None = None
    audio: Audio = Audio.NONE
    duration_s: float | None = None
    """Length for reel, video and video story; None for photos, carousels and photo stories."""
    slides: int | None = None
    """Number of items in a carousel; None for other formats."""
    quality: Quality = Quality.STANDARD
    watermark: bool = False
    """True when a visible watermark of another app is on the media."""
    muted: bool = False
    borders: bool = False
    text_heavy: bool = False
    reposted: bool = False
    music: bool = False
    origin: Origin = Origin.ORIGINAL
    pinned: bool = True
    """True when the file dates the draft (the planner keeps it); False: igalgo chooses."""
    window: Window | None = None
    """The days an undated draft must go out in; None: any day."""
    relative: str | None = None  # publish_at as written when it is "tue 19:30"
    status: str | None = None  # the client's approval: draft, in_review, approved or None
    approved_by: str | None = None

    @property
    def surfaces(self) -> frozenset[Surface]:
        """Its format's surfaces, and Reels for a photo or carousel with music (T24)."""
        music = self.music and self.format in (Format.PHOTO, Format.CAROUSEL)
        return FORMAT_SURFACES[self.format] | ({Surface.REELS} if music else set())

    @property
    def placed(self) -> bool:
        """True when the draft has a real publication time (dated, or placed by igalgo)."""
        return self.pinned or self.publish_at != UNDATED


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantiles:
    """A distribution summary of a Monte Carlo quantity (unique accounts)."""

    p10: float
    p50: float
    p90: float
    mean: float


ZERO_QUANTILES = Quantiles(0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class SurfaceEstimate:
    """Reach of one draft on one surface."""

    surface: Surface
    eligible: bool
    """False when the draft's format can never reach this surface (reach is then zero)."""
    reach: Quantiles
    followers: float
    """Median reach among followers."""
    non_followers: float
    """Median reach among non-followers."""


@dataclass(frozen=True)
class Actions:
    """A number of each action a draft collects, all surfaces together."""

    likes: float
    comments: float
    saves: float
    shares: float
    profile_visits: float
    follows: float


@dataclass(frozen=True)
class ActionEstimate:
    """How many of each action a draft collects: typically (the median over the Monte Carlo
    samples) and in expectation (the mean, which the heavy tail of Explore and Reels pulls far
    above the typical count)."""

    typical: Actions
    """Medians: what a post like this usually collects."""
    expected: Actions
    """Means: the average over all the ways the post can turn out."""


@dataclass(frozen=True)
class ReelWatch:
    """A reel's average watch time per view in seconds and share of views skipped in 3 s (T27)."""

    average_s: float
    skip_share: float


@dataclass(frozen=True)
class DraftEstimate:
    """Everything the simulation says about one draft."""

    draft: Draft
    surfaces: Mapping[Surface, SurfaceEstimate]
    """All four surfaces, always; ineligible ones have ``eligible=False`` and zero reach."""
    total: Quantiles
    """Unique accounts reached across all surfaces (overlaps counted once)."""
    actions: ActionEstimate
    watch: ReelWatch | None = None  # reels and feed videos only


@dataclass(frozen=True)
class DraftsFile:
    """A drafts file after loading: the account it is for and its drafts, in file order."""

    source: str
    """The file name as given (``-`` for standard input), used in messages."""
    account: Account
    drafts: tuple[Draft, ...]
    account_file: str | None = None
    """The profile file the account was read from; None for an inline account or standard
    input (an output must never replace it, as it must never replace ``source``)."""


# --- advice ----------------------------------------------------------------------------------


class Status(StrEnum):
    """How a strategy checklist item stands, from best to worst."""

    OK = "ok"
    """Nothing to do: the inputs and the model's numbers look fine on this point."""
    IMPROVE = "improve"
    """Worth improving; the message says what and by how much the model expects it to help."""
    ACT = "act"
    """A clear problem that costs reach now; act on it before publishing."""


class Lever(StrEnum):
    """The things about a draft a user can change; stable ids of :class:`Driver` kinds."""

    TIME = "time"
    FORMAT = "format"
    DURATION = "duration"
    AUDIO = "audio"
    QUALITY = "quality"
    WATERMARK = "watermark"
    HASHTAGS = "hashtags"
    CAPTION = "caption"
    SPACING = "spacing"
    """Distance from the account's other drafts (they compete for the same viewers)."""


@dataclass(frozen=True)
class Driver:
    """One change the user can make to a draft, with the model's counterfactual effect."""

    change: str
    """What to change, in words, e.g. ``publish at 19:00 instead of 06:00``."""
    surface: Surface
    """The surface whose median reach the change moves most."""
    effect: float
    """Relative change of the median reach on ``surface`` (0.41 means +41 %); of the total
    median reach when the change opens a surface (``opens_surface``: from zero, undefined)."""
    lever: Lever
    """Which kind of change this is (stable id for scripts)."""
    opens_surface: bool = False
    """True when ``surface`` was out of the draft's reach before (video -> reel: Reels tab)."""
    evidence: Evidence = Evidence.ASSUMED
    """What the effect rests on (:mod:`igalgo.advice.grades`)."""
    publish_at: datetime | None = None
    """A move's new publication time (lever TIME or SPACING); None otherwise."""


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the seed's strategy checklist, judged for one account."""

    id: str
    """Stable id: market, strategy, profiling, timing, frequency, audience_presence,
    interaction or measuring."""
    status: Status
    message: str
    """One concrete sentence of advice that quotes the number behind it."""
    surfaces: frozenset[Surface]
    """The surfaces this item concerns (used to filter the checklist to one surface)."""


# --- history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedPost:
    """One post the account has published, with the lifetime numbers its export reports.

    Read from the account's own Instagram history (:mod:`igalgo.inputs.exports`). A count that
    the export leaves blank is None, never 0."""

    id: str
    """The post's id: Instagram's media id when the export has one (Business Suite, Graph
    API), else one made from the media file and time (Download your information)."""
    format: Format
    published_at: datetime
    """Time-zone aware publication time, in the account's zone."""
    account_id: str | None = None
    """Instagram's id of the account, when the export says it."""
    account_username: str | None = None
    """The account's username without ``@``, when the export says it."""
    reach: float | None = None
    """Unique accounts reached. When the export has only views, views / views_per_reach (see
    :attr:`reach_from_views`)."""
    views: float | None = None
    """Views (older exports and API versions: impressions or plays)."""
    likes: float | None = None
    comments: float | None = None
    saves: float | None = None
    shares: float | None = None
    follows: float | None = None
    """Accounts that started following from this post."""
    profile_visits: float | None = None
    duration_s: float | None = None
    """Length in seconds for reels, videos and video stories; None when unknown or not a video."""
    reach_from_views: bool = False
    """True when :attr:`reach` is not measured but derived from views and a given ratio."""
    source_file: str = ""
    """The export file the post was read from, as named in messages."""
    source_line: int = 0
    """The 1-based line of the post's row (CSV) or record (JSON) in :attr:`source_file`."""
