"""Small accessible SVG bar charts rendered on the server (no JavaScript, no external files)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

COLORS = ("#1f5f99", "#d9822b", "#3a8a3a", "#a23b3b")
FONT = "sans-serif"
_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    """One series of values, one per category."""

    name: str
    values: Sequence[float]


def _svg(width: int, height: int, title: str, desc: str) -> tuple[ET.Element, str]:
    """Return an <svg> root with <title> and <desc> referenced by aria-labelledby."""
    n = next(_ids)
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"chart-title-{n} chart-desc-{n}",
            "class": "chart",
        },
    )
    ET.SubElement(root, "title", {"id": f"chart-title-{n}"}).text = title
    ET.SubElement(root, "desc", {"id": f"chart-desc-{n}"}).text = desc
    return root, f"chart-{n}"


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str = "middle", size=12):
    """Add a text label."""
    attrs = {
        "x": f"{x:.1f}",
        "y": f"{y:.1f}",
        "text-anchor": anchor,
        "font-size": str(size),
        "font-family": FONT,
        "fill": "#222",
    }
    ET.SubElement(parent, "text", attrs).text = text


def _number(value: float) -> str:
    """Format a value label."""
    return f"{value:g}"


def _legend(root: ET.Element, series: Sequence[Series], x: float, y: float) -> None:
    """Draw the legend: a swatch and the name of each series."""
    for i, s in enumerate(series):
        ET.SubElement(
            root,
            "rect",
            {
                "x": f"{x + i * 120:.1f}",
                "y": f"{y - 10:.1f}",
                "width": "12",
                "height": "12",
                "fill": COLORS[i % 4],
            },
        )
        _text(root, x + i * 120 + 16, y, s.name, anchor="start")


def bar_chart(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = 760,
    height: int = 300,
) -> Markup:
    """Return a grouped vertical bar chart with value labels on every bar."""
    root, _ = _svg(width, height, title, desc)
    left, right, top, bottom = 40, 10, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([v for s in series for v in s.values] + [1])
    _legend(root, series, left, 16)
    ET.SubElement(
        root,
        "line",
        {
            "x1": str(left),
            "y1": str(top + plot_h),
            "stroke": "#444",
            "x2": str(left + plot_w),
            "y2": str(top + plot_h),
        },
    )
    slot = plot_w / max(len(categories), 1)
    bar = slot * 0.8 / max(len(series), 1)
    for i, category in enumerate(categories):
        x0 = left + i * slot + slot * 0.1
        for j, s in enumerate(series):
            value = s.values[i]
            h = plot_h * value / peak
            x, y = x0 + j * bar, top + plot_h - h
            rect = ET.SubElement(
                root,
                "rect",
                {
                    "x": f"{x:.1f}",
                    "y": f"{y:.1f}",
                    "width": f"{bar - 1:.1f}",
                    "height": f"{h:.1f}",
                    "fill": COLORS[j % 4],
                },
            )
            ET.SubElement(rect, "title").text = f"{category} {s.name}：{_number(value)}"
            _text(root, x + bar / 2, y - 3, _number(value), size=10)
        _text(root, left + i * slot + slot / 2, top + plot_h + 16, category)
    return Markup(ET.tostring(root, encoding="unicode"))


def hbar_chart(
    title: str, desc: str, rows: Sequence[tuple[str, float]], width: int = 760, row_height: int = 22
) -> Markup:
    """Return a horizontal bar chart: one labelled bar per row, its value written beside it."""
    label_w, right, top = 330, 50, 10
    height = top * 2 + row_height * max(len(rows), 1)
    root, _ = _svg(width, height, title, desc)
    peak = max([v for _, v in rows] + [1])
    plot_w = width - label_w - right
    for i, (label, value) in enumerate(rows):
        y = top + i * row_height
        _text(root, label_w - 6, y + row_height * 0.7, label, anchor="end", size=11)
        w = plot_w * value / peak
        rect = ET.SubElement(
            root,
            "rect",
            {
                "x": str(label_w),
                "y": f"{y + 3:.1f}",
                "width": f"{w:.1f}",
                "height": str(row_height - 6),
                "fill": COLORS[0],
            },
        )
        ET.SubElement(rect, "title").text = f"{label}：{_number(value)}"
        _text(root, label_w + w + 4, y + row_height * 0.7, _number(value), anchor="start", size=11)
    return Markup(ET.tostring(root, encoding="unicode"))
