"""Dates for the drafts a file gives none, before ``igalgo score`` scores them; the day taken
as today in an account's zone; and the checks and warnings about dates, for score, plan and
calibrate alike.

An undated draft is scored at its best slot of the coming week (the week ``igalgo plan`` plans
by default, from next Monday), or of its window: :func:`date_drafts` lets the planner place it
(:func:`igalgo.planning.schedule.schedule_drafts`), the file's dated drafts staying where they
are and competing, so that the hour it gets is one the drivers have no move from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from igalgo.advice.drivers import DEFAULT_DRIVER_PARAMS, DriverParams
from igalgo.advice.templates import local_time
from igalgo.domain import Account, Draft, DraftsFile, Surface, Window
from igalgo.errors import UsageError
from igalgo.inputs.formats import EARLIEST_DATE, LATEST_DATE, SUPPORTED_DATES
from igalgo.inputs.value_checks import zone_or_none
from igalgo.language import Joined, Moment, Number, tr, tr_plural

if TYPE_CHECKING:
    from igalgo.world.model import Simulation

MAX_WEEKS = 8
"""Weeks the coming week may grow to when the undated drafts do not fit in one at the spacing
rule (a file of 30 undated reels needs five)."""


@dataclass(frozen=True)
class DateNote:
    """What igalgo did with a draft's date, or a warning about it."""

    draft_id: str
    message: str
    """One sentence, e.g. ``undated: scored at its best slot of the week of Mon 2026-12-07``."""
    warning: bool = False
    """True for a date or window in the past."""


def today_in(timezone: str, today: date | None = None) -> date:
    """``today`` when given (``IGALGO_TODAY``, a caller's fixed day), else today's date in
    ``timezone``: the one "today in the account's zone" of every use case."""
    return today if today is not None else datetime.now(ZoneInfo(timezone)).date()


def now_in(timezone: str, today: date | None = None, clock: time | None = None) -> datetime:
    """The moment taken as now in ``timezone``: ``today`` at ``clock`` (``IGALGO_TODAY``,
    which may carry a time; without one, the start of that day), else the current time."""
    zone = zone_or_none(timezone) or ZoneInfo("UTC")
    if today is None:
        return datetime.now(zone)
    return datetime.combine(today, clock or time(), tzinfo=zone)


def end_of_today(timezone: str, today: date | None) -> datetime | None:
    """The end of ``today`` in ``timezone``, the latest a published post may be; None (the
    current time) without a ``today``, or when the zone is not one (the reader reports it)."""
    zone = zone_or_none(timezone)
    if today is None or zone is None:
        return None
    return datetime.combine(today + timedelta(days=1), time(), tzinfo=zone)


def start_date(text: str | None) -> date | None:
    """``--start``: a date as YYYY-MM-DD within the supported dates, or None; raises
    UsageError otherwise."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--start: expected a date as YYYY-MM-DD, got {text!r}") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise UsageError(f"--start: igalgo supports dates {SUPPORTED_DATES}, got {text}")
    return day


def start_warning(first_day: date, timezone: str, today: date) -> str | None:
    """The warning for a ``--start`` before ``today`` in the account's zone (the plan is still
    made: a past week can be worth a look, but posts cannot go out then)."""
    if first_day >= today:
        return None
    return "igalgo: warning: " + tr(
        "--start {first} is in the past (today is {today} in {zone}); the plan starts there anyway",
        first=first_day.isoformat(),
        today=today.isoformat(),
        zone=timezone,
    )


def warning_text(source: str, note: DateNote) -> str:
    """A date warning as a line for stderr: ``igalgo: warning: FILE: draft 'x' is ...``."""
    said = tr(
        "{source}: draft '{draft}' is {message}",
        source=source,
        draft=note.draft_id,
        message=note.message,
    )
    return Joined(["igalgo: warning:", said], " ")


WARNINGS_SHOWN = 5
"""Date warnings printed per file by ``score``, ``plan`` and ``report``; the rest are counted
in one line (``igalgo validate`` prints them all, the JSON of ``score`` lists them all)."""


def warning_lines(source: str, notes: Sequence[DateNote]) -> list[str]:
    """A file's date warnings as lines for stderr: the first :data:`WARNINGS_SHOWN`, then one
    line that counts the rest (a year of drafts in the past is one line, not thousands)."""
    lines = [warning_text(source, note) for note in notes[:WARNINGS_SHOWN]]
    rest = len(notes) - len(lines)
    if rest:
        said = tr_plural(
            "{source}: {more} more draft is dated in the past or due in a window that has "
            "ended (igalgo validate lists them all)",
            "{source}: {more} more drafts are dated in the past or due in a window that has "
            "ended (igalgo validate lists them all)",
            rest,
            source=source,
            more=Number(rest),
        )
        lines.append(Joined(["igalgo: warning:", said], " "))
    return lines


def coming_week(today: date) -> Window:
    """The week ``igalgo plan`` plans by default: from the Monday after ``today``."""
    first = today + timedelta(days=7 - today.weekday())
    return Window(first, first + timedelta(days=6))


def past_notes(account: Account, drafts: Sequence[Draft], now: datetime | date) -> list[DateNote]:
    """A warning for each dated draft before ``now`` (to the minute, in the account's zone;
    a day means its start) and each window that ended before now's day."""
    zone = ZoneInfo(account.timezone)
    if not isinstance(now, datetime):
        now = datetime.combine(now, time(), tzinfo=zone)
    today = now.astimezone(zone).date()
    notes = []
    for draft in drafts:
        if draft.pinned and draft.publish_at < now:
            when = draft.publish_at.astimezone(zone)
            said = tr("dated in the past ({when})", when=Moment(when, "weekday_date_time"))
            notes.append(DateNote(draft.id, said, True))
        elif draft.window is not None and draft.window.last < today:
            notes.append(
                DateNote(
                    draft.id,
                    tr(
                        "due in a window that has ended ({first} to {last})",
                        first=str(draft.window.first),
                        last=str(draft.window.last),
                    ),
                    True,
                )
            )
    return notes


def week_notes(account: Account, drafts: Sequence[Draft]) -> list[DateNote]:
    """A note for each draft dated in the coming week (``"tue 19:30"``): the date it became."""
    zone = ZoneInfo(account.timezone)
    return [
        DateNote(
            draft.id,
            tr(
                "{written}: the next {weekday} after today, {when}",
                written=draft.relative,
                weekday=Moment(when, "weekday_long"),
                when=Moment(when, "weekday_date_time"),
            ),
        )
        for draft in drafts
        if draft.relative is not None
        for when in [draft.publish_at.astimezone(zone)]
    ]


def date_drafts(
    drafts_file: DraftsFile,
    *,
    today: date,
    surfaces: frozenset[Surface],
    simulation: Simulation,
    driver_params: DriverParams = DEFAULT_DRIVER_PARAMS,
) -> tuple[DraftsFile, tuple[DateNote, ...]]:
    """The file with every undated draft at its best slot, and a note per draft igalgo dated
    or warns about (see the module docstring), scored in ``simulation`` (a run of the file's
    account). Drafts keep their file order."""
    from igalgo.planning.schedule import schedule_drafts  # numpy: only when there is one

    account, drafts = drafts_file.account, drafts_file.drafts
    notes = past_notes(account, drafts, today)
    undated = [d for d in drafts if not d.placed]
    if not undated:
        return drafts_file, tuple(notes)
    week = coming_week(today)
    chosen: dict[str, Draft] = {}
    for weeks in range(1, MAX_WEEKS + 1):
        implicit = Window(week.first, week.first + timedelta(days=7 * weeks - 1))
        windowed = [
            d if d.window is not None else dataclasses.replace(d, window=implicit) for d in undated
        ]
        first = min(d.window.first for d in windowed if d.window is not None)
        last = max(d.window.last for d in windowed if d.window is not None)
        schedule = schedule_drafts(
            simulation,
            surfaces,
            [*(d for d in drafts if d.placed), *windowed],
            start=first,
            weeks=(last - first).days // 7 + 1,
            keep_outside=True,
            driver_params=driver_params,
        )
        chosen = {p.draft.id: p.draft for p in schedule.posts if not p.draft.pinned}
        if all(d.id in chosen or d.window is not None for d in undated):
            break
    zone = ZoneInfo(account.timezone)
    left = [d for d in undated if d.id not in chosen]
    chosen.update(_best_alone(simulation, left, week, surfaces))
    out = []
    for draft in drafts:
        placed = chosen.get(draft.id)
        if placed is None:
            out.append(draft)
            continue
        # Keep the draft as given (window and all), at its chosen time.
        out.append(dataclasses.replace(draft, publish_at=placed.publish_at))
        when = placed.publish_at.astimezone(zone)
        if draft.window is not None:
            where = tr(
                "of its window ({first} to {last})",
                first=str(draft.window.first),
                last=str(draft.window.last),
            )
        else:
            start = datetime.combine(week.first, time())
            where = tr("of the coming week (from {first})", first=Moment(start, "weekday_date"))
        said = {"where": where, "when": Moment(when, "weekday_time")}
        # No room or no reach: the draft's own best hour.
        message = (
            tr("undated: scored at its best hour {where}, {when}", **said)
            if draft in left
            else tr("undated: scored at its best slot {where}, {when}", **said)
        )
        notes.append(DateNote(draft.id, message))
    notes.sort(key=lambda note: (not note.warning, note.draft_id))
    return dataclasses.replace(drafts_file, drafts=tuple(out)), tuple(notes)


def _best_alone(
    simulation: Simulation, drafts: Sequence[Draft], week: Window, surfaces: frozenset[Surface]
) -> dict[str, Draft]:
    """Drafts the planner found no room or no reach for, each at its own best hour of its
    window (or the coming week) scored on its own: every draft of a file is scored."""
    from igalgo.planning.schedule import slot_values

    out: dict[str, Draft] = {}
    zone = ZoneInfo(simulation.account.timezone)
    for draft in drafts:
        window = draft.window or week
        values = slot_values(simulation, surfaces, [draft], window.first)
        best: tuple[float, datetime] | None = None
        day = window.first
        while day <= window.last:
            for hour in range(24):
                when = local_time(day, hour, zone)
                value = float(values[0, day.weekday() * 24 + hour])
                if when is not None and value == value and (best is None or value > best[0]):
                    best = (value, when)  # value == value: not NaN
            day += timedelta(days=1)
        noon = local_time(window.first, 12, zone)
        when = best[1] if best is not None and (best[0] > 0 or noon is None) else noon
        assert when is not None  # noon always exists (clocks change at night)
        out[draft.id] = dataclasses.replace(draft, publish_at=when)
    return out
