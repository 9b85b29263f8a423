"""Every XML example of the 40.x notes through every parsing path: request parsing, response
decoding, pretty-printing, `inspect`, and the sandbox over HTTP. No crash, bounded time."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from explorer.core.envelope import parse_envelope, pretty_xml
from explorer.core.errors import ExplorerError
from explorer.core.response import decode_response
from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox
from tests.fixtures.notes_samples import notes_samples, requires_notes
from tests.security.helpers import assert_clean_exit, run_cli

pytestmark = requires_notes
SAMPLES = notes_samples()


def _declared_only(call) -> object:
    start = time.perf_counter()
    try:
        return call()
    except ExplorerError as exc:
        assert "\n" not in str(exc)
        return exc
    finally:
        assert time.perf_counter() - start < 5


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxConfig()) as handle:
        yield handle


@pytest.mark.timeout(60)
def test_every_example_parses_or_gets_a_declared_error(sandbox: SandboxHandle) -> None:
    assert len(SAMPLES) >= 10
    requests = responses = 0
    with httpx.Client(timeout=10) as client:
        for sample in SAMPLES:
            _declared_only(lambda s=sample: pretty_xml(s.text))
            if sample.is_response:
                responses += 1
                _declared_only(lambda s=sample: decode_response(s.text))
                continue
            requests += 1
            _declared_only(lambda s=sample: parse_envelope(s.text))
            reply = client.post(sandbox.url, content=sample.text.encode("utf-8"))
            assert reply.status_code in (200, 403), (sample.id, reply.status_code)
            if reply.status_code == 200:
                assert decode_response(reply.content).result in ("SUCCESS", "FAILURE")
    assert requests and responses


@pytest.mark.timeout(60)
def test_every_response_example_through_inspect(tmp_path) -> None:
    for sample in (s for s in SAMPLES if s.is_response):
        path = tmp_path / f"{sample.start_line}.xml"
        path.write_text(sample.text, encoding="utf-8")
        run = run_cli("inspect", str(path), "--json")
        assert_clean_exit(run, (0, 2))
