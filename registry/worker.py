"""The registry's gunicorn worker: gthread, except that a request is read WHOLE in the event loop
before a thread takes it, with deadlines, so that slow clients cost a socket and a buffer, never a
thread.

gunicorn's gthread worker hands a connection to a thread as soon as its first byte arrives; the
thread then blocks reading the rest.  Forty clients sending their headers a byte a second (no
account needed), or sixteen sending their bodies slowly, held every thread and timed out everyone
else.  Here, per connection:

* the headers must be complete within ``REGISTRY_HEADER_TIMEOUT`` seconds (10) of the first byte,
  and at most 64 KiB (431);
* a body must declare its Content-Length (411: no chunked bodies), at most
  ``REGISTRY_MAX_BULK_BODY`` (16 MiB) to a ``/bulk`` URL and ``REGISTRY_MAX_BODY`` (1 MiB)
  elsewhere (413 before a byte of it is read; the gateway refuses any body on a read or a
  delete), and arrive within
  ``REGISTRY_BODY_TIMEOUT`` (10) seconds plus one second per ``REGISTRY_MIN_BODY_RATE`` bytes
  (16 KiB/s);
* all the bodies being read by one process at once hold at most ``REGISTRY_MAX_BUFFERED`` bytes
  (64 MiB): past that, 503 with Retry-After;
* a new or kept-alive connection that says nothing is closed after ``REGISTRY_IDLE_TIMEOUT``
  seconds (10; gunicorn's keep-alive for kept-alive ones);
* writing an answer may take ``REGISTRY_SEND_TIMEOUT`` seconds (60) at most.

A late client gets a JSON 408 and is closed.  gunicorn's own refusals (a malformed request line,
headers too large, ...) are JSON too, never HTML.  Behind the production TLS proxy (which buffers
whole requests itself, registry/README.md) this is a second line; on its own it is the first.
"""
from __future__ import annotations

import os
import selectors
import socket
import time
from functools import partial

from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import TConn, ThreadWorker

from .web import REASONS, Reply, render, too_large, with_security_headers

MAX_HEAD = 64 * 1024


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, str(default)))


def response_bytes(reply: Reply) -> bytes:
    status, headers, body = render(reply)
    headers = with_security_headers(headers) + [("Connection", "close")]
    head = f"HTTP/1.1 {status} {REASONS.get(status, '')}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1") + body


def late() -> Reply:
    return Reply(408, "request_timeout", "The request did not arrive in time (too slow); send it "
                 "again.", "คำขอส่งมาช้าเกินไป กรุณาส่งใหม่")


#: After a refusal, what the client still sends is read and dropped for this long (and this
#: much) before the connection is closed, so that it can read the answer (a "lingering close").
DRAIN_SECONDS = 5.0
DRAIN_BYTES = 32 << 20


class _State:
    __slots__ = ("buf", "deadline", "need", "reserved", "idle", "drain")

    def __init__(self, deadline: float, buf: bytearray = None):
        self.buf = buf if buf is not None else bytearray()
        self.deadline = deadline
        self.need = None  # bytes of the whole request once its headers are read
        self.reserved = 0
        self.idle = not self.buf
        self.drain = -1  # >= 0: refused, answered; bytes still allowed to drain


class BufferingWorker(ThreadWorker):

    def init_process(self):
        self.header_timeout = _env_float("REGISTRY_HEADER_TIMEOUT", 10)
        self.body_timeout = _env_float("REGISTRY_BODY_TIMEOUT", 10)
        self.min_rate = _env_float("REGISTRY_MIN_BODY_RATE", 16384)
        self.idle_timeout = _env_float("REGISTRY_IDLE_TIMEOUT", 10)
        self.send_timeout = _env_float("REGISTRY_SEND_TIMEOUT", 60)
        self.max_bulk_body = int(os.environ.get("REGISTRY_MAX_BULK_BODY", str(16 << 20)))
        self.max_body = int(os.environ.get("REGISTRY_MAX_BODY", str(1 << 20)))
        self.max_buffered = int(os.environ.get("REGISTRY_MAX_BUFFERED", str(64 << 20)))
        self.buffered = 0
        self.reading = {}  # TConn -> _State
        self.pending = []  # kept-alive connections whose next request is already buffered
        if self.cfg.is_ssl:
            raise RuntimeError("the registry's worker does not terminate TLS: put the TLS proxy "
                               "in front (registry/README.md)")
        super().init_process()

    # -- connections in the reading state ------------------------------------------------------
    def accept(self, server, listener):
        try:
            sock, client = listener.accept()
        except OSError as e:
            if isinstance(e, (BlockingIOError, ConnectionAbortedError, InterruptedError)):
                return
            raise
        conn = TConn(self.cfg, sock, client, server)
        self.nr_conns += 1
        self._read(conn, _State(time.monotonic() + self.idle_timeout))

    def _read(self, conn, state: _State) -> None:
        with self._lock:
            self.reading[conn] = state
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._readable, conn))

    def _forget(self, conn) -> _State:
        with self._lock:
            state = self.reading.pop(conn, None)
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
        if state is not None and state.reserved:
            self.buffered -= state.reserved
            state.reserved = 0
        return state

    def _drop(self, conn, reply: Reply = None) -> None:
        """Close (after answering ``reply``, then draining what the client still sends)."""
        state = self._forget(conn)
        if reply is not None and state is not None:
            try:
                conn.sock.send(response_bytes(reply))  # best effort, never blocks
                conn.sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            else:
                state.buf = bytearray()
                state.drain = DRAIN_BYTES
                state.deadline = time.monotonic() + DRAIN_SECONDS
                self._read(conn, state)
                return
        self.nr_conns -= 1
        conn.close()

    def _readable(self, conn, _sock) -> None:
        state = self.reading.get(conn)
        if state is None:
            return
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(conn)
            return
        if not data or state.drain >= 0:
            state.drain -= len(data)
            if not data or state.drain < 0:
                self._drop(conn)
            return
        if state.idle:
            state.idle = False
            state.deadline = time.monotonic() + self.header_timeout
        state.buf += data
        self._advance(conn, state)

    def _advance(self, conn, state: _State) -> None:
        try:
            complete = self._complete(conn, state)
        except Reply as r:
            self._drop(conn, r)
            return
        if complete:
            self._hand_over(conn, state)

    def _complete(self, conn, state: _State) -> bool:
        buf = state.buf
        if state.need is None:
            ends = [i for i in (buf.find(b"\r\n\r\n"), buf.find(b"\n\n")) if i >= 0]
            if not ends:
                if len(buf) > MAX_HEAD:
                    raise Reply(431, "headers_too_large", "The request's headers are too large.",
                                "ส่วนหัวของคำขอมีขนาดใหญ่เกินไป")
                return False
            end = min(ends)
            head_end = end + (4 if buf[end:end + 4] == b"\r\n\r\n" else 2)
            if head_end > MAX_HEAD:
                raise Reply(431, "headers_too_large", "The request's headers are too large.",
                            "ส่วนหัวของคำขอมีขนาดใหญ่เกินไป")
            head = bytes(buf[:end])
            length, chunked, expect = self._framing(head)
            if chunked:
                raise Reply(411, "length_required", "Send the body with a Content-Length "
                            "(chunked bodies are not accepted).",
                            "ต้องระบุ Content-Length (ไม่รับข้อมูลแบบ chunked)")
            if length is None:  # no body, or framing gunicorn will refuse (400)
                state.need = head_end
            elif length > self._limit(head):
                raise too_large(0 if self._bodiless(head) else self._limit(head))
            else:
                if self.buffered + length > self.max_buffered:
                    raise Reply(503, "busy", "The registry is receiving too much at once; try "
                                "again in a moment.", "ทะเบียนกลางกำลังรับข้อมูลจำนวนมาก กรุณาลองใหม่อีกครั้ง",
                                headers={"Retry-After": "5"})
                state.reserved = length
                self.buffered += length
                state.need = head_end + length
                state.deadline = time.monotonic() + self.body_timeout + length / self.min_rate
                if expect and len(buf) < state.need:
                    try:
                        conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
                    except OSError:
                        pass
        return len(buf) >= state.need

    @staticmethod
    def _request_line(head: bytes):
        parts = head.split(b"\n", 1)[0].split()
        method = parts[0].upper() if parts else b""
        path = parts[1].split(b"?", 1)[0].rstrip(b"/") if len(parts) > 1 else b""
        return method, path

    def _bodiless(self, head: bytes) -> bool:
        return self._request_line(head)[0] in (b"GET", b"HEAD", b"OPTIONS", b"DELETE")

    def _limit(self, head: bytes) -> int:
        """The largest body read before the gateway sees the request: 16 MiB for a POST to a
        /bulk URL, 1 MiB for any other (the gateway then answers per route: 405 for a method
        the route does not take, 413 for a body where none is allowed or too long)."""
        method, path = self._request_line(head)
        if method == b"POST" and path.endswith(b"/bulk"):
            return self.max_bulk_body
        return self.max_body

    @staticmethod
    def _framing(head: bytes):
        """(Content-Length or None, chunked?, Expect: 100-continue?) of a header block; None
        also when the length is malformed or given twice differently (gunicorn refuses it)."""
        lengths, chunked, expect = set(), False, False
        for line in head.split(b"\n")[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip()
            if name == b"content-length":
                lengths.add(value)
            elif name == b"transfer-encoding":
                chunked = True
            elif name == b"expect" and value.lower() == b"100-continue":
                expect = True
        if len(lengths) != 1:
            return None, chunked, expect
        value = lengths.pop()
        if not value.isdigit() or len(value) > 15:
            return None, chunked, expect
        return int(value), chunked, expect

    def _hand_over(self, conn, state: _State) -> None:
        self._forget(conn)
        data = bytes(state.buf[:state.need])
        conn.cp_rest = bytearray(state.buf[state.need:])  # a pipelined next request
        conn.init()
        conn.sock.settimeout(self.send_timeout)
        conn.parser.unreader.unread(data)
        fs = self.tpool.submit(self.handle, conn)
        self._wrap_future(fs, conn)

    # -- after a request: keep alive by reading again, in the event loop -----------------------
    def finish_request(self, fs):
        if fs.cancelled():
            self.nr_conns -= 1
            fs.conn.close()
            return
        try:
            keepalive, conn = fs.result()
            if keepalive and self.alive:
                conn.sock.setblocking(False)
                rest = getattr(conn, "cp_rest", bytearray())
                state = _State(time.monotonic() + (self.cfg.keepalive or self.idle_timeout), rest)
                if rest:
                    state.deadline = time.monotonic() + self.header_timeout
                self._read(conn, state)
                if rest:
                    with self._lock:
                        self.pending.append(conn)
            else:
                self.nr_conns -= 1
                conn.close()
        except Exception:
            self.nr_conns -= 1
            fs.conn.close()

    def murder_keepalived(self):
        """Called by the event loop about once a second: deadlines, and pipelined requests."""
        super().murder_keepalived()
        with self._lock:
            pending, self.pending = self.pending, []
        for conn in pending:
            state = self.reading.get(conn)
            if state is not None:
                self._advance(conn, state)
        now = time.monotonic()
        for conn, state in list(self.reading.items()):
            if state.deadline < now:
                self._drop(conn, None if state.idle or state.drain >= 0 else late())

    # -- gunicorn's own refusals, as JSON ------------------------------------------------------
    def handle_error(self, req, client, addr, exc):
        if isinstance(exc, http_errors.LimitRequestHeaders):
            reply = Reply(431, "headers_too_large", "The request's headers are too large.",
                          "ส่วนหัวของคำขอมีขนาดใหญ่เกินไป")
        elif isinstance(exc, (http_errors.ParseException, http_errors.NoMoreData)) or \
                isinstance(exc, socket.timeout):
            self.log.debug("refused a malformed request from %s: %s", addr, exc)
            reply = Reply(400, "bad_http", f"The request is not valid HTTP: {exc}"[:200],
                          "คำขอไม่ใช่ HTTP ที่ถูกต้อง")
        else:
            self.log.exception("Error handling request")
            reply = Reply(500, "server_error", "The registry failed to handle the request "
                          "(server error).", "ระบบทะเบียนกลางขัดข้อง (ข้อผิดพลาดของเซิร์ฟเวอร์)")
        try:
            client.sendall(response_bytes(reply))
        except OSError:
            pass
