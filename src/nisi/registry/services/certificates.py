"""Importing the certificates and database entries that recognised domestic producers before the register
(IP-68: CT-KZ and industrial certificates, valid until 1 January 2026; IP-51's database, until then too).

Read-only: a certificate is written once, from its issuer's extract, and never changed. Importing the same extract
again changes nothing; a row that contradicts an imported certificate is a problem of the file. All or nothing:
every bad row is reported by its line and nothing is written while any is (DESIGN 10).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import csv_import, identifiers
from nisi.core.authz import Actor, require
from nisi.core.csv_import import CsvImportError, RowProblem
from nisi.core.services.journal import journal_append
from nisi.law import clock
from nisi.registry import public_answers, rules
from nisi.registry.models import PriorCertificate

MAX_ROWS = 200_000
SUBJECT = "prior_certificates"
_COMPARED = ("identifier", "organization_name", "hs_code", "product_name", "issued_on", "valid_to")


@dataclass
class CertificatesImported:
    created: int = 0
    unchanged: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def _row(line: int, raw: dict[str, str], end: dt.date, problems: list[RowProblem]) -> PriorCertificate | None:
    found: list[str] = []
    kind = raw["kind"].lower()
    if kind not in PriorCertificate.Kind.values:
        found.append(_("kind: write one of %(kinds)s") % {"kinds": ", ".join(PriorCertificate.Kind.values)})
    if not raw["number"]:
        found.append(_("number: give the certificate's number"))
    try:
        identifier = identifiers.validate(raw["identifier"])
    except identifiers.InvalidIdentifier as exc:
        identifier = ""
        found.append(_("identifier: %(problem)s") % {"problem": exc})
    if not raw["organization_name"]:
        found.append(_("organization_name: give the holder's name"))
    issued_on, valid_to = csv_import.parse_date(raw["issued_on"]), csv_import.parse_date(raw["valid_to"])
    for column, value in (("issued_on", issued_on), ("valid_to", valid_to)):
        if value is None:
            found.append(_("%(column)s: write the date as 2025-03-01 or 01.03.2025") % {"column": column})
    if issued_on and valid_to:
        found += rules.prior_certificate_problems(issued_on, valid_to, end)
    for column, limit in (("number", 60), ("organization_name", 300), ("hs_code", 10), ("product_name", 500)):
        if len(raw[column]) > limit:
            found.append(_("%(column)s: at most %(n)s characters") % {"column": column, "n": limit})
    problems.extend(RowProblem(line, str(p)) for p in found)
    if found or issued_on is None or valid_to is None:
        return None
    return PriorCertificate(
        kind=kind,
        number=raw["number"],
        identifier=identifier,
        organization_name=raw["organization_name"],
        hs_code=raw["hs_code"],
        product_name=raw["product_name"],
        issued_on=issued_on,
        valid_to=valid_to,
        line=line,
    )


@transaction.atomic
def certificates_import(*, actor: Actor, content: bytes, source_name: str) -> CertificatesImported:
    """Imports an issuer's extract of CT-KZ or industrial certificates, or of the IP-51 database (IP-68)."""
    require(actor, PriorCertificate(), "import")
    read = csv_import.read(content, columns=rules.PRIOR_COLUMNS, required=rules.PRIOR_REQUIRED, max_rows=MAX_ROWS)
    problems = list(read.problems)
    end = rules.prior_certificates_end()
    candidates: list[PriorCertificate] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw in read.rows:
        certificate = _row(line, raw, end, problems)
        if certificate is None:
            continue
        key = (certificate.kind, certificate.number)
        if key in seen:
            problems.append(RowProblem(line, _("the same certificate as line %(line)s") % {"line": seen[key]}))
            continue
        seen[key] = line
        candidates.append(certificate)
    existing = {
        (c.kind, c.number): c
        for c in PriorCertificate.objects.filter(number__in=[c.number for c in candidates])
        if (c.kind, c.number) in seen
    }
    result = CertificatesImported()
    new: list[PriorCertificate] = []
    for certificate in candidates:
        before = existing.get((certificate.kind, certificate.number))
        if before is None:
            new.append(certificate)
        elif any(getattr(before, f) != getattr(certificate, f) for f in _COMPARED):
            problems.append(
                RowProblem(
                    certificate.line,
                    _(
                        "certificate %(number)s was imported before with other data; imported certificates are "
                        "never changed: check the extract with its issuer"
                    )
                    % {"number": certificate.number},
                )
            )
        else:
            result.unchanged += 1
    if problems:
        raise CsvImportError(sorted(problems, key=lambda p: p.line))
    now = clock.now()
    for certificate in new:
        certificate.imported_at, certificate.imported_from = now, source_name[:200]
        result.by_kind[certificate.kind] = result.by_kind.get(certificate.kind, 0) + 1
    PriorCertificate.objects.bulk_create(new, batch_size=2000)
    # The public lookups on a day before the register answer from these: those about these BINs retire.
    public_answers.register_changed(identifiers={c.identifier for c in new}, goods=False)
    result.created = len(new)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=now.date().isoformat(),
        action="imported",
        payload={"file": source_name[:200], "created": result.created, "unchanged": result.unchanged},
        provisions=["IP-68", "IP-69.3"],
    )
    return result
