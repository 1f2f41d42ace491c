"""Advice that would be the same for every draft of a kind, said once for the account.

When every draft of one format (two or more) gets the same change (the same lever and the
same words: ``make it 90 s long instead of 7 s`` on 13 of 13 reels), repeating it under each
draft says nothing about the draft. :func:`split_shared` takes such a change out of the
drafts' drivers and returns it once, with the range of its effect and what it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from igalgo.advice.wording import effect_words, evidence_words, format_word, surface_word
from igalgo.domain import Draft, Driver, Format, Lever, Surface
from igalgo.language import Text, tr
from igalgo.parameters import Evidence

__all__ = ["SharedAdvice", "split_shared"]


@dataclass(frozen=True)
class SharedAdvice:
    """One change every draft of a format gets, said once."""

    format: Format
    drafts: int
    """How many drafts of the format there are (all of them get it)."""
    lever: Lever
    change: str
    surface: Surface
    """The surface the change raises most, on most of the drafts."""
    low: float
    """Smallest effect among the drafts (0.2 = +20 %)."""
    high: float
    """Largest effect among the drafts."""
    evidence: Evidence
    """The weakest grade among the drafts' drivers."""

    def sentence(self) -> Text:
        """The advice in one sentence, e.g. ``All 13 reels: make it 90 s long instead of 7 s;
        the model expects reels reach +15 % to +20 % (this rests on our assumption).``"""
        gain = effect_words(self.low)
        if effect_words(self.high) != gain:
            gain = tr("{low} to {high}", low=gain, high=effect_words(self.high))
        return tr(
            "All {count} {formats}: {change}; the model expects {surface} reach {gain} (this "
            "rests on {evidence}).",
            count=self.drafts,
            formats=format_word(self.format, 2),
            change=self.change,
            surface=surface_word(self.surface),
            gain=gain,
            evidence=evidence_words(self.evidence),
        )


def split_shared(
    drafts: Sequence[Draft], found: Sequence[Sequence[Driver]], min_drafts: int = 2
) -> tuple[list[tuple[Driver, ...]], list[SharedAdvice]]:
    """Each draft's drivers without the changes every draft of its format gets, and those
    changes once each (formats with at least ``min_drafts`` drafts), in format order."""
    by_format: dict[Format, list[int]] = {}
    for position, draft in enumerate(drafts):
        by_format.setdefault(draft.format, []).append(position)
    shared: list[SharedAdvice] = []
    taken: set[tuple[Format, Lever, str]] = set()
    for fmt in Format:
        positions = by_format.get(fmt, [])
        if len(positions) < min_drafts:
            continue
        common = {(d.lever, d.change) for d in found[positions[0]]}
        for position in positions[1:]:
            common &= {(d.lever, d.change) for d in found[position]}
        for lever, change in sorted(common):
            if lever in (Lever.TIME, Lever.SPACING):
                continue  # a move names each draft's own new time
            same = [
                d for p in positions for d in found[p] if (d.lever, d.change) == (lever, change)
            ]
            surfaces = [d.surface for d in same]
            surface = max(sorted(set(surfaces)), key=surfaces.count)
            evidence = max((d.evidence for d in same), key=list(Evidence).index)
            effects = [d.effect for d in same]
            shared.append(
                SharedAdvice(
                    fmt, len(positions), lever, change, surface, min(effects), max(effects),
                    evidence,
                )
            )  # fmt: skip
            taken.add((fmt, lever, change))
    kept = [
        tuple(d for d in drivers if (draft.format, d.lever, d.change) not in taken)
        for draft, drivers in zip(drafts, found, strict=True)
    ]
    return kept, shared
