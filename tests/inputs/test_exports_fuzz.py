"""Fuzzing of exports through calibrate, in the style of the YAML fuzzing of test_hostile.py:
CSV and JSON built from fragments that broke the readers once (huge numbers, times at the
calendar's ends, escapes, stray quotes, odd encodings) either calibrate or are refused with
one-line problems; the report of a run that goes through has no control character. Bounded
in time: few examples, a small simulation."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from igalgo import __version__
from igalgo.app.calibrate import CalibrateOptions, ExportsRequest, calibrate_files
from igalgo.cli.outputs import write_view
from igalgo.engine.settings import EngineSettings
from igalgo.errors import UNSAFE_CHARACTERS, InputError, UsageError
from igalgo.output.calibrated_profile import rounded_calibration
from igalgo.output.calibration_report import CalibrationReport, calibration_json
from igalgo.output.render_calibration import calibration_view

OPTIONS = CalibrateOptions(run_backtest=False, settings=EngineSettings(samples=64))

_NUMBERS = st.sampled_from(
    ["500", "0", "-1", "1,234", "1.234", "12.5", "1e308", "9" * 400, "9" * 5000,
     "1" + ",000" * 100, "1000000000000", "1000000000001", "", "--", "NaN", "inf", "1:02:03",
     "9" * 40 + ":00:00"]
)  # fmt: skip
_TIMES = st.sampled_from(
    ["06/03/2024 10:00", "13/06/2024 10:00", "06/03/2024 10:00 PM", "2024-06-03T10:00:00",
     "0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-05:00", "1717408800",
     "1717408800000", "99999999999999", "2024-03-31 02:30", "", "x"]
)  # fmt: skip
_TEXT = st.sampled_from(
    ["IG image", "IG reel", "IG story", "Lifetime", "\x1b[2J", "\x1b]0;t\x07", '"', '"a"b',
     "\u202e", "\u00e9", "x" * 300, ",", ";", "\t", "\r", "\n"]
)  # fmt: skip
_HEADERS = st.sampled_from(
    ["Publish time", "Post type", "Reach", "Views", "Likes", "Duration (sec)", "Date",
     "Post ID", "Reach", "\x1b[31m", '"', "Alcance"]
)  # fmt: skip

_CELL = st.one_of(_NUMBERS, _TIMES, _TEXT)


@st.composite
def _csv(draw: st.DrawFn) -> bytes:
    extra = draw(st.lists(_HEADERS, max_size=3, unique=True))
    header = ["Publish time", "Post type", "Reach", *extra]
    rows = []
    for day in range(draw(st.integers(min_value=4, max_value=8))):
        cells = [f"06/{3 + day:02d}/2024 10:00", "IG image", "500"]
        cells += [draw(_CELL) for _ in header[3:]]
        if draw(st.integers(0, 3)) == 0:  # most rows stay valid, so that some runs fit
            cells[draw(st.integers(0, len(cells) - 1))] = draw(_CELL)
        rows.append(cells)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    text = "\n".join(delimiter.join(row) for row in [header, *rows]) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32"]))
    return text.encode(encoding)


_VALUE = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    _NUMBERS,
    _TIMES,
    _TEXT,
    st.none(),
    st.booleans(),
    st.just([]),
    st.just({}),
)


@st.composite
def _json(draw: st.DrawFn) -> bytes:
    items = []
    for day in range(draw(st.integers(min_value=4, max_value=7))):
        item: dict[str, object] = {
            "id": str(day),
            "media_type": "IMAGE",
            "timestamp": f"2024-06-{3 + day:02d}T10:00:00+0000",
            "insights": {"data": [{"name": "reach", "values": [{"value": 500}]}]},
        }
        if draw(st.integers(0, 3)) == 0:  # most items stay valid, so that some runs fit
            key = draw(st.sampled_from(["timestamp", "media_type", "like_count", "\x1b[2J"]))
            item[key] = draw(_VALUE)
        if draw(st.integers(0, 3)) == 0:
            item["insights"] = {
                "data": [{"name": draw(_TEXT), "values": [{"value": draw(_VALUE)}]}]
            }
        items.append(item)
    text = json.dumps({"data": items})
    if draw(st.integers(0, 3)) == 0:  # a number too long to convert, spliced in as text
        text = text.replace("500", "9" * draw(st.sampled_from([30, 400, 5000])), 1)
    return text.encode()


def _calibrate_or_refuse(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(data)
        request = ExportsRequest([str(path)], "bakery")
        try:
            done = calibrate_files(request, OPTIONS, version=__version__)
        except (InputError, UsageError) as error:
            for problem in getattr(error, "problems", []):
                assert "\n" not in problem.message
            return
    calibration = rounded_calibration(done.run.calibration)
    report = CalibrationReport(done.run, "bakery", calibration, None, 0)
    json.loads(calibration_json(report))
    sink = io.StringIO()
    write_view(calibration_view(report), sink)
    assert not UNSAFE_CHARACTERS.search(sink.getvalue().replace("\n", ""))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_csv())
@example(  # one run that goes through to the fit and the report, whatever is drawn
    (
        "Publish time,Post type,Reach,\x1b[2J\n"
        + "".join(f"06/{day:02d}/2024 10:00,IG image,{day}00,\x1b]0;t\n" for day in range(3, 9))
    ).encode()
)
def test_fuzzed_csv_exports_calibrate_or_are_refused(data: bytes) -> None:
    _calibrate_or_refuse(data, ".csv")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_json())
def test_fuzzed_json_exports_calibrate_or_are_refused(data: bytes) -> None:
    _calibrate_or_refuse(data, ".json")
