"""The client's address, for sign-in throttling and the audit log.

Behind a reverse proxy the connection comes from the proxy, and the client's address is in a header; but a
header is whatever the client sent unless the proxy sets it. So a header is read only when the settings name it
(NISI_CLIENT_IP_HEADER), and X-Forwarded-For only from the right: each trusted proxy appends the address it
received the request from, and everything to the left of those NISI_PROXY_COUNT entries may be forged. A value
that is not an IP address is ignored, and the connection's own address used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    header = settings.NISI_CLIENT_IP_HEADER
    if header:
        raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if header.lower() == "x-forwarded-for":
            hops = [h for h in raw.split(",") if h.strip()]
            count = max(settings.NISI_PROXY_COUNT, 1)
            candidate = hops[-count] if len(hops) >= count else ""
        else:
            candidate = raw
        found = _valid(candidate)
        if found:
            return found
    return _valid(remote) if remote else None
