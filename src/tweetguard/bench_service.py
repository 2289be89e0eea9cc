"""``make bench`` (service part): a bounded load test of ``POST /api/v1/check`` on loopback.

Starts ``tweetguard serve`` on a free 127.0.0.1 port with a throw-away SQLite database, waits
for ``/healthz``, then lets ``--clients`` concurrent clients (asyncio streams, keep-alive,
closed loop: each sends its next draft when the last answer came) post real tweets from
``../shared/data`` until ``--requests`` checks are done. Prints requests per second and the
p50/p99 latency, and stops the server. Nothing leaves the machine.

    python -m tweetguard.bench_service --data ../shared/data --clients 50 --requests 5000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tweetguard.bench import read_corpus


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the service exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1.0) as answer:
                if answer.status == 200:
                    return
        except OSError:  # refused while starting, or not yet healthy
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the service did not answer {url}/healthz within {timeout:.0f} s")


@contextlib.contextmanager
def serving(workers: int = 1) -> Iterator[tuple[str, int]]:
    """``tweetguard serve`` on a free loopback port with a throw-away SQLite database, until
    the block ends: (its URL, its port)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "TWEETGUARD_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "TWEETGUARD_PORT": str(port),
        }
        command = [sys.executable, "-m", "tweetguard", "serve", "--workers", str(workers)]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        try:
            wait_healthy(url, proc)
            yield url, port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _request(port: int, text: str) -> bytes:
    body = json.dumps({"text": text, "created_at": "2026-11-24T10:15:00+01:00"}).encode()
    head = (
        f"POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def load(port: int, texts: list[str], clients: int, total: int) -> tuple[float, list[float]]:
    """``clients`` keep-alive connections, each sending its next request when the answer to
    the last one is in (HTTP/1.1 spoken directly on asyncio streams: a client library would
    spend more CPU than the server, on the same two cores)."""
    requests = [_request(port, t) for t in texts[: max(1, min(len(texts), total))]]
    latencies: list[float] = []
    next_index = 0

    async def client() -> None:
        nonlocal next_index
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while next_index < total:
                i = next_index
                next_index += 1
                start = time.perf_counter()
                writer.write(requests[i % len(requests)])
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                status = head.split(b" ", 2)[1]
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                if status != b"200":
                    raise RuntimeError(f"check answered {status.decode()}")
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return time.perf_counter() - start, latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args(argv)
    texts = read_corpus(args.data)[:20000]
    if not texts:
        print(f"no corpora found under {args.data}", file=sys.stderr)
        return 2
    with serving(workers=args.workers) as (_, port):
        asyncio.run(load(port, texts, args.clients, min(1000, args.requests)))  # warm up
        elapsed, lat = asyncio.run(load(port, texts, args.clients, args.requests))
    lat.sort()
    print(f"service load test (POST /api/v1/check, loopback, {args.workers} server processes)")
    print(f"  clients           {args.clients:>9}")
    print(f"  requests          {len(lat):>9,}")
    print(f"  throughput        {len(lat) / elapsed:>9,.0f} requests/s")
    print(f"  latency p50       {statistics.median(lat) * 1000:>9.1f} ms")
    print(f"  latency p99       {lat[int(len(lat) * 0.99) - 1] * 1000:>9.1f} ms  (target < 50)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
