"""The active language: how a run chooses it, text that keeps its English and says itself in
the active language, numbers and dates as a Dutch reader writes them."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from igalgo import language
from igalgo.language import (
    Capitalized,
    Joined,
    Moment,
    Number,
    choose_language,
    localized,
    tr,
    tr_plural,
    using,
)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    language.activate(language.ENGLISH)


@pytest.mark.parametrize(
    ("option", "profile", "environ", "chosen"),
    [
        ("nl", "en", {"IGALGO_LANG": "en"}, "nl"),
        (None, "nl", {"IGALGO_LANG": "en"}, "nl"),
        (None, None, {"IGALGO_LANG": "nl", "LANG": "en_US.UTF-8"}, "nl"),
        (None, None, {"LC_ALL": "nl_NL.UTF-8", "LANG": "en_GB"}, "nl"),
        (None, None, {"LC_MESSAGES": "nl_BE", "LANG": "en_GB"}, "nl"),
        (None, None, {"LANG": "nl_NL.UTF-8"}, "nl"),
        (None, None, {"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "en"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {"IGALGO_LANG": " ", "LANG": "nl_NL"}, "nl"),
        (None, None, {}, "en"),
        ("NL", None, {}, "nl"),
    ],
)
def test_the_language_is_chosen_by_option_profile_variable_locale(
    option: str | None, profile: str | None, environ: dict[str, str], chosen: str
) -> None:
    assert choose_language(option, profile, environ) == chosen


@pytest.mark.parametrize(
    ("option", "profile", "environ", "where"),
    [
        ("de", None, {}, "--lang"),
        (None, "fr", {}, "language"),
        (None, None, {"IGALGO_LANG": "xx"}, "IGALGO_LANG"),
    ],
)
def test_an_unknown_language_names_where_it_came_from(
    option: str | None, profile: str | None, environ: dict[str, str], where: str
) -> None:
    with pytest.raises(ValueError, match=f"^{where}: unknown language"):
        choose_language(option, profile, environ)


def test_text_is_english_and_says_itself_in_the_active_language() -> None:
    said = tr(
        "{surface} reach {effect} [{grade}]",
        surface=tr("explore"),
        effect="+5 %",
        grade=tr("our assumption"),
    )
    assert said == "explore reach +5 % [our assumption]"
    with using("nl"):
        assert said == "explore reach +5 % [our assumption]"  # the str itself never changes
        assert localized(said) == "verkennen-bereik +5 % [onze aanname]"
    assert localized(said) == "explore reach +5 % [our assumption]"


def test_plural_text_chooses_its_form_in_each_language() -> None:
    one = tr_plural(
        "{drafts} would reach more at another hour of its day",
        "{drafts} would reach more at another hour of their day",
        1,
        drafts="1 of 3 drafts",
    )
    many = tr_plural(
        "{drafts} would reach more at another hour of its day",
        "{drafts} would reach more at another hour of their day",
        2,
        drafts="2 of 3 drafts",
    )
    assert one.endswith("1 of 3 drafts would reach more at another hour of its day")
    with using("nl"):
        assert localized(one).endswith("van die dag meer bereiken")
        assert localized(many).endswith("van hun dag meer bereiken")


def test_text_survives_a_worker_process() -> None:
    when = datetime(2026, 12, 8, 19, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    said = tr(
        "move it to {day} {hour}:00, away from '{draft}' ({gap} apart)",
        day=Moment(when, "weekday_day"),
        hour="19",
        draft="a",
        gap=tr("{hours} h", hours=Number(2)),
    )
    back = pickle.loads(pickle.dumps(Joined([Capitalized(said), Number(4200)])))
    assert back == "Move it to Tue 08 Dec 19:00, away from 'a' (2 h apart), 4,200"
    with using("nl"):
        assert (
            localized(back)
            == "Verplaats hem naar di 8 dec 19:00, weg van 'a' (2 u ertussen), 4.200"
        )


@pytest.mark.parametrize(
    ("value", "digits", "sign", "english", "dutch"),
    [
        (4200, 0, False, "4,200", "4.200"),
        (1234567.25, 1, False, "1,234,567.2", "1.234.567,2"),
        (11.6, 1, False, "11.6", "11,6"),
        (17, 0, True, "+17", "+17"),
        (-3, 0, True, "-3", "-3"),
    ],
)
def test_numbers_as_each_reader_writes_them(
    value: float, digits: int, sign: bool, english: str, dutch: str
) -> None:
    number = Number(value, digits, sign)
    assert number == english
    with using("nl"):
        assert localized(number) == dutch


def test_a_dutch_date_names_the_day_and_month_in_dutch() -> None:
    when = datetime(2026, 12, 8, 19, 30)
    assert Moment(when, "weekday_day_time") == "Tue 08 Dec 19:30"
    with using("nl"):
        assert localized(Moment(when, "weekday_day_time")) == "di 8 dec 19:30"
        assert localized(Moment(when, "weekday_long")) == "dinsdag"
