"""Sandbox GetSessionInfo throughput over loopback vs a minimal stdlib server.

The sandbox runs in this process, as the explorer runs it (``start_sandbox``, threads). The
baseline is ``http.server.ThreadingHTTPServer`` (HTTP/1.1, keep-alive) answering every POST
with a fixed body: the sandbox's own answer to the same request. The load comes from another
process (benchmarks/load_client.py: 8 threads, one persistent connection each), so the
clients do not compete with the server for this process's GIL. Figure: requests/second of
the sandbox divided by the baseline's; p50/p99 latency reported for both.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.fixed_server import serve_fixed
from benchmarks.model import Check, Figure, Settings, skipped
from benchmarks.stats import median, percentile

TITLE = "sandbox GetSessionInfo req/s, 8 clients vs a stdlib fixed-body server"
ROOT = Path(__file__).resolve().parent.parent

ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<serv:message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:serv="http://www.webex.com/schemas/2002/06/service">
    <header>
        <securityContext>
            <siteName>{site}</siteName>
            <webExID>{user}</webExID>
            <password>{password}</password>
        </securityContext>
    </header>
    <body>
        <bodyContent xsi:type="java:com.webex.service.binding.ep.GetSessionInfo">
            <sessionKey>{session_key}</sessionKey>
        </bodyContent>
    </body>
</serv:message>
"""


def _post_once(url: str, body: bytes) -> tuple[int, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("POST", parts.path, body=body, headers={"Content-Type": "text/xml"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _load(url: str, body_file: Path, clients: int, seconds: float, expect: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.load_client", url, str(body_file), str(clients),
         str(seconds), expect],
        capture_output=True, text=True, cwd=ROOT, timeout=seconds + 120, check=True,
    )
    result = json.loads(out.stdout)
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    return result


def run(settings: Settings) -> Figure:
    try:
        from explorer.sandbox import SandboxConfig, start_sandbox
        from explorer.sandbox.demo import DEMO_ADMIN, DEMO_PASSWORD, DEMO_SESSION_KEY, DEMO_SITE
    except ImportError as exc:
        return skipped("sandbox", TITLE, f"not importable yet: {exc}")
    envelope = ENVELOPE.format(
        site=DEMO_SITE, user=DEMO_ADMIN, password=DEMO_PASSWORD, session_key=DEMO_SESSION_KEY
    ).encode()
    sandbox = start_sandbox(SandboxConfig())
    try:
        status, answer = _post_once(sandbox.url, envelope)
        if status != 200 or b"SUCCESS" not in answer:
            raise RuntimeError(f"the sandbox did not answer GetSessionInfo with SUCCESS: "
                               f"HTTP {status} {answer[:200]!r}")
        fixed = serve_fixed(answer)
        fixed_url = f"http://127.0.0.1:{fixed.server_address[1]}/WBXService/XMLService"
        try:
            with tempfile.NamedTemporaryFile(suffix=".xml") as handle:
                handle.write(envelope)
                handle.flush()
                body_file = Path(handle.name)
                clients, seconds = settings.sandbox_clients, settings.sandbox_seconds
                rounds: dict[str, list[dict]] = {"sandbox": [], "baseline": []}
                # Two rounds each, alternating, to spread the machine's drift over both.
                for order in (("baseline", "sandbox"), ("sandbox", "baseline")):
                    for name in order:
                        url = sandbox.url if name == "sandbox" else fixed_url
                        rounds[name].append(_load(url, body_file, clients, seconds, "SUCCESS"))
        finally:
            fixed.shutdown()
            fixed.server_close()
    finally:
        sandbox.stop()

    def summary(results: list[dict]) -> dict:
        latencies = [v for r in results for v in r["latencies_ms"]]
        return {
            "rps": median([r["rps"] for r in results]),
            "requests": sum(r["requests"] for r in results),
            "errors": sum(r["errors"] for r in results),
            "first_errors": [e for r in results for e in r["first_errors"]][:3],
            "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99),
            "max_ms": max(latencies) if latencies else None,
        }

    ours, base = summary(rounds["sandbox"]), summary(rounds["baseline"])
    figure = Figure(
        "sandbox",
        TITLE,
        checks=[
            Check("sandbox / stdlib req/s", ours["rps"] / base["rps"], "x", ">=", 0.5),
            Check("sandbox req/s", ours["rps"], ""),
            Check("stdlib req/s", base["rps"], ""),
            Check("sandbox p99 latency", ours["p99_ms"], " ms"),
            Check("stdlib p99 latency", base["p99_ms"], " ms"),
            Check("sandbox errors", float(ours["errors"]), "", "<=", 0),
        ],
        details={
            "clients": clients,
            "seconds_per_round": seconds,
            "rounds": 2,
            "sandbox": ours,
            "baseline": base,
            "answer_bytes": len(answer),
            "request_bytes": len(envelope),
        },
    )
    return figure
