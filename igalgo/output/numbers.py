"""How the calibration's numbers are rounded wherever they are shown or written."""

from __future__ import annotations

SIGNIFICANT_DIGITS = 3
"""Digits a fitted level, spread, rate or multiplier keeps in the profile and the reports: the
fit is not more precise than that (docs/decisions/0121-calibrated-profile-text.md)."""


def significant(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits."""
    return float(f"{value:.{digits}g}")
