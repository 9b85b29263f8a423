"""HTTP load for the sandbox figure, run in its own process (its own GIL) by sandbox_rps.

    python -m benchmarks.load_client URL BODY_FILE CLIENTS SECONDS EXPECT

Each of CLIENTS threads keeps one persistent ``http.client`` connection and POSTs BODY_FILE
in a loop for SECONDS after a common start; every answer must be HTTP 200 and contain the
EXPECT bytes, else it counts as an error. Prints one JSON object: requests, errors, seconds,
latencies_ms (all of them, for percentiles).
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit


def _client(
    url: str, body: bytes, expect: bytes, start: threading.Barrier, until: list[float],
    latencies: list[float], errors: list[str],
) -> None:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Content-Type": "text/xml;charset=UTF-8"}
    start.wait()
    while True:
        begin = time.perf_counter()
        if begin >= until[0]:
            break
        try:
            conn.request("POST", parts.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            continue
        latencies.append((time.perf_counter() - begin) * 1000)
        if response.status != 200 or expect not in data:
            errors.append(f"HTTP {response.status}")
    conn.close()


def run(url: str, body: bytes, clients: int, seconds: float, expect: bytes) -> dict:
    until = [0.0]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []

    def go() -> None:
        until[0] = time.perf_counter() + seconds

    barrier = threading.Barrier(clients + 1, action=go)
    threads = [
        threading.Thread(
            target=_client, args=(url, body, expect, barrier, until, latencies[i], errors)
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    begin = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    flat = [value for chunk in latencies for value in chunk]
    return {
        "requests": len(flat),
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": elapsed,
        "latencies_ms": flat,
    }


def main(argv: list[str]) -> int:
    url, body_file, clients, seconds, expect = argv
    with open(body_file, "rb") as handle:
        body = handle.read()
    result = run(url, body, int(clients), float(seconds), expect.encode())
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
