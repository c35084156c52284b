"""`nisi law …`: the law layer for the public and for maintainers.

nisi law param NAME --on DATE [--purpose P]
nisi law params
nisi law deadline --from DATE (--working-days N | --calendar-days N | --months N | --term PARAMETER)
nisi law provision ID [--on DATE]
nisi law build-provisions [--source DIR]
"""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentTypeError
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nisi.cli import cli_language
from nisi.law import clock, legal_calendar, params, provisions
from nisi.law.provisions_parser import apply_windows, parse_law

LAW_FILES = {"000_622006f1e8402e70.txt": "IP", "004_4092d71b37b47674.txt": "AH"}


def iso_date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ArgumentTypeError(f"'{raw}' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-20") from None


def whole_number(raw: str) -> int:
    if not raw.isascii():  # int() would read other scripts' digits as ours: refused, not converted
        raise ArgumentTypeError(f"'{raw}' is not a whole number of days; write it in Latin digits (0-9)")
    try:
        return int(raw)
    except ValueError:
        raise ArgumentTypeError(f"'{raw}' is not a whole number of days") from None


class Command(BaseCommand):
    help = "Look up legal parameters, compute legal deadlines and read provisions."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        p = sub.add_parser("param", help="the value of a parameter on a date")
        p.add_argument("name")
        p.add_argument("--on", type=iso_date, help="the date (YYYY-MM-DD); today if omitted")
        p.add_argument("--purpose", default=params.GENERAL)
        p.add_argument("--json", action="store_true")

        sub.add_parser("params", help="list every parameter")

        d = sub.add_parser("deadline", help="the due date of a term")
        d.add_argument("--from", dest="start", type=iso_date, required=True)
        group = d.add_mutually_exclusive_group(required=True)
        group.add_argument("--working-days", type=whole_number)
        group.add_argument("--calendar-days", type=whole_number)
        group.add_argument("--months", type=whole_number)
        group.add_argument("--term", help="a term parameter, e.g. register_appeal_term")
        d.add_argument("--json", action="store_true")

        v = sub.add_parser("provision", help="the text of a provision")
        v.add_argument("id")
        v.add_argument("--on", type=iso_date)

        b = sub.add_parser("build-provisions", help="parse shared/law/ into the provisions catalogue")
        b.add_argument("--source", type=Path, default=settings.PROJECT_DIR.parent / "shared" / "law")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(cli_language()):
            self._dispatch(options)

    def _dispatch(self, options: dict[str, Any]) -> None:
        action = options["action"]
        try:
            if action == "param":
                self._param(options)
            elif action == "params":
                self._params()
            elif action == "deadline":
                self._deadline(options)
            elif action == "provision":
                self._provision(options)
            elif action == "build-provisions":
                self._build(options["source"])
        except (params.ParameterError, legal_calendar.TermError, provisions.UnknownProvision) as exc:
            raise CommandError(str(exc)) from None

    def _param(self, options: dict[str, Any]) -> None:
        on = options["on"] or clock.today()
        value = params.value_on(options["name"], on, purpose=options["purpose"])
        if options["json"]:
            self.stdout.write(json.dumps(value.as_dict(), ensure_ascii=False, indent=2))
            return
        parameter = params.get(value.name)
        w = self.stdout.write
        language = translation.get_language() or "en"
        purpose = "" if value.purpose == params.GENERAL else ", " + value.purpose
        w(f"{parameter.title_in(language)} ({value.name}{purpose})")
        w("  " + _("on %(on)s: %(value)s") % {"on": on.isoformat(), "value": value.display()})
        until = " " + _("until %(end)s") % {"end": value.effective_to.isoformat()} if value.effective_to else ""
        w("  " + _("in force from %(start)s") % {"start": value.effective_from.isoformat()} + until)
        w("  " + _("source: %(source)s") % {"source": value.reference})
        if value.unconfirmed:
            note = value.note or _("the source is not certain")
            w(self.style.WARNING("  " + _("unconfirmed: %(note)s") % {"note": note}))
        elif value.note:
            w("  " + _("note: %(note)s") % {"note": value.note})
        w("  " + _("provisions: %(list)s") % {"list": ", ".join(value.provisions) or "—"})
        others = [p for p in parameter.purposes if p != value.purpose]
        for other in others:
            try:
                alt = params.value_on(value.name, on, purpose=other)
            except params.ParameterError:
                continue
            if alt.value != value.value:
                message = _(
                    "for the purpose '%(purpose)s' the value on this date is %(value)s (use --purpose %(purpose)s)"
                )
                w("  " + message % {"purpose": other, "value": alt.display()})

    def _params(self) -> None:
        for name, parameter in sorted(params.catalogue().items()):
            self.stdout.write(f"{name:45} {parameter.kind:12} {parameter.unit:14} {', '.join(parameter.provisions)}")

    def _deadline(self, options: dict[str, Any]) -> None:
        start = options["start"]
        if options["term"]:
            result = legal_calendar.parameter_term(options["term"], start)
        elif options["working_days"] is not None:
            result = legal_calendar.add_working_days(start, options["working_days"])
        elif options["calendar_days"] is not None:
            result = legal_calendar.add_calendar_days(start, options["calendar_days"])
        else:
            result = legal_calendar.add_months(start, options["months"])
        if options["json"]:
            payload = {
                "from": start.isoformat(),
                "due": result.value.isoformat(),
                "provisions": result.provisions,
                "trace": result.trace(),
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        weekday = date_format(result.value, "l")
        self.stdout.write(_("due: %(date)s (%(weekday)s)") % {"date": result.value.isoformat(), "weekday": weekday})
        for step in result.steps:
            extra = "".join(
                f" [{label}: {val}]"
                for label, val in ((_("provision"), step.provision), (_("source"), step.reference))
                if val
            )
            self.stdout.write(f"  - {step.text}{extra}")

    def _provision(self, options: dict[str, Any]) -> None:
        entry = provisions.get(options["id"])
        w = self.stdout.write
        w(f"{entry.id} — {provisions.LAWS[entry.law]}, " + _("Article") + f" {entry.article}. {entry.title}")
        if entry.repealed:
            w(self.style.WARNING("  " + _("repealed: %(note)s") % {"note": entry.status_note}))
        elif entry.status_note:
            w(self.style.WARNING(f"  {entry.status_note}"))
        if options["on"]:
            applies = entry.applies_on(options["on"])
            answer = _("yes") if applies else _("no")
            w("  " + _("applies on %(date)s: %(answer)s") % {"date": options["on"].isoformat(), "answer": answer})
        w("")
        w(entry.text)

    def _build(self, source: Path) -> None:
        if not source.is_dir():
            raise CommandError(f"No law texts at {source}; pass --source with the folder holding them.")
        entries = []
        for filename, law in LAW_FILES.items():
            path = source / filename
            if not path.exists():
                raise CommandError(f"{path} is missing; the catalogue is built from both law texts.")
            entries.extend(parse_law(path.read_text(encoding="utf-8"), law))
        windows_file = Path(provisions.__file__).parent / "data" / "provision_windows.yaml"
        apply_windows(entries, yaml.safe_load(windows_file.read_text(encoding="utf-8")) or {})
        payload = {
            "source": {law: filename for filename, law in LAW_FILES.items()},
            "provisions": [e.as_dict() for e in entries],
        }
        provisions.DATA_FILE.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        provisions.catalogue.cache_clear()
        self.stdout.write(f"wrote {len(entries)} provisions to {provisions.DATA_FILE}")
