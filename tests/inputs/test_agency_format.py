"""What an agency's workflow adds to the formats: dates in the coming days ("tue 19:30"), a
profile's gates and a draft's approval, as the loader reads them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from igalgo.domain import DraftsFile
from igalgo.errors import InputError
from igalgo.inputs.agency_format import Approval, tentative
from igalgo.inputs.loader import parse_account_text, parse_drafts_text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _drafts(publish_at: str, today: date, extra: str = "") -> DraftsFile:
    text = (
        "account: {name: Zon, followers: 4200, timezone: Europe/Amsterdam}\n"
        f"drafts:\n  - {{id: a, format: photo, publish_at: '{publish_at}'{extra}}}\n"
    )
    return parse_drafts_text(text, "week.yaml", None, today=today)


@pytest.mark.parametrize(
    ("written", "weekday"),
    [("mon 08:00", 0), ("Tue 19:30", 1), ("wednesday 12:00", 2), ("Sunday 23:59", 6)],
)
@pytest.mark.parametrize("today", [date(2027, 3, 1) + timedelta(days=n) for n in range(7)])
def test_a_weekday_is_the_next_one_after_today_never_today(
    written: str, weekday: int, today: date
) -> None:
    (draft,) = _drafts(written, today).drafts
    when = draft.publish_at.astimezone(AMSTERDAM)
    assert when.weekday() == weekday and 1 <= (when.date() - today).days <= 7
    assert f"{when:%H:%M}" == written[-5:] and draft.pinned and draft.relative == written


def test_a_time_the_clocks_skip_is_the_time_they_show() -> None:
    (draft,) = _drafts("sun 02:30", date(2027, 3, 22)).drafts
    assert draft.publish_at == datetime(2027, 3, 28, 3, 30, tzinfo=AMSTERDAM)


@pytest.mark.parametrize("written", ["tues 19:30", "tue 7:30", "tue 24:00", "next tue 19:30"])
def test_other_spellings_are_located_errors(written: str) -> None:
    with pytest.raises(InputError) as raised:
        _drafts(written, date(2027, 3, 1))
    (problem,) = raised.value.problems
    assert problem.code == "invalid-datetime" and problem.path == "drafts[0].publish_at"


def test_a_drafts_status_and_who_approved_it() -> None:
    drafts_file = _drafts("tue 19:30", date(2027, 3, 1), ", status: approved, approved_by: jan")
    (draft,) = drafts_file.drafts
    assert (draft.status, draft.approved_by) == (Approval.APPROVED, "jan")
    assert tentative(draft.status) is False
    assert tentative("in_review") is True and tentative(None) is None
    with pytest.raises(InputError) as raised:
        _drafts("tue 19:30", date(2027, 3, 1), ", status: done")
    assert raised.value.problems[0].code == "unknown-value"


def test_a_profiles_gates_are_kept_as_the_command_line_writes_them() -> None:
    account = parse_account_text(
        "name: Zon\nfollowers: 4200\ngates: {feed: 15%, reels: 2000, total: 0.5 %}\n", "p.yaml"
    )
    assert account.gates == ("feed=15%", "reels=2000", "total=0.5%")
    with pytest.raises(InputError) as raised:
        parse_account_text("name: Zon\nfollowers: 1\ngates: {feed: -2, reels: many}\n", "p.yaml")
    assert [(p.code, p.path) for p in raised.value.problems] == [
        ("out-of-range", "gates.feed"),
        ("wrong-type", "gates.reels"),
    ]
