"""`nisi certificates …`: the certificates that recognised domestic producers before the register (IP-68).

nisi certificates import FILE            an issuer's extract (CSV: kind, number, identifier, organization_name,
                                         hs_code, product_name, issued_on, valid_to), read-only, all or nothing
nisi certificates lookup BIN --on DATE   was this organization a recognised domestic producer on DATE?
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from nisi.core import identifiers
from nisi.core.authz import SYSTEM
from nisi.core.csv_import import CsvImportError
from nisi.law.management.commands.law import iso_date
from nisi.registry import selectors
from nisi.registry.services import certificates


class Command(BaseCommand):
    help = "Import CT-KZ and industrial certificates and the IP-51 database (IP-68), and look an organization up."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import an issuer's extract (CSV)")
        imp.add_argument("file", type=Path)
        look = sub.add_parser("lookup", help="was this organization a recognised domestic producer on a date?")
        look.add_argument("identifier")
        look.add_argument("--on", type=iso_date, required=True, help="the date asked about, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"])
        else:
            self._lookup(options["identifier"], options["on"])

    def _import(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            result = certificates.certificates_import(actor=SYSTEM, content=path.read_bytes(), source_name=path.name)
        except CsvImportError as exc:
            for problem in exc.problems:
                self.stderr.write(_("line %(line)s: %(message)s") % {"line": problem.line, "message": problem.message})
            raise CommandError(_("Nothing was imported: correct the lines above and import the file again.")) from None
        self.stdout.write(
            _("%(created)s certificate(s) imported, %(unchanged)s already imported and unchanged.")
            % {"created": result.created, "unchanged": result.unchanged}
        )

    def _lookup(self, identifier: str, on: Any) -> None:
        try:
            identifier = identifiers.validate(identifier)
        except identifiers.InvalidIdentifier as exc:
            raise CommandError(str(exc)) from None
        found = selectors.record_on(identifier, on)
        if found is not None and found["in_register"]:
            self.stdout.write(
                _("%(bin)s was in the register of Kazakhstani commodity producers on %(on)s (%(number)s).")
                % {"bin": identifier, "on": on.isoformat(), "number": found["record"].number}
            )
            return
        held = selectors.prior_recognition(identifier, on)
        if not held:
            self.stdout.write(
                _("%(bin)s was not a recognised domestic producer on %(on)s: in no register and with no certificate.")
                % {"bin": identifier, "on": on.isoformat()}
            )
            return
        self.stdout.write(
            _("%(bin)s was a recognised domestic producer on %(on)s by a prior certificate (IP-68):")
            % {"bin": identifier, "on": on.isoformat()}
        )
        for c in held:
            self.stdout.write(
                f"  {c.get_kind_display()} {c.number}: {c.product_name or c.hs_code or '—'} "
                f"({c.issued_on.isoformat()} – {c.valid_to.isoformat()})"
            )
