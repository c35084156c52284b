"""Pure rules of publication: the webhook's signature, its retry schedule and which addresses it may call.

No database, no network: the caller resolves host names and passes the addresses."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

SIGNATURE_HEADER = "X-Nisi-Signature"
TIMESTAMP_HEADER = "X-Nisi-Timestamp"
DELIVERY_HEADER = "X-Nisi-Delivery"
SECRET_MIN_LENGTH = 24
# Retries after 1, 2, 4 … minutes, never more than an hour apart: a receiver down for a day is tried about 30
# times, and replays from its last acknowledged sequence when it is back.
RETRY_CAP = dt.timedelta(hours=1)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=` and the HMAC-SHA256, keyed by the subscription's secret, of the timestamp, a dot and the body.

    The timestamp is inside what is signed so that a captured delivery cannot be sent again later as new: the
    receiver refuses a timestamp more than a few minutes old."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_valid(secret: str, timestamp: int, body: bytes, given: str) -> bool:
    """What a receiver does (and the tests): compare in constant time."""
    return hmac.compare_digest(signature(secret, timestamp, body), given)


def retry_delay(failures: int) -> dt.timedelta:
    """The wait before the next attempt after `failures` failed ones in a row (1 → 1 min, 2 → 2 min, 3 → 4 min…)."""
    if failures < 1:
        return dt.timedelta(0)
    return min(dt.timedelta(minutes=2 ** min(failures - 1, 12)), RETRY_CAP)


def address_public(address: str) -> bool:
    """An address on the public internet: not private, loopback, link-local, multicast, reserved or unspecified
    (a webhook must not be a way into the government's own network)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def url_problem(url: str, *, debug: bool, addresses: Iterable[str] | None) -> str | None:  # noqa: PLR0911 (one refusal each)
    """Why a webhook may not be sent to `url`, or None.

    Outside DEBUG only https, and every address the host name resolves to must be public; `addresses` is None when
    the name did not resolve. In DEBUG (a developer's machine) http and local addresses are allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return _("Give the full address of your receiver, starting with https://.")
    if parts.username or parts.password:
        return _("The address must not contain a user name or password; the signature proves the sender.")
    if debug:
        return None
    if parts.scheme != "https":
        return _("The receiver's address must start with https://.")
    if not addresses:
        return _("The receiver's host name does not resolve. Check the address.")
    if not all(address_public(a) for a in addresses):
        return _("The receiver's address is a private or local one; give an address reachable from the internet.")
    return None


def as_of_day(text: str, today: dt.date) -> tuple[dt.date | None, str | None]:
    """`as_of=YYYY-MM-DD` of a public list or record: the day, or why it cannot be read.

    A list answers as it stood at the end of a past day or of today; a day still to come has no answer yet."""
    value = (text or "").strip()
    try:
        day = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        return None, _("Give the date as YYYY-MM-DD, for example %(example)s.") % {"example": today.isoformat()}
    if day > today:
        return None, _("The date %(day)s is still to come; give today's date or an earlier one.") % {
            "day": day.isoformat()
        }
    return day, None
