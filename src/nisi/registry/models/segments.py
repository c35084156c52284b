"""The register's goods and producers as non-overlapping segments of time keyed by integers, for joining millions
of purchase lines to the register as it stood on each purchase date (ADR 0021, addendum 1).

A good's key is its producer's BIN × 10^6 + its HS subheading (six digits), the same number a purchase line carries
(`contracts.PurchaseLine.match_key`). The tables are derived from `RegisterGood`, `RecordPeriod` and
`RegisterRecord` and never edited by hand: triggers on those tables (migration 0013, PostgreSQL and SQLite) note
every record whose goods or periods a write touched in `SegmentsStale`, whatever wrote it, and
`nisi.registry.segments.refresh` recomputes those records' segments before anyone reads them.
"""

from __future__ import annotations

from django.db import models

KEY_FACTOR = 1_000_000  # key = BIN × KEY_FACTOR + HS subheading


class GoodsSegment(models.Model):
    """From `valid_from` (inclusive) to `valid_to` (exclusive) the producer `bin` had a good of the subheading in
    `key` in the register (the good's own interval within one of its producer's periods). Where two goods of one
    producer share a subheading on a day, the segment carries the higher share; `share` is NULL where a good of the
    segment states none (it then counts whole)."""

    bin = models.BigIntegerField(db_index=True)
    key = models.BigIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField()
    share = models.DecimalField(max_digits=5, decimal_places=2, null=True)

    class Meta:
        # Covering (PostgreSQL): a purchases import judges each line by one look-up here, answered from the index
        # alone, without a visit to the table's page (ADR 0021, addendum 5).
        indexes = [
            models.Index(fields=["key", "valid_from"], name="registry_goods_segment_key", include=["valid_to", "share"])
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.valid_from}–{self.valid_to} {self.share}"


class ProducerSegment(models.Model):
    """From `valid_from` (inclusive) to `valid_to` (exclusive) the producer `bin` was in the register."""

    bin = models.BigIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["bin", "valid_from"], name="registry_producer_segment_bin", include=["valid_to"])
        ]

    def __str__(self) -> str:
        return f"{self.bin} {self.valid_from}–{self.valid_to}"


class SegmentsStale(models.Model):
    """A register record whose segments a write has made stale (written by the database's triggers only)."""

    record_id = models.BigIntegerField()

    def __str__(self) -> str:
        return str(self.record_id)
