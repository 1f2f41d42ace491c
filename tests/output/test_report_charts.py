"""The report's charts: matplotlib's SVG with real text, a title and an alternative text, ids of
their own, and user text (a ``$``, markup) drawn as it is written."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import Any

from igalgo.output.report_charts import drafts_chart, frequency_chart
from igalgo.output.report_phrases import SURFACE_WORDS

SVG = "{http://www.w3.org/2000/svg}"


def _draft(name: str) -> dict[str, Any]:
    reach = {"p10": 10, "p50": 40, "p90": 90, "mean": 45}
    eligible = {"eligible": True, "reach": reach, "followers": 30, "non_followers": 10}
    closed = {"eligible": False, "reach": reach, "followers": 0, "non_followers": 0}
    return {
        "id": name,
        "surfaces": {"feed": eligible, "stories": closed, "explore": eligible, "reels": closed},
        "total": {"reach": reach},
    }


def test_user_text_is_drawn_as_written_and_escaped() -> None:
    names = ["price $5 $10 </text><script>x</script>", "a&b"]
    chart = drafts_chart("d", [_draft(n) for n in names], "#123456", SURFACE_WORDS)
    root = ElementTree.fromstring(chart.svg)  # well-formed: the markup in the name is text
    assert root.get("role") == "img" and root.get("aria-label")
    assert root[0].tag == f"{SVG}title" and root[1].tag == f"{SVG}desc"
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert names[0] in texts and "a&b" in texts
    assert "<script" not in chart.svg


def test_two_charts_never_share_an_id() -> None:
    curve = {
        "recommended": 2,
        "points": [{"posts_per_week": n, "weekly_reach": 100 * n} for n in (1, 2, 3)],
    }
    first = frequency_chart("one", [("reels", curve)], "#123456")
    second = frequency_chart("two", [("reels", curve)], "#123456")
    ids = re.findall(r'\sid="([^"]+)"', first.svg + second.svg)
    assert ids and len(ids) == len(set(ids))
    for chart in (first, second):
        own = set(re.findall(r'\sid="([^"]+)"', chart.svg))
        used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', chart.svg))
        assert used <= own  # every reference points inside its own chart
