"""The Eurasian register's rules, pure: no database, no I/O.

IP-9.37: the authorized body "interacts with the Eurasian Economic Commission on the formation and maintenance of the
Eurasian register of industrial goods"; IP-9.38: under the procedure of interaction it approves. What the
Commission is told is what the register of Kazakhstani commodity producers includes, changes and removes (IP-51-1 …
51-7): the change set since the last exchange the Commission acknowledged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

INCLUDE, CHANGE, REMOVE = "include", "change", "remove"


@dataclass(frozen=True)
class Change:
    operation: str
    key: str
    good: Mapping[str, Any] | None
    fingerprint: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"operation": self.operation, "key": self.key, **({"good": dict(self.good)} if self.good else {})}


def change_set(current: Mapping[str, tuple[str, Mapping[str, Any]]], held: Mapping[str, str]) -> list[Change]:
    """IP-9.37: the changes that bring the Commission from what it holds (`held`: key -> fingerprint of each good it
    holds after the acknowledged exchanges) to the register as it is (`current`: key -> (fingerprint, good)). A good
    not held is included; one held with other details is changed; one held and no longer in the register is removed.
    Nothing else is sent: a good held as it is goes in no exchange. In key order, so that the same states give the
    same exchange."""
    changes = []
    for key in sorted(set(current) | set(held)):
        if key not in held:
            fingerprint, good = current[key]
            changes.append(Change(INCLUDE, key, good, fingerprint))
        elif key not in current:
            changes.append(Change(REMOVE, key, None, None))
        elif current[key][0] != held[key]:
            fingerprint, good = current[key]
            changes.append(Change(CHANGE, key, good, fingerprint))
    return changes
