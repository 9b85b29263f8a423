"""Synthetic XML API answers for the benchmarks.

``lstsummary_session_response(n)`` builds a LstsummarySession answer with ``n`` sessions,
each shaped like the example in the 40.x notes (ja:L520-606): the same elements in the same
order, a meetingUUID on every session, one-line like the real service's answers. Values vary
per session (keys, names, times) so nothing compresses into a handful of interned strings.
About 1.4 KB per session (the size of the example's own session): 10,000 sessions are
about 14 MB.
"""

from __future__ import annotations

import hashlib

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service"'
    ' xmlns:com="http://www.webex.com/schemas/2002/06/common"'
    ' xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep"'
    ' xmlns:meet="http://www.webex.com/schemas/2002/06/service/meeting">'
    "<serv:header><serv:response><serv:result>SUCCESS</serv:result>"
    "<serv:gsbStatus>PRIMARY</serv:gsbStatus></serv:response></serv:header>"
    "<serv:body>"
    '<serv:bodyContent xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:type="ep:lstsummarySessionResponse">'
    "<ep:matchingRecords><serv:total>{total}</serv:total><serv:returned>{n}</serv:returned>"
    "<serv:startFrom>1</serv:startFrom></ep:matchingRecords>"
)
_TAIL = "</serv:bodyContent></serv:body></serv:message>"

_SESSION = (
    "<ep:session>"
    "<ep:sessionKey>{key}</ep:sessionKey>"
    "<ep:MeetingUUID>{uuid}</ep:MeetingUUID>"
    "<ep:confName>{name}</ep:confName>"
    "<ep:sessionType>3</ep:sessionType>"
    "<ep:serviceType>MeetingCenter</ep:serviceType>"
    "<ep:hostWebExID>{host}</ep:hostWebExID>"
    "<ep:hostFirstName>{host}</ep:hostFirstName>"
    "<ep:hostLastName>{host}</ep:hostLastName>"
    "<ep:otherHostWebExID>{host}</ep:otherHostWebExID>"
    "<ep:timeZoneID>2</ep:timeZoneID>"
    "<ep:timeZone>GMT-10:00, Hawaii (Honolulu)</ep:timeZone>"
    "<ep:status>NOT_INPROGRESS</ep:status>"
    "<ep:startTime>{month:02d}/{day:02d}/2019 {hour:02d}:{minute:02d}:41</ep:startTime>"
    "<ep:duration>60</ep:duration>"
    "<ep:listStatus>PUBLIC</ep:listStatus>"
    "<ep:hostEmail>{host}@webex.com</ep:hostEmail>"
    "<ep:passwordReq>true</ep:passwordReq>"
    "<ep:hostJoined>false</ep:hostJoined>"
    "<ep:participantsJoined>false</ep:participantsJoined>"
    "<ep:confID>{conf_id}</ep:confID>"
    "<ep:registration>false</ep:registration>"
    "<ep:isRecurring>true</ep:isRecurring>"
    "<ep:hostType>1019001</ep:hostType>"
    "<ep:isAudioOnly>false</ep:isAudioOnly>"
    "<ep:isTCSingleRecurrence>false</ep:isTCSingleRecurrence>"
    "<ep:isAllowJBH>false</ep:isAllowJBH>"
    "<ep:isCETMeeting>true</ep:isCETMeeting>"
    "<ep:isException>false</ep:isException>"
    "<ep:isNextUpcomingInstance>false</ep:isNextUpcomingInstance>"
    "<ep:seriesMeetingKey>0</ep:seriesMeetingKey>"
    "<ep:recurrenceId>0</ep:recurrenceId>"
    "<ep:isScheduledPMR>true</ep:isScheduledPMR>"
    "</ep:session>"
)


def session_xml(index: int) -> str:
    """One ``ep:session`` element, distinct per index."""
    host = f"Molly{index:06d}"
    return _SESSION.format(
        key=805660167 + index,
        uuid=hashlib.md5(index.to_bytes(8, "big")).hexdigest(),
        name=f"Team Meeting {index}",
        host=host,
        month=1 + index % 12,
        day=1 + index % 28,
        hour=index % 24,
        minute=index % 60,
        conf_id=141672108716459038 + index * 7919,
    )


def lstsummary_session_response(n: int, *, total: int | None = None) -> bytes:
    """A LstsummarySession SUCCESS answer with ``n`` sessions, UTF-8 bytes."""
    parts = [_HEAD.format(total=total if total is not None else max(n, 1787), n=n)]
    parts.extend(session_xml(i) for i in range(n))
    parts.append(_TAIL)
    return "".join(parts).encode("utf-8")


def wide_element_response(children: int) -> bytes:
    """An answer whose bodyContent holds ``children`` direct children (for the tree figure)."""
    return lstsummary_session_response(children)


def envelope_lines(lines: int = 300) -> str:
    """A CreateMeeting request of about ``lines`` lines (its attendee list makes the length).

    Pretty-printed 4 spaces per level like the explorer's templates, with a securityContext
    using the ``{{password}}`` variable, so highlighting, lint and variables all have work.
    """
    head = """<?xml version="1.0" encoding="UTF-8"?>
<serv:message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:serv="http://www.webex.com/schemas/2002/06/service">
    <header>
        <securityContext>
            <siteName>sandbox</siteName>
            <webExID>admin</webExID>
            <password>{{password}}</password>
        </securityContext>
    </header>
    <body>
        <bodyContent xsi:type="java:com.webex.service.binding.meeting.CreateMeeting">
            <accessControl>
                <meetingPassword>pass123!</meetingPassword>
            </accessControl>
            <metaData>
                <confName>Quarterly review with every attendee</confName>
                <agenda>Numbers, plans, questions</agenda>
            </metaData>
            <schedule>
                <startDate>12/31/2030 10:00:00</startDate>
                <duration>60</duration>
                <timeZoneID>4</timeZoneID>
            </schedule>
            <participants>
                <attendees>
"""
    tail = """                </attendees>
            </participants>
        </bodyContent>
    </body>
</serv:message>
"""
    attendee = """                    <attendee>
                        <person>
                            <name>Attendee {i:03d}</name>
                            <email>attendee{i:03d}@example.com</email>
                        </person>
                        <role>ATTENDEE</role>
                    </attendee>
"""
    used = head.count("\n") + tail.count("\n")
    count = max(1, -(-(lines - used) // attendee.count("\n")))
    return head + "".join(attendee.format(i=i) for i in range(count)) + tail
