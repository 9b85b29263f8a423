from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.fault_server import FaultServer, fault_server


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with fault_server() as server:
        yield server


CREATE_MEETING = """<?xml version="1.0" encoding="UTF-8"?>
<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <header><securityContext>
    <webExID>host</webExID><password>P4ssw0rd-Fault</password><siteName>acme</siteName>
  </securityContext></header>
  <body><bodyContent xsi:type="java:com.webex.service.binding.meeting.CreateMeeting">
    <metaData><confName>Fault test</confName></metaData>
    <schedule><startDate>01/01/2099 10:00:00</startDate><duration>30</duration></schedule>
  </bodyContent></body>
</serv:message>
"""


@pytest.fixture
def create_meeting_file(tmp_path: Path) -> Path:
    path = tmp_path / "create-meeting.xml"
    path.write_text(CREATE_MEETING, encoding="utf-8")
    return path
