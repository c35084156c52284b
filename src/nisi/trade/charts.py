"""The import price chart of a code (IP-52): a Vega-Lite specification rendered to SVG on the server by the same
renderer as the National Report's charts (`nisi.core.charts`), its data table beside it on the page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from nisi.core import charts as report_charts
from nisi.trade.selectors import CodeLine


def history_spec(lines: list[CodeLine]) -> dict[str, Any]:
    """The import median unit price and the domestic producers' median, by quarter, one line each."""
    imports, domestic = _("Import median"), _("Domestic producers' median")
    rows: list[dict[str, Any]] = []
    for line in lines:
        label = f"{line.period.label} ({line.unit})"
        rows.append({"period": label, "series": imports, "value": float(line.statistics.median)})
        if line.comparison.domestic_median is not None:
            rows.append({"period": label, "series": domestic, "value": float(line.comparison.domestic_median)})
    return {
        "$schema": report_charts.SCHEMA,
        "width": 420,
        "height": 200,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "sort": None, "title": _("Quarter")},
            "y": {"field": "value", "type": "quantitative", "title": _("Tenge per unit")},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"range": [report_charts.COLOUR, "#d4351c"]},
            },
        },
        "config": {"font": report_charts.FONT, "view": {"stroke": None}},
    }


def history_svg(lines: list[CodeLine]) -> str:
    return report_charts.svg(history_spec(lines))


def data_uri(svg_text: str) -> str:
    return report_charts.data_uri(svg_text)
