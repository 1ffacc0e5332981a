"""A fault-injecting HTTP proxy on 127.0.0.1 (asyncio), between the plugin's client and the registry.

Each request is read whole, then, at random (``rate``), one fault is played:

* ``drop_before``  the connection is closed before the request reaches the registry;
* ``drop_after``   the request reaches the registry (and is processed), the answer is lost;
* ``stall``        the answer is held past the client's timeout, then the connection closed;
* ``cut``          the registry's answer is cut in half (headers + half the body), then closed;
* ``bad_gateway``  502 or 503 -- sometimes after the registry processed the request.

Without a fault the request is forwarded and the answer relayed.  One request per connection
(the answer says ``Connection: close``).  If the registry is down (killed, restarting) the proxy
answers 502, as a real reverse proxy would.  Run standalone for manual tests:
``python scripts/faults/proxy.py LISTEN_PORT UPSTREAM_PORT [RATE]``.
"""
from __future__ import annotations

import asyncio
import random
import sys
import threading
from collections import Counter
from typing import Optional

FAULTS = ("drop_before", "drop_after", "stall", "cut", "bad_gateway")
DEFAULT_WEIGHTS = {"drop_before": 3, "drop_after": 4, "stall": 1, "cut": 3, "bad_gateway": 3}
MAX_HEAD = 64 * 1024
MAX_BODY = 32 * 1024 * 1024


class FaultProxy:
    def __init__(self, upstream_port: int, listen_port: int = 0, rate: float = 0.0,
                 stall_s: float = 3.0, seed: Optional[int] = None, weights=None):
        self.upstream_port = upstream_port
        self.listen_port = listen_port
        self.rate = rate
        self.stall_s = stall_s
        self.rng = random.Random(seed)
        self.weights = dict(weights or DEFAULT_WEIGHTS)
        self.counts: Counter = Counter()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._server = None
        self._thread: Optional[threading.Thread] = None
        self._ready = threading.Event()

    # -- lifecycle (a thread with its own event loop) --------------------------------------------
    def start(self) -> "FaultProxy":
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault proxy did not start")
        return self

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.listen_port))
        self.listen_port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            self._loop.run_until_complete(self._server.wait_closed())
            self._loop.close()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listen_port}"

    def choose(self) -> Optional[str]:
        if self.rate <= 0 or self.rng.random() >= self.rate:
            return None
        names = list(self.weights)
        return self.rng.choices(names, [self.weights[n] for n in names])[0]

    # -- one connection, one request ---------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await self._read_request(reader)
            if request is None or not await self._gate(request):
                return
            fault = self.choose()
            self.counts[fault or "none"] += 1
            if fault == "drop_before":
                return
            if fault == "bad_gateway" and self.rng.random() < 0.5:
                await self._reply_error(writer, self.rng.choice((502, 503)))
                return
            answer = await self._forward(request)
            if answer is None:
                await self._reply_error(writer, 502)
                return
            if fault == "drop_after":
                return
            if fault == "stall":
                await asyncio.sleep(self.stall_s)
                return
            if fault == "cut":
                head_end = answer.find(b"\r\n\r\n") + 4
                body = answer[head_end:]
                writer.write(answer[:head_end] + body[:len(body) // 2])
                await writer.drain()
                return
            if fault == "bad_gateway":
                await self._reply_error(writer, self.rng.choice((502, 503)))
                return
            writer.write(answer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            try:
                writer.close()
            except Exception:  # noqa: BLE001
                pass

    async def _gate(self, request: bytes) -> bool:
        """Before a request goes on: False closes the connection unanswered (subclasses)."""
        return True

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader) -> Optional[bytes]:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return None
        if len(head) > MAX_HEAD:
            return None
        lines = head.split(b"\r\n")
        length = 0
        kept = [lines[0]]
        for line in lines[1:]:
            if not line:
                continue
            name = line.split(b":", 1)[0].strip().lower()
            if name == b"content-length":
                length = int(line.split(b":", 1)[1].strip() or 0)
            if name in (b"connection", b"keep-alive", b"proxy-connection"):
                continue
            kept.append(line)
        if length > MAX_BODY:
            return None
        body = await reader.readexactly(length) if length else b""
        kept.append(b"Connection: close")
        return b"\r\n".join(kept) + b"\r\n\r\n" + body

    async def _forward(self, request: bytes) -> Optional[bytes]:
        try:
            r, w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            return None
        try:
            w.write(request)
            await w.drain()
            data = await asyncio.wait_for(r.read(), timeout=600)
        except (OSError, asyncio.TimeoutError):
            return None
        finally:
            w.close()
        if not data.startswith(b"HTTP/"):
            return None
        # the client must not keep this connection (we close it after each request)
        head_end = data.find(b"\r\n\r\n")
        if head_end < 0:
            return None
        head = [ln for ln in data[:head_end].split(b"\r\n")
                if ln.split(b":", 1)[0].strip().lower() not in (b"connection", b"keep-alive")]
        head.append(b"Connection: close")
        return b"\r\n".join(head) + data[head_end:]

    @staticmethod
    async def _reply_error(writer: asyncio.StreamWriter, status: int) -> None:
        reason = {502: "Bad Gateway", 503: "Service Unavailable"}[status]
        body = f"<html><body><h1>{status} {reason}</h1></body></html>".encode()
        writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\n"
                     f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
        await writer.drain()


def main(argv) -> int:
    listen, upstream = int(argv[1]), int(argv[2])
    rate = float(argv[3]) if len(argv) > 3 else 0.3
    proxy = FaultProxy(upstream, listen, rate).start()
    print(f"fault proxy on {proxy.url} -> 127.0.0.1:{upstream}, rate {rate}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    proxy.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
