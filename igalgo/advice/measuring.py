"""The checklist's last two items: how the followers interact, and which numbers to steer on
(with what the account's own history, when calibrated, says about them)."""

from __future__ import annotations

from igalgo.advice.checklist_facts import Facts, named
from igalgo.advice.wording import count_words, surface_word
from igalgo.domain import Account, AccountType, FollowerActivity, Status
from igalgo.language import Capitalized, Number, Text, tr


def account_rate(account: Account) -> float | None:
    """The engagement rate the account's calibration or profile gives, as managers count it
    (interactions per follower per feed post); None when neither gives one. A profile's rate
    without ``per: post`` is the model's reference level, said here as managers count it (the
    model's simulation of the account's typical posts)."""
    calibration = account.calibration
    fitted = calibration.engagement_rate if calibration else None
    given = account.interaction.engagement_rate if fitted is None else fitted
    if given is None:
        return None
    from igalgo.world.interaction import per_post_rate  # numpy only when a rate is given
    from igalgo.world.model import DEFAULT_PARAMS

    return per_post_rate(account, DEFAULT_PARAMS)


def judge_interaction(facts: Facts) -> tuple[Status, str]:
    """Interaction: the profile's engagement rate against the usual rate of accounts of its
    size and type (calibration T17)."""
    from igalgo.world.account import default_engagement_rate  # numpy only when the rule runs
    from igalgo.world.model import DEFAULT_PARAMS

    thresholds = facts.checklist_params
    usual = default_engagement_rate(
        facts.account, DEFAULT_PARAMS.interaction, DEFAULT_PARAMS.actions
    )
    given = facts.rate if facts.rate is not None else account_rate(facts.account)
    evidence = facts.evidence
    per_draft = evidence.interactions / evidence.drafts if evidence.drafts else 0.0
    collects = tr(
        "a draft typically collects {count} likes, comments, saves and shares",
        count=count_words(per_draft),
    )
    kind = tr(facts.account.account_type.value)
    source = benchmark_source(facts.account.account_type)
    if given is None:
        return Status.OK, tr(
            "Assumed: followers interact at {rate} % per feed post, the published rate of a "
            "{kind} account of this size ({source}), and {collects}; give engagement_rate as "
            "Later, Metricool or Iconosquare compute it for your own.",
            rate=Number(usual * 100, 1),
            kind=kind,
            source=source,
            collects=collects,
        )
    quoted = tr(
        "followers interact at {rate} % per feed post as Later or Metricool count it "
        "(published for a {kind} account of this size: about {usual} %; {source}) and "
        "{collects}",
        rate=Number(given * 100, 1),
        kind=kind,
        usual=Number(usual * 100, 1),
        source=source,
        collects=collects,
    )
    if given < thresholds.engagement_act * usual:
        return Status.ACT, tr(
            "Low interaction: {quoted}; ask questions, invite saves and shares, and answer "
            "comments fast, as early engagement decides how far a post is pushed.",
            quoted=quoted,
        )
    if given < thresholds.engagement_improve * usual:
        return Status.IMPROVE, tr(
            "Below the usual: {quoted}; invite comments and shares in captions and stories.",
            quoted=quoted,
        )
    return Status.OK, tr("Healthy: {quoted}; keep inviting saves and shares.", quoted=quoted)


def benchmark_source(account_type: AccountType) -> str:
    """The published benchmarks the usual rate of ``account_type`` rests on (calibration T17,
    like rates by size; brands' engagement rates): interactions per follower per post,
    averaged over posts, the definition of a rate given ``per: post``."""
    names = "Markerly 2016, InfluencerDB 2019"
    return f"{names}, Rival IQ 2022-23" if account_type is AccountType.BUSINESS else names


def judge_measuring(facts: Facts) -> tuple[Status, str]:
    """Measuring: inputs left at their defaults (unless the account is calibrated on its own
    history), then the widest P10-P90 range of reach."""
    account, thresholds = facts.account, facts.checklist_params
    calibration = account.calibration
    defaults = []
    if account.interaction.engagement_rate is None:
        defaults.append("engagement_rate")
    if account.follower_activity == FollowerActivity():
        defaults.append("follower_activity")
    if len(defaults) == 2 and calibration is None:
        return Status.IMPROVE, tr(
            "The profile gives neither engagement_rate nor follower_activity, so 2 of the "
            "model's main inputs are defaults: read both from Instagram Insights, or run "
            "igalgo calibrate on its exports."
        )
    own: str = ""
    if calibration is not None:
        own = tr(" The account is {summary}.", summary=calibration.summary())
        if calibration.inside_p10_p90 is not None:
            own = tr(
                " The account is {summary}; {share} % of the {posts} fell inside P10-P90.",
                summary=calibration.summary(),
                share=Number(calibration.inside_p10_p90 * 100),
                posts=calibration.checked_on or tr("fitted posts"),
            )
    asked = [kv for kv in facts.evidence.dispersion.items() if kv[0] in facts.surfaces]
    wide = sorted(asked, key=lambda kv: (-kv[1][0], kv[0]))
    if wide and wide[0][1][0] >= thresholds.dispersion_improve:
        surface, (ratio, draft_id, p10, p90) = wide[0]
        narrow: Text | str = ""
        steady, (least, *_) = wide[-1]
        if least <= thresholds.dispersion_steady:
            narrow = tr(
                " {surface} reach stays within {ratio}x (P90/P10) on every draft, so there a "
                "single post's numbers can be judged on their own.",
                surface=Capitalized(surface_word(steady)),
                ratio=Number(least, 1),
            )
        return Status.IMPROVE, tr(
            "{surface} reach of {draft} spans {low}-{high} (P10-P90, {ratio}x): judge "
            "{surface_again} over several posts, on reach and shares per surface, not on one "
            "post.{narrow}{own}",
            surface=Capitalized(surface_word(surface)),
            draft=named(facts, draft_id),
            low=count_words(p10),
            high=count_words(p90),
            ratio=Number(ratio),
            surface_again=surface_word(surface),
            narrow=narrow,
            own=own,
        )
    if not wide:
        return Status.OK, tr(
            "No draft has a measurable reach range yet (0 of {drafts} with a P10 above 0): "
            "compare posts on reach per surface and per follower.{own}",
            drafts=facts.evidence.drafts,
            own=own,
        )
    return Status.OK, tr(
        "Reach is stable across samples (P90/P10 at most {ratio}x): compare posts on reach "
        "per surface and per follower.{own}",
        ratio=Number(wide[0][1][0], 1),
        own=own,
    )
