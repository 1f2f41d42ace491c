"""The profile's engagement rate means what managers' tools show: interactions per follower of
the account's typical feed post (docs/decisions/0138)."""

from __future__ import annotations

import statistics
from dataclasses import replace

import pytest

from igalgo.domain import Account, AccountType, DraftEstimate, Interaction, Niche
from igalgo.world.interaction import typical_posts
from tests.engine_helpers import make_account, score


@pytest.mark.parametrize(
    ("followers", "rate", "account_type", "niche"),
    [
        (800, 0.05, AccountType.CREATOR, Niche.LIFESTYLE),
        (4_200, 0.012, AccountType.BUSINESS, Niche.FOOD),
        (40_000, 0.02, AccountType.CREATOR, Niche.FITNESS),
        (300_000, 0.006, AccountType.BUSINESS, Niche.FASHION),
        (12_000, 0.03, AccountType.PERSONAL, Niche.TRAVEL),
    ],
)
def test_the_typical_feed_post_collects_the_profile_s_rate(
    followers: int, rate: float, account_type: AccountType, niche: Niche
) -> None:
    """Scored by the engine like any draft (another random block, the engine's sample count),
    the account's typical feed posts collect typically ``rate`` x followers interactions."""
    account = per_post(make_account(followers, rate, account_type, niche))
    posts = typical_posts(account)
    estimates = score(account, posts, samples=2048, seed=7)
    per_follower = statistics.fmean(collected(e) for e in estimates) / followers
    assert per_follower == pytest.approx(rate, rel=0.15)


def test_a_business_collects_the_rate_of_its_own_profile_not_a_creator_s() -> None:
    """The rate is the account's own: a business and a creator of the same size and rate get
    different interaction levels, each collecting that rate on its own typical posts."""
    creator = per_post(make_account(10_000, 0.01, AccountType.CREATOR))
    business = replace(creator, account_type=AccountType.BUSINESS)
    rates = []
    for account in (creator, business):
        estimates = score(account, typical_posts(account), samples=2048, seed=3)
        rates.append(statistics.fmean(collected(e) for e in estimates) / 10_000)
    assert rates == pytest.approx([0.01, 0.01], rel=0.15)


def collected(estimate: DraftEstimate) -> float:
    """Likes, comments, saves and shares a draft typically collects."""
    typical = estimate.actions.typical
    return typical.likes + typical.comments + typical.saves + typical.shares


def per_post(account: Account) -> Account:
    """``account`` with its rate marked ``per: post``."""
    return replace(account, interaction=Interaction(account.interaction.engagement_rate, "post"))
