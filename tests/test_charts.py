"""SVG charts: well-formed, accessible, escaped, and drawn to scale."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tweetguard.charts import (
    CHAR_W,
    EMPTY,
    FONT,
    PALETTE,
    TEXT,
    bar_chart,
    line_chart,
    nice_ticks,
    progress_bar,
    stacked_columns,
)

SVG = "{http://www.w3.org/2000/svg}"
NS = {"svg": SVG[1:-1]}
WEEKS = [f"2026-W{i:02d}" for i in range(1, 53)]
RULES = [("Regel 1", [1.0, 0.0, 3.0]), ("Regel 2", [2.0, 4.0, 0.0]), ("Regel 3", [7.0, 0.0, 3.0])]
EVIL = "<script>alert(\"x\")</script> & 'q'"


def parse(svg: str) -> ET.Element:
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall("svg:g[@class='bars']/svg:rect", NS)


def texts(root: ET.Element, group: str) -> list[ET.Element]:
    return root.findall(f"svg:g[@class='{group}']/svg:text", NS)


def num(element: ET.Element, name: str) -> float:
    return float(element.attrib[name])


def tip(element: ET.Element) -> str:
    title = element.find("svg:title", NS)
    assert title is not None and title.text
    return title.text


CHARTS: dict[str, Callable[[str], str]] = {
    "bars": lambda cid: bar_chart(cid, "Per regel", [("Regel 1", 3), ("Regel 2", 0)]),
    "bars-empty": lambda cid: bar_chart(cid, "Per regel", []),
    "columns": lambda cid: stacked_columns(cid, "Per week", WEEKS[:3], RULES),
    "columns-empty": lambda cid: stacked_columns(cid, "Per week", [], []),
    "lines": lambda cid: line_chart(cid, "Per week", WEEKS[:3], RULES),
    "lines-empty": lambda cid: line_chart(cid, "Per week", WEEKS[:3], []),
    "progress": lambda cid: progress_bar(cid, "Beleid gelezen", 7, 9),
    "progress-empty": lambda cid: progress_bar(cid, "Beleid gelezen", 0, 0),
}


# -- frame and accessibility ------------------------------------------------------------------


@pytest.mark.parametrize("kind", CHARTS)
def test_every_chart_is_an_accessible_scalable_svg(kind: str) -> None:
    svg = CHARTS[kind]("chart-1")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert "<?xml" not in svg and "<script" not in svg and "style=" not in svg
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("font-family") == "system-ui, sans-serif"
    assert len(root.attrib["viewBox"].split()) == 4
    title_id, desc_id = root.attrib["aria-labelledby"].split()
    title = root.find(f"svg:title[@id='{title_id}']", NS)
    desc = root.find(f"svg:desc[@id='{desc_id}']", NS)
    assert title is not None and title.text in {"Per regel", "Per week", "Beleid gelezen"}
    assert desc is not None and desc.text and desc.text.strip()


@pytest.mark.parametrize("kind", CHARTS)
def test_ids_start_with_the_chart_id_so_two_charts_do_not_collide(kind: str) -> None:
    first, second = (parse(CHARTS[kind](cid)) for cid in ("weekly", "weekly-2"))
    ids_1 = [e.attrib["id"] for e in first.iter() if "id" in e.attrib]
    ids_2 = [e.attrib["id"] for e in second.iter() if "id" in e.attrib]
    assert len(ids_1) == len(set(ids_1)) == 3
    assert all(i == "weekly" or i.startswith("weekly-") for i in ids_1)
    assert not set(ids_1) & set(ids_2)
    assert second.attrib["aria-labelledby"] == "weekly-2-title weekly-2-desc"


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("bad", ["", "1chart", "chart one", 'c"x', "c<x>", "chart\n"])
def test_a_chart_id_that_is_not_a_plain_name_is_refused(kind: str, bad: str) -> None:
    with pytest.raises(ValueError, match="chart_id"):
        CHARTS[kind](bad)


def _luminance(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("kind", CHARTS)
def test_text_is_dark_enough_on_white(kind: str) -> None:
    root = parse(CHARTS[kind]("c"))
    assert root.get("fill") == TEXT
    assert 1.05 / (_luminance(TEXT) + 0.05) >= 4.5
    assert all("fill" not in t.attrib for t in root.iter(f"{SVG}text"))


def test_the_palette_is_okabe_ito_and_series_get_distinct_colours() -> None:
    assert {c.upper() for c in PALETTE} >= {"#E69F00", "#56B4E9", "#009E73", "#0072B2"}
    root = parse(stacked_columns("c", "t", ["w1"], [(f"s{i}", [1.0]) for i in range(5)]))
    assert len({r.attrib["fill"] for r in bars(root)}) == 5
    swatches = root.findall("svg:g[@class='legend']/svg:rect", NS)
    assert [s.attrib["fill"] for s in swatches] == list(PALETTE[:5])


# -- escaping ---------------------------------------------------------------------------------


def test_labels_with_markup_ampersands_and_quotes_are_escaped() -> None:
    svgs = [
        bar_chart("a", EVIL, [(EVIL, 2)], unit=EVIL, empty=EVIL),
        bar_chart("b", EVIL, [], empty=EVIL),
        stacked_columns("c", EVIL, [EVIL, "w2"], [(EVIL, [1.0, 2.0]), ("x", [1.0, 0.0])]),
        line_chart("d", EVIL, [EVIL], [(EVIL, [1.0]), ("x", [2.0])]),
        progress_bar("e", EVIL, 1, 2, labels=(EVIL, EVIL)),
        progress_bar("f", EVIL, 0, 0, empty=EVIL),
    ]
    for svg in svgs:
        root = parse(svg)
        assert "<script" not in svg and "& " not in svg
        assert root.findtext("svg:title", namespaces=NS) == EVIL
        assert EVIL in (root.findtext("svg:desc", namespaces=NS) or "")


@given(label=st.text(max_size=40), title=st.text(max_size=40))
def test_any_text_gives_well_formed_svg(label: str, title: str) -> None:
    for svg in (
        bar_chart("a", title, [(label, 1.5)], unit=label),
        stacked_columns("b", title, [label], [(label, [1.0]), ("x", [2.0])]),
        line_chart("c", title, [label, "w2"], [(label, [1.0, 0.0])]),
        progress_bar("d", title, 1, 3, labels=(label, label)),
    ):
        parse(svg)
        assert "<script" not in svg


# -- bar_chart --------------------------------------------------------------------------------


def test_bar_chart_draws_one_bar_per_non_zero_value_with_its_value() -> None:
    items = [("Regel 1", 12.0), ("Regel 2", 0.0), ("Regel 3", 2.5), ("Regel 4", 1 / 3)]
    root = parse(bar_chart("c", "Bevindingen", items, unit=" posts"))
    assert [tip(r) for r in bars(root)] == [
        "Regel 1: 12 posts",
        "Regel 3: 2.5 posts",
        "Regel 4: 0.33 posts",
    ]
    shown = [t.text for t in texts(root, "bars")]
    assert shown[1::2] == ["12 posts", "0 posts", "2.5 posts", "0.33 posts"]
    assert shown[::2] == ["Regel 1", "Regel 2", "Regel 3", "Regel 4"]


def test_bar_widths_are_proportional_to_the_values() -> None:
    items = [("a", 8.0), ("b", 2.0), ("c", 5.0), ("d", 0.5)]
    widths = [num(r, "width") for r in bars(parse(bar_chart("c", "t", items)))]
    for (_, value), w in zip(items, widths, strict=True):
        assert w / widths[0] == pytest.approx(value / 8.0, abs=0.002)
    assert len({num(r, "x") for r in bars(parse(bar_chart("c", "t", items)))}) == 1


def test_bar_chart_grows_with_the_number_of_items_and_takes_a_colour() -> None:
    def height(n: int) -> float:
        return float(
            parse(bar_chart("c", "t", [(str(i), 1) for i in range(n)])).attrib["viewBox"].split()[3]
        )

    assert height(1) < height(5) < height(20)
    root = parse(bar_chart("c", "t", [("a", 1)], colour="#D55E00"))
    assert bars(root)[0].attrib["fill"] == "#D55E00"
    with pytest.raises(ValueError, match="colour"):
        bar_chart("c", "t", [("a", 1)], colour='red" onload="x')


def test_bar_chart_of_zeros_renders_without_bars() -> None:
    root = parse(bar_chart("c", "t", [("a", 0), ("b", 0)]))
    assert bars(root) == []
    assert [t.text for t in texts(root, "bars")] == ["a", "0", "b", "0"]


@pytest.mark.parametrize("value", [-1.0, math.nan, math.inf])
def test_bar_chart_refuses_values_that_are_not_finite_and_positive(value: float) -> None:
    with pytest.raises(ValueError, match=r"item 'b', index 1"):
        bar_chart("c", "t", [("a", 1.0), ("b", value)])


def test_bar_chart_desc_lists_the_bars_or_sums_many_up() -> None:
    root = parse(bar_chart("c", "t", [("Regel 1", 5), ("Regel 2", 3)], unit="%"))
    desc = root.findtext("svg:desc", namespaces=NS)
    assert desc == "2 balken / bars, totaal / total 8%: Regel 1 5%, Regel 2 3%."
    many = [(f"Regel {i}", float(i % 7)) for i in range(1, 13)]
    desc = parse(bar_chart("c", "t", many)).findtext("svg:desc", namespaces=NS)
    assert desc == "12 balken / bars, totaal / total 36; hoogste / highest: Regel 6 6."


# -- stacked_columns and line_chart -----------------------------------------------------------


def _gridline_y(root: ET.Element) -> dict[float, float]:
    lines = root.findall("svg:g[@class='grid']/svg:line", NS)
    labels = texts(root, "grid")
    return {float(t.text or ""): num(line, "y1") for t, line in zip(labels, lines, strict=True)}


def test_stacked_columns_draw_one_segment_per_non_zero_value() -> None:
    root = parse(stacked_columns("c", "Per week", ["w1", "w2", "w3"], RULES))
    assert len(bars(root)) == sum(1 for _, values in RULES for v in values if v)
    assert [tip(r) for r in bars(root)][:3] == [
        "Regel 1, w1: 1",
        "Regel 2, w1: 2",
        "Regel 3, w1: 7",
    ]


def test_stacked_segments_add_up_to_the_column_total_on_the_y_scale() -> None:
    root = parse(stacked_columns("c", "Per week", ["w1", "w2", "w3"], RULES))
    grid = _gridline_y(root)
    assert list(grid) == [0, 2, 4, 6, 8, 10]
    per_unit = (grid[0] - grid[10]) / 10
    columns: dict[float, list[ET.Element]] = {}
    for rect in bars(root):
        columns.setdefault(num(rect, "x"), []).append(rect)
    totals = [10.0, 4.0, 6.0]
    for (_, segments), total in zip(sorted(columns.items()), totals, strict=True):
        heights = sum(num(r, "height") for r in segments)
        assert heights == pytest.approx(total * per_unit, abs=0.02)
        assert max(num(r, "y") + num(r, "height") for r in segments) == pytest.approx(grid[0])
        assert min(num(r, "y") for r in segments) == pytest.approx(grid[0] - heights, abs=0.02)
        ordered = sorted(segments, key=lambda r: num(r, "y"))
        for upper, lower in pairwise(ordered):
            assert num(upper, "y") + num(upper, "height") == pytest.approx(
                num(lower, "y"), abs=0.02
            )


def test_multi_series_charts_have_a_legend_and_single_series_do_not() -> None:
    for make in (stacked_columns, line_chart):
        root = parse(make("c", "t", ["w1", "w2", "w3"], RULES))
        names = [t.text for t in texts(root, "legend")]
        assert names == ["Regel 1", "Regel 2", "Regel 3"]
        assert len(root.findall("svg:g[@class='legend']/svg:rect", NS)) == 3
        single = parse(make("c", "t", ["w1"], [("Regel 1", [1.0])]))
        assert single.find("svg:g[@class='legend']", NS) is None


def test_x_labels_are_thinned_for_52_weeks() -> None:
    series = [("Regel 1", [float(i % 5) for i in range(52)]), ("Regel 2", [1.0] * 52)]
    for make in (stacked_columns, line_chart):
        root = parse(make("c", "Per week", WEEKS, series))
        labels = texts(root, "x-labels")
        assert 4 <= len(labels) <= 13
        assert labels[0].text == "2026-W01"
        xs = [num(t, "x") for t in labels]
        gap = min(b - a for a, b in pairwise(xs))
        assert gap >= len("2026-W01") * FONT * CHAR_W  # estimated label width: no overlap
    few = parse(stacked_columns("c", "t", WEEKS[:5], [("r", [1.0] * 5)]))
    assert [t.text for t in texts(few, "x-labels")] == WEEKS[:5]


def test_series_of_the_wrong_length_are_refused_by_name_and_lengths() -> None:
    for make in (stacked_columns, line_chart):
        with pytest.raises(ValueError, match=r"series 'Regel 2' has 2 values for 3 categories"):
            make("c", "t", ["w1", "w2", "w3"], [("Regel 1", [1, 2, 3]), ("Regel 2", [1, 2])])


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, -0.5])
def test_nan_infinite_and_negative_values_are_refused_by_series_and_index(value: float) -> None:
    for make in (stacked_columns, line_chart):
        with pytest.raises(ValueError, match=r"series 'Regel 2', index 1: .* not a finite"):
            make("c", "t", ["w1", "w2"], [("Regel 1", [1, 2]), ("Regel 2", [0, value])])


def test_desc_gives_the_totals_per_series() -> None:
    for make in (stacked_columns, line_chart):
        desc = parse(make("c", "t", ["w1", "w2", "w3"], RULES)).findtext("svg:desc", namespaces=NS)
        assert (
            desc
            == "Totaal per reeks / total per series, w1 – w3: Regel 1 4, Regel 2 6, Regel 3 10."
        )


def test_line_chart_draws_a_line_per_series_and_a_marker_per_point() -> None:
    root = parse(line_chart("c", "t", ["w1", "w2", "w3"], RULES))
    lines = root.findall("svg:g[@class='lines']/svg:polyline", NS)
    markers = root.findall("svg:g[@class='lines']/svg:circle", NS)
    assert len(lines) == 3 and len(markers) == 9
    assert [tip(m) for m in markers[:3]] == ["Regel 1, w1: 1", "Regel 1, w2: 0", "Regel 1, w3: 3"]
    grid = _gridline_y(root)
    top = max(grid)
    for marker, value in zip(markers, [v for _, vs in RULES for v in vs], strict=True):
        expected = grid[0] - value / top * (grid[0] - grid[top])
        assert num(marker, "cy") == pytest.approx(expected, abs=0.01)


def test_all_zero_data_still_has_axes() -> None:
    root = parse(stacked_columns("c", "t", ["w1", "w2"], [("r", [0.0, 0.0])]))
    assert bars(root) == []
    assert list(_gridline_y(root)) == nice_ticks(1)


# -- progress_bar -----------------------------------------------------------------------------


def test_progress_bar_splits_done_and_not_done() -> None:
    root = parse(progress_bar("c", "t", 7, 9, labels=("acknowledged", "open")))
    done, rest = bars(root)
    assert tip(done) == "acknowledged: 7 / 9 (78%)" and tip(rest) == "open: 2 (22%)"
    assert num(done, "width") / (num(done, "width") + num(rest, "width")) == pytest.approx(
        7 / 9, abs=1e-4
    )
    assert root.findtext("svg:desc", namespaces=NS) == "acknowledged: 7 / 9 (78%); open: 2."
    assert "acknowledged: 7 / 9 (78%)" in [t.text for t in root.iter(f"{SVG}text")]
    assert [t.text for t in texts(root, "legend")] == ["acknowledged", "open"]


@pytest.mark.parametrize(("done", "total", "pct", "segments"), [(0, 4, 0, 1), (4, 4, 100, 1)])
def test_progress_bar_of_none_or_all(done: int, total: int, pct: int, segments: int) -> None:
    root = parse(progress_bar("c", "t", done, total))
    assert len(bars(root)) == segments
    assert f"({pct}%)" in (root.findtext("svg:desc", namespaces=NS) or "")


def test_progress_percentages_never_round_to_all_or_nothing() -> None:
    assert "(99%)" in progress_bar("c", "t", 999, 1000)
    assert "(1%)" in progress_bar("c", "t", 1, 1000)


def test_progress_bar_of_nothing_is_empty() -> None:
    root = parse(progress_bar("c", "t", 0, 0))
    assert bars(root) == []
    assert root.findtext("svg:desc", namespaces=NS) == f"{EMPTY} (gedaan: 0 / 0)"
    assert EMPTY in [t.text for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("done", "total", "message"),
    [
        (10, 9, r"done \(10\) is more than total \(9\)"),
        (-1, 9, r"must both be >= 0"),
        (0, -1, r"must both be >= 0"),
    ],
)
def test_progress_bar_refuses_impossible_counts(done: int, total: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        progress_bar("c", "t", done, total)


# -- empty charts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "svg",
    [
        bar_chart("c", "t", []),
        stacked_columns("c", "t", [], []),
        stacked_columns("c", "t", ["w1"], []),
        stacked_columns("c", "t", [], [("r", [])]),
        line_chart("c", "t", [], []),
        line_chart("c", "t", [], [("r", [])]),
    ],
)
def test_no_data_shows_the_empty_text(svg: str) -> None:
    root = parse(svg)
    assert bars(root) == [] and root.find("svg:g[@class='lines']", NS) is None
    assert [t.text for t in root.iter(f"{SVG}text")] == ["t", EMPTY]
    assert root.findtext("svg:desc", namespaces=NS) == EMPTY


def test_the_empty_text_can_be_chosen() -> None:
    root = parse(line_chart("c", "t", [], [], empty="Nog niets gemeten"))
    assert "Nog niets gemeten" in [t.text for t in root.iter(f"{SVG}text")]


# -- nice_ticks -------------------------------------------------------------------------------


def test_nice_ticks_examples() -> None:
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(10) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(0.3) == [0, 0.1, 0.2, 0.3]
    assert nice_ticks(1234) == [0, 500, 1000, 1500]
    assert nice_ticks(0) == nice_ticks(1) == [0, 0.2, 0.4, 0.6, 0.8, 1]


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_nice_ticks_refuses_negative_and_not_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        nice_ticks(bad)


@given(st.floats(min_value=1e-9, max_value=1e15, allow_nan=False, allow_infinity=False))
def test_nice_ticks_cover_the_max_in_3_to_5_nice_steps(max_value: float) -> None:
    ticks = nice_ticks(max_value)
    assert ticks[0] == 0
    assert 4 <= len(ticks) <= 6
    assert ticks[-1] >= max_value * (1 - 1e-9)  # covers the max
    assert ticks[-2] < max_value * (1 + 1e-9)  # and no tick more than needed
    step = ticks[1]
    assert all(b - a == pytest.approx(step, rel=1e-9) for a, b in pairwise(ticks))
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 5, 10))
