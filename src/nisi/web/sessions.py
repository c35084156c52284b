"""Django's database sessions, read with a plain statement.

Every signed-in request reads its session: building the ORM's query for it cost several times what PostgreSQL
spends answering it (bench/cpu_per_request.py). The same statement as Django's (the session's key, not expired),
the same handling of a session that is not found; writing, expiry and clearing are Django's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        connection = connections[router.db_for_read(model)]
        found = list(
            model._default_manager.db_manager(connection.alias).raw(
                _statement(model), [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())]
            )
        )
        if not found:
            self._session_key = None
            return None
        return found[0]


@cache
def _statement(model: Any) -> str:
    # Names from the model's own metadata; the key and the time go as parameters.
    meta = model._meta
    key, expires = meta.get_field("session_key").column, meta.get_field("expire_date").column
    return f'SELECT * FROM "{meta.db_table}" WHERE "{key}" = %s AND "{expires}" > %s'  # noqa: S608
