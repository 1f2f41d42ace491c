"""What the planning tests share: an account, the demo drafts, a week and a sample count."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from igalgo.domain import Account, Draft
from igalgo.engine.settings import EngineSettings
from igalgo.inputs.loader import load_account, load_drafts
from igalgo.world.model import Simulation
from tests.conftest import PROFILES

SAMPLES = 200
"""Enough for the planning tests, whose properties hold for any sample count; keeps them fast."""

START = date(2026, 12, 7)
"""A Monday."""

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
"""The bakery's time zone."""


@pytest.fixture(scope="module")
def bakery() -> Account:
    """The shipped bakery profile."""
    return load_account("bakery")


@pytest.fixture(scope="module")
def bakery_run(bakery: Account) -> Simulation:
    """A model run of the bakery with :data:`SAMPLES` samples."""
    return Simulation(bakery, settings=EngineSettings(samples=SAMPLES))


@pytest.fixture(scope="module")
def demo() -> tuple[Account, tuple[Draft, ...]]:
    """The demo drafts file's account and drafts."""
    drafts_file = load_drafts(str(PROFILES / "demo-drafts.yaml"))
    return drafts_file.account, drafts_file.drafts
