"""The checklist's last two items: how the followers interact, and which numbers to steer on
(with what the account's own history, when calibrated, says about them)."""

from __future__ import annotations

from igalgo.advice.checklist_facts import Facts, named
from igalgo.advice.wording import count_words
from igalgo.domain import FollowerActivity, Interaction, Status


def judge_interaction(facts: Facts) -> tuple[Status, str]:
    """Interaction: the profile's engagement rate against the usual rate of accounts of its
    size and type (calibration T17)."""
    from igalgo.world.account import default_engagement_rate  # numpy only when the rule runs
    from igalgo.world.model import DEFAULT_PARAMS

    thresholds = facts.checklist_params
    usual = default_engagement_rate(
        facts.account, DEFAULT_PARAMS.interaction, DEFAULT_PARAMS.actions
    )
    calibration = facts.account.calibration
    fitted = calibration.engagement_rate if calibration else None
    given = facts.account.interaction.engagement_rate if fitted is None else fitted
    evidence = facts.evidence
    per_draft = evidence.interactions / evidence.drafts if evidence.drafts else 0.0
    collects = (
        f"a draft typically collects {count_words(per_draft)} likes, comments, saves and shares"
    )
    kind = facts.account.account_type.value
    if given is None:
        return Status.OK, (
            f"Assumed: followers interact at {usual * 100:.1f} % per post, the usual rate of a "
            f"{kind} account of this size, and {collects}; give engagement_rate from Insights "
            "for your own."
        )
    quoted = (
        f"followers interact at {given * 100:.1f} % per post (a {kind} account of this size: "
        f"about {usual * 100:.1f} %) and {collects}"
    )
    if given < thresholds.engagement_act * usual:
        return Status.ACT, (
            f"Low interaction: {quoted}; ask questions, invite saves and shares, and answer "
            "comments fast, as early engagement decides how far a post is pushed."
        )
    if given < thresholds.engagement_improve * usual:
        return Status.IMPROVE, (
            f"Below the usual: {quoted}; invite comments and shares in captions and stories."
        )
    return Status.OK, f"Healthy: {quoted}; keep inviting saves and shares."


def judge_measuring(facts: Facts) -> tuple[Status, str]:
    """Measuring: inputs left at their defaults (unless the account is calibrated on its own
    history), then the widest P10-P90 range of reach."""
    account, thresholds = facts.account, facts.checklist_params
    calibration = account.calibration
    defaults = []
    if account.interaction == Interaction():
        defaults.append("engagement_rate")
    if account.follower_activity == FollowerActivity():
        defaults.append("follower_activity")
    if len(defaults) == 2 and calibration is None:
        return Status.IMPROVE, (
            "The profile gives neither engagement_rate nor follower_activity, so 2 of the "
            "model's main inputs are defaults: read both from Instagram Insights, or run "
            "igalgo calibrate on its exports."
        )
    own = ""
    if calibration is not None:
        own = f" The account is {calibration.summary()}"
        if calibration.inside_p10_p90 is not None:
            own += (
                f"; {calibration.inside_p10_p90 * 100:.0f} % of the "
                f"{calibration.checked_on or 'fitted posts'} fell inside P10-P90"
            )
        own += "."
    asked = [kv for kv in facts.evidence.dispersion.items() if kv[0] in facts.surfaces]
    wide = sorted(asked, key=lambda kv: (-kv[1][0], kv[0]))
    if wide and wide[0][1][0] >= thresholds.dispersion_improve:
        surface, (ratio, draft_id, p10, p90) = wide[0]
        return Status.IMPROVE, (
            f"{surface.value.capitalize()} reach of {named(facts, draft_id)} spans "
            f"{count_words(p10)}-{count_words(p90)} (P10-P90, {ratio:.0f}x): judge "
            f"{surface.value} over several posts, on reach and shares per surface, not on one "
            f"post.{own}"
        )
    if not wide:
        return Status.OK, (
            f"No draft has a measurable reach range yet (0 of {facts.evidence.drafts} with a "
            f"P10 above 0): compare posts on reach per surface and per follower.{own}"
        )
    return Status.OK, (
        f"Reach is stable across samples (P90/P10 at most {wide[0][1][0]:.1f}x): compare "
        f"posts on reach per surface and per follower.{own}"
    )
