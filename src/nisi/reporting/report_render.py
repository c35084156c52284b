"""The report's editions: the figures (as stored with the report) laid out with their charts and tables in one
language, as the HTML the page shows and as a PDF whose bytes depend on nothing but the figures and the language —
its dates come from the cut-off, its identifier from the figures' digest, its fonts are the system's DejaVu Sans,
its order is the tables' fixed order — and the signed PDF: those pages and a signature page."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.reporting import report_charts as charts
from nisi.reporting.selectors.report import labels

# The tables in the order the report shows them, each with the key kind its labels come from and its chart.
LAYOUT: tuple[tuple[str, str, str], ...] = (
    ("register_regions", "region", "map"),
    ("register_groups", "chapter", "bar"),
    ("register_over_time", "date", "line"),
    ("map_stages", "stage", "bar"),
    ("map_regions", "region", "map"),
    ("incentives_measures", "measure", "bar"),
    ("incentives_effectiveness", "effectiveness", ""),  # several figures a line: a table, no chart
    ("contracts_kinds", "contract_kind", "bar"),
    ("hub_participants", "hub", "bar"),
    ("assessment_development", "assessment", ""),  # figures of different units: a table, no chart
    ("assessment_effectiveness", "assessment", ""),
)
ASSESSMENT = frozenset({"assessment_development", "assessment_effectiveness"})
AMOUNTS = frozenset(
    {"map_stages", "map_regions", "incentives_measures", "incentives_effectiveness", "contracts_kinds", *ASSESSMENT}
)
GRANTS = "industrial-grants"  # the effectiveness' key of the industrial grants (IP-42), not in the catalogue


def _titles() -> dict[str, tuple[str, str, str]]:
    """Each table's (title, what its rows are, what its figure is), in the active language."""
    return {
        "register_regions": (
            _("Kazakhstani commodity producers in the register, by region"),
            _("Region"),
            _("Producers"),
        ),
        "register_groups": (
            _("Producers in the register by product group (HS chapter)"),
            _("Product group"),
            _("Producers"),
        ),
        "register_over_time": (_("Size of the register over time"), _("Date"), _("Producers")),
        "map_stages": (_("Projects of the map of industrialization by stage"), _("Stage"), _("Projects")),
        "map_regions": (_("Projects of the map of industrialization by region"), _("Region"), _("Projects")),
        "incentives_measures": (
            _("Measures of state incentive given: agreements concluded in the year"),
            _("Measure"),
            _("Agreements"),
        ),
        "incentives_effectiveness": (
            _("Effectiveness of the measures of state incentives: support given and results (IP-6.3)"),
            _("Measure — operator — region"),
            _("Agreements"),
        ),
        "contracts_kinds": (
            _("Contracts aimed at industrial development concluded in the year"),
            _("Kind of contract"),
            _("Contracts"),
        ),
        "hub_participants": (_("Participants of the Astana Hub"), _("Astana Hub"), _("Participants")),
        "assessment_development": (
            _("Assessment of industrial development: the returns of the assessment forms (IP-6.1)"),
            _("Form — period — figure"),
            _("Returns"),
        ),
        "assessment_effectiveness": (
            _("Effectiveness of the measures of state incentives: the returns of the forms (IP-6.3)"),
            _("Form — period — figure"),
            _("Returns"),
        ),
    }


def _label(kind: str, key: str, names: dict[str, dict[str, str]]) -> str:
    if kind == "date":
        return key
    if kind == "hub":
        return _("Participants registered")
    return names.get(kind, {}).get(key) or key


def _effectiveness_label(cell: dict[str, Any], names: dict[str, dict[str, str]]) -> str:
    """A line of the effectiveness table in the active language: the measure, its operator and the region, or the
    totals over regions, over measures, or both."""
    if cell.get("kind") in ("region_total", "total"):
        measure = _("All measures")
    elif cell["measure"] == GRANTS:
        measure = _("Industrial grants (IP-42)")
    else:
        measure = names["measure"].get(cell["measure"]) or cell["measure"]
    region = names["region"].get(cell["region"]) or cell["region"] or "—"
    if cell.get("kind") in ("measure_total", "total"):
        region = _("All regions")
    parts = [measure, cell["operator_name"], region] if cell.get("operator_name") else [measure, region]
    return " — ".join(parts)


def tables_in(data: dict[str, Any], language: str, *, charts_on: bool = True) -> list[dict[str, Any]]:
    """The tables of `data` (a report's or the dashboard's figures) in `language`: rows with their labels, and the
    chart as an SVG data address. Call inside `translation.override(language)`."""
    tables = data["tables"]
    chapters = [c["key"] for c in tables.get("register_groups", {}).get("cells", [])]
    measures = [c["key"] for c in tables.get("incentives_measures", {}).get("cells", [])]
    measures += [c["measure"] for c in tables.get("incentives_effectiveness", {}).get("cells", []) if c["measure"]]
    assessed = [c["key"] for name in ASSESSMENT for c in tables.get(name, {}).get("cells", [])]
    names = labels(language, chapters, measures, assessed)
    titles = _titles()
    out = []
    for name, kind, chart in LAYOUT:
        if name not in tables:
            continue
        title, row_title, value_title = titles[name]
        rows = [
            {
                **cell,
                "label": _effectiveness_label(cell, names)
                if kind == "effectiveness"
                else _label(kind, cell["key"], names),
            }
            for cell in tables[name]["cells"]
        ]
        plotted = [{"label": r["label"], "value": r["count"]} for r in rows if not r["suppressed"]]
        image = ""
        if charts_on and chart:
            if chart == "map":
                spec = charts.map_spec(
                    {r["key"]: r["count"] for r in rows if not r["suppressed"]},
                    names["region"],
                    value_title=value_title,
                )
            elif chart == "line":
                spec = charts.line_spec(plotted, value_title=value_title, label_title=row_title)
            else:
                spec = charts.bar_spec(plotted, value_title=value_title, label_title=row_title)
            image = charts.data_uri(charts.svg(spec))
        out.append(
            {
                "name": name,
                "title": title,
                "row_title": row_title,
                "value_title": value_title,
                "rows": rows,
                "chart": image,
                "has_amounts": name in AMOUNTS,
                "amount_title": _("Total of the returns' figures") if name in ASSESSMENT else "",
                "note": _(
                    "The returns of the administrative data forms filed by the end of the cut-off day for periods of "
                    "the reporting year: per form, period and figure, the number of returns and the sum of their "
                    "figures."
                )
                if name in ASSESSMENT
                else _(
                    "Per measure, operator and region in the reporting year, as recorded by the end of the cut-off "
                    "day: the entities supported, the agreements, the support paid, the mean level of the "
                    "counter-obligations achieved in the reports (1 = every target met), the reports below the target "
                    "and the refunds determined. A line built from fewer entities than the minimum is suppressed, "
                    "and so is another line with it where a total would give it back (IP-6.3)."
                )
                if name == "incentives_effectiveness"
                else "",
                "effectiveness": name == "incentives_effectiveness",
                "has_jobs": name in {"map_stages", "map_regions"},
                "source": tables[name]["source"],
            }
        )
    return out


def body_html(data: dict[str, Any], language: str) -> str:
    """The report's body in `language`: what the page shows and the PDF prints."""
    with translation.override(language):
        return render_to_string(
            "reporting/report/_body.html",
            {"data": data, "tables": tables_in(data, language), "language": language},
        )


def _pdf_date(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+05:00"


def _html(data: dict[str, Any], language: str, body: str, signature: dict[str, Any] | None = None) -> str:
    cut_off = dt.date.fromisoformat(data["cut_off"])
    with translation.override(language):
        return render_to_string(
            "reporting/report/report_pdf.html",
            {"data": data, "body": body, "language": language, "created": _pdf_date(cut_off), "signature": signature},
        )


def _weasyprint() -> dict[str, Any]:
    """What WeasyPrint is given besides the HTML: the fonts of the system (DejaVu Sans, configured once per process)
    and a fetcher that reads nothing but the `data:` addresses of the charts — no file, no network."""
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    global _FONTS, _FETCHER  # made once per process: fontconfig's set-up is not free
    if _FONTS is None:
        _FONTS, _FETCHER = FontConfiguration(), URLFetcher(allowed_protocols={"data"})
    return {"font_config": _FONTS, "fetcher": _FETCHER}


_FONTS: Any = None
_FETCHER: Any = None


def _layout(html: str) -> Any:
    from weasyprint import HTML  # imported here: it loads Pango, which only PDF rendering needs

    given = _weasyprint()
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=given["fetcher"]).render(
        font_config=given["font_config"]
    )


def _identifier(data: dict[str, Any], language: str) -> bytes:
    return hashlib.sha256(f"{data['digest']}:{language}".encode()).hexdigest()[:32].encode()


@dataclass
class Edition:
    """One language's PDFs: the report's pages (reproducible) and, once signed, the same laid-out pages followed by
    the signature page (laid out once: the signature page is added to the pages already laid out)."""

    data: dict[str, Any]
    language: str
    body: str
    pages: Any = None  # WeasyPrint's laid-out document of the report's pages

    def content_pdf(self) -> bytes:
        """The report's pages as PDF: the same bytes for the same figures and language (ADR 36)."""
        self.pages = _layout(_html(self.data, self.language, self.body))
        return bytes(self.pages.write_pdf(pdf_identifier=_identifier(self.data, self.language)))

    def signed_pdf(self, signature: dict[str, Any]) -> bytes:
        """The report's pages followed by the signature page (the signature's time, key and the QR code of the
        public verification page)."""
        if self.pages is None:
            self.content_pdf()
        signature_page = _layout(_html(self.data, self.language, "", signature))
        pages = [*self.pages.pages, *signature_page.pages[1:]]  # the signature document's first page is its title
        return bytes(self.pages.copy(pages).write_pdf())
