# ruff: noqa: N999  (the command is named as users type it: `nisi legal-entity-events`)
"""`nisi legal-entity-events …`: the events feed of the state database of legal entities (IP-51-6).

nisi legal-entity-events poll      read the events published since the last one read (as the beat entry does)
nisi legal-entity-events status    how far the feed has been read, and what is not handled yet
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nisi.verification import events
from nisi.verification.models import EventFeedCursor, LegalEntityEvent


class Command(BaseCommand):
    help = "Read the liquidations and reorganizations the state database of legal entities publishes (IP-51-6)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("poll", help="read the events published since the last one read")
        sub.add_parser("status", help="how far the feed has been read")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "poll":
            counts = events.legal_entity_events_poll()
            self.stdout.write(
                f"{counts['new']} new event(s) in {counts['pages']} page(s), {counts['unreadable']} unreadable; "
                f"{counts['announced_again']} announced again"
                + ("; the feed did not answer: asked again on the next poll" if counts["unavailable"] else "")
            )
            return
        cursor = EventFeedCursor.objects.filter(source=events.FEED).first()
        if cursor is None:
            self.stdout.write("the feed has not been read yet")
            return
        waiting = LegalEntityEvent.objects.filter(source=events.FEED, handled_at__isnull=True).count()
        self.stdout.write(
            f"read to event {cursor.last_event_id or '(none)'} at {cursor.read_at}; {cursor.events_read} event(s) "
            f"read, {waiting} not handled yet"
            + (f"; last error at {cursor.last_error_at}: {cursor.last_error}" if cursor.last_error else "")
        )
