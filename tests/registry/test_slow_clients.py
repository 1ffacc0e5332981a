"""Issue 16, item 3: slow clients do not stall the registry.  40 connections send their headers a
byte a second (no account needed) and 16 authenticated writes send their bodies 10 bytes a second,
while other clients read and write; every one of those is answered within its 5 s deadline, and
the server cuts the slow ones itself (408) within its own deadlines.  Bounded: about 25 s."""
import json
import socket
import threading
import time

import pytest
import requests

from registry_helpers import auth, new_feature

pytestmark = pytest.mark.registry

SLOW_HEADERS = 40
SLOW_BODIES = 16
ATTACK_S = 25.0  # the attack stops by itself after this long
DEADLINE_S = 5.0  # every other client's request must be answered within this


def _connect(registry):
    host, port = registry.url.rsplit("/", 1)[1].split(":")
    s = socket.create_connection((host, int(port)), timeout=5)
    s.setblocking(False)
    return s


class SlowClients:
    """The attacking connections, fed a few bytes a second from one thread until ``ATTACK_S``."""

    def __init__(self, registry):
        self.conns = []  # [socket, pending bytes, per tick, answer bytes, closed_at]
        basic = requests.auth._basic_auth_str(*auth("rayong"))
        for _ in range(SLOW_HEADERS):
            head = (b"GET /collections/service_points/items?f=json HTTP/1.1\r\nHost: x\r\n"
                    + b"X-Slow: " + b"a" * 4000 + b"\r\n\r\n")
            self.conns.append([_connect(registry), head, 1, b"", None])
        body = b"{" + b" " * 9998 + b"}"
        for _ in range(SLOW_BODIES):
            head = (b"POST /collections/service_points/items HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/geo+json\r\nAuthorization: " + basic.encode()
                    + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
            self.conns.append([_connect(registry), body, 10, b"", None])
            self._send_all(self.conns[-1][0], head)
        self.started = time.monotonic()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _send_all(sock, data):
        sock.setblocking(True)
        sock.sendall(data)
        sock.setblocking(False)

    def _run(self):
        while not self.stop.is_set() and time.monotonic() - self.started < ATTACK_S:
            for c in self.conns:
                if c[4] is not None:
                    continue
                try:
                    got = c[0].recv(65536)
                    if got:
                        c[3] += got
                    else:
                        c[4] = time.monotonic() - self.started
                        continue
                except BlockingIOError:
                    pass
                except OSError:
                    c[4] = time.monotonic() - self.started
                    continue
                if c[1]:
                    try:
                        n = c[0].send(c[1][:c[2]])
                        c[1] = c[1][n:]
                    except BlockingIOError:
                        pass
                    except OSError:
                        c[4] = time.monotonic() - self.started
            time.sleep(1.0)

    def close(self):
        self.stop.set()
        self.thread.join(10)
        for c in self.conns:
            c[0].close()


def test_slow_headers_and_slow_bodies_do_not_stall_other_clients(registry, http):
    point = registry.point_in("210101")
    attack = SlowClients(registry)
    attack.thread.start()
    latencies = []
    try:
        time.sleep(2.0)  # the slow clients are in place
        session = requests.Session()
        end = time.monotonic() + 12.0
        n = 0
        while time.monotonic() < end:
            t0 = time.monotonic()
            if n % 3 == 2:
                f = new_feature(point, "21", name_en=f"during the slow attack {n}")
                r = session.post(registry.items_url(), data=json.dumps(f), auth=auth("rayong"),
                                 headers={"Content-Type": "application/geo+json"},
                                 timeout=DEADLINE_S)
                assert r.status_code == 201, r.text
            else:
                r = session.get(registry.items_url(), params={"f": "json", "limit": 10},
                                timeout=DEADLINE_S)
                assert r.status_code == 200, r.text
            latencies.append(time.monotonic() - t0)
            n += 1
            time.sleep(0.2)
        # the server cuts every slow connection itself, with a JSON 408
        while (time.monotonic() - attack.started < ATTACK_S - 1
               and any(c[4] is None for c in attack.conns)):
            time.sleep(0.5)
    finally:
        attack.close()
    closed = [c[4] for c in attack.conns if c[4] is not None]
    answered = [c[3] for c in attack.conns if c[3]]
    print(f"\nslow clients: {len(latencies)} requests of other clients, slowest "
          f"{max(latencies):.2f} s, median {sorted(latencies)[len(latencies) // 2]:.3f} s; "
          f"{len(closed)}/{len(attack.conns)} slow connections closed by the server, the last "
          f"after {max(closed) if closed else float('nan'):.1f} s")
    assert len(latencies) >= 20
    assert len(closed) == len(attack.conns), "the server left slow connections open"
    assert len(answered) == len(attack.conns)
    for raw in answered:
        head, _, body = raw.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408"), raw[:200]
        assert b"application/json" in head
        assert json.loads(body)["message_th"]
