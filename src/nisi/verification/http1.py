"""A lean HTTP/1.1 client for the gateway fan-out (ADR 16): GETs, and POSTs of a JSON body (ADR 24), keep-alive
connections kept in a pool, the response parsed by httptools (llhttp, the parser uvicorn uses), on the running
asyncio loop (uvloop in workers).

A general client (aiohttp before it, ADR 8) spends most of a call's CPU on what the gateway's GETs never need:
cookies, redirects, content negotiation, a request and a response object with their headers as multidicts, a
task per request. Here a call is one write of prepared bytes and a future resolved by the parser's callbacks:
measured at a fraction of aiohttp's CPU per call (docs/benchmarks.md).

What it does not do, on purpose: TLS is left to the loop (an `https://` base URL opens the connection with the
default SSL context), no redirects, no compression (it does not ask for any), no proxies.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from urllib.parse import quote, quote_plus, urlsplit

import httptools

_SAFE_PATH = "/:@!$&'()*+,;=-._~"
_PLAIN = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch  # written as it is in a path
_PLAIN_QUERY = re.compile(r"[A-Za-z0-9_.~,-]*").fullmatch  # and in a query (a comma may stand as it is there)


def _query(params: dict[str, str]) -> str:
    """`urlencode` for a dict of strings, without quoting what needs none (most of the gateway's parameters)."""
    return "&".join(
        f"{k if _PLAIN_QUERY(k) else quote_plus(k)}={v if _PLAIN_QUERY(v) else quote_plus(v)}"
        for k, v in params.items()
    )


class HttpError(OSError):
    """The connection failed or the answer could not be parsed: for the caller, an outage like any other."""


class _Connection(asyncio.Protocol):
    """One keep-alive connection: one request at a time, its answer resolved by the parser's callbacks."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self._body: list[bytes] = []
        self.got_bytes = False
        self.reusable = True

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.got_bytes = True
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(HttpError(f"unreadable HTTP answer: {exc}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.reusable = False
        self._fail(HttpError(f"connection closed: {exc}" if exc else "connection closed by the server"))

    # httptools callbacks
    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        self.reusable = self.reusable and self._parser.should_keep_alive()
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result((self._parser.get_status_code(), b"".join(self._body)))

    def _fail(self, exc: Exception) -> None:
        self.reusable = False
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)
        if self._transport is not None:
            self._transport.close()

    def _expire(self) -> None:
        self._fail(TimeoutError())

    async def request(self, raw: bytes, timeout: float) -> tuple[int, bytes]:
        if self._transport is None or self._transport.is_closing():
            raise HttpError("connection closed")
        self._body, self.got_bytes = [], False
        self._waiter = self._loop.create_future()
        self._transport.write(raw)
        deadline = self._loop.call_later(timeout, self._expire)
        try:
            return await self._waiter
        finally:
            deadline.cancel()
            self._waiter = None

    def close(self) -> None:
        self.reusable = False
        if self._transport is not None:
            self._transport.close()


class Http1Client:
    """GETs to one base URL over a pool of keep-alive connections (as many as are asked for at once)."""

    def __init__(self, base_url: str, *, timeout_s: float) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) base URL: {base_url!r}")
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._ssl = ssl.create_default_context() if parts.scheme == "https" else None
        self._prefix = parts.path.rstrip("/")
        default_port = self._port == (443 if parts.scheme == "https" else 80)
        self._host_header = self._host if default_port else f"{self._host}:{self._port}"
        self._timeout = timeout_s
        self._idle: list[_Connection] = []

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        _, connection = await asyncio.wait_for(
            loop.create_connection(lambda: _Connection(loop), self._host, self._port, ssl=self._ssl),
            timeout=self._timeout,
        )
        return connection

    def _request_bytes(
        self, path: str, params: dict[str, str], headers: dict[str, str], *, method: str = "GET", body: bytes = b""
    ) -> bytes:
        target = self._prefix + path
        if not _PLAIN(target):
            target = quote(target, safe=_SAFE_PATH)
        if params:
            target += "?" + _query(params)
        lines = [f"{method} {target} HTTP/1.1", f"Host: {self._host_header}", "Accept: application/json"]
        if method != "GET":
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        for name, value in headers.items():
            if "\r" in value or "\n" in value:
                raise ValueError(f"header {name} holds a line break")
            lines.append(f"{name}: {value}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def get(self, path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, bytes]:
        """The answer's status and body. A kept connection that the server closed meanwhile is replaced once
        without counting as an attempt (nothing had been answered on it); any other failure raises an OSError,
        and no answer within the timeout raises TimeoutError."""
        return await self._send(self._request_bytes(path, params, headers))

    async def post(self, path: str, params: dict[str, str], headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        """A POST of a JSON body, sent like a GET. A kept connection closed meanwhile is replaced once here too: a
        POST to the gateway carries an idempotency key, so a request the server did take is not acted on twice."""
        return await self._send(self._request_bytes(path, params, headers, method="POST", body=body))

    async def _send(self, raw: bytes) -> tuple[int, bytes]:
        while self._idle:
            connection = self._idle.pop()
            try:
                answer = await connection.request(raw, self._timeout)
            except HttpError:
                connection.close()
                if connection.got_bytes:
                    raise
                continue  # closed while idle: try another, or a new one
            except BaseException:
                connection.close()
                raise
            self._release(connection)
            return answer
        connection = await self._connect()
        try:
            answer = await connection.request(raw, self._timeout)
        except BaseException:
            connection.close()
            raise
        self._release(connection)
        return answer

    def _release(self, connection: _Connection) -> None:
        if connection.reusable:
            self._idle.append(connection)
        else:
            connection.close()

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        await asyncio.sleep(0)  # lets the transports run their close callbacks
