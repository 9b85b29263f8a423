"""Demo data: deterministic (fixed seed), times relative to the sandbox clock, fast."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable

from explorer.sandbox import demo, ids

MEETING_TYPES = ((3, "Pro Meeting", 0), (11, "Pro Meeting (E2EE)", 1), (13, "Training", 0),
                 (14, "Event", 0), (15, "Support", 0))
E2EE_TYPES = frozenset(t for t, _, e2ee in MEETING_TYPES if e2ee)

# (webExID, first, last, timeZoneID, meeting types, site admin)
_PEOPLE = (
    (demo.DEMO_ADMIN, "Site", "Admin", 4, "3,13,14,15", 1),
    ("alice", "Alice", "Martin", 4, "3,13", 0),
    ("bob", "Bob", "Nakamura", 49, "3", 0),
    ("chen", "Chen", "Wei", 45, "3,14", 0),
    ("dana", "Dana", "Kowalski", 25, "3,15", 0),
    ("erik", "Erik", "Larsen", 21, "3", 0),
    (demo.DEMO_E2EE_USER, "Eve", "Okafor", 11, "11", 0),
)
_TOPICS = ("Weekly sync", "Design review", "Customer call", "Sprint planning", "All hands",
           "Onboarding", "Release readiness", "Quarterly review", "Support escalation",
           "Partner briefing", "Roadmap", "Security training", "Webinar rehearsal", "1:1")
_TEAMS = ("Platform", "Mobile", "Billing", "Sales EMEA", "Support", "Data", "Marketing")
_SERVICES = (("MeetingCenter", 3, 70), ("TrainingCenter", 13, 10), ("EventCenter", 14, 10),
             ("SupportCenter", 15, 5), ("SalesCenter", 3, 5))
_FIRST = ("Alex", "Maria", "Kenji", "Sofia", "Omar", "Lena", "Priya", "Jonas", "Ines", "Tom")
_LAST = ("Yang", "Garcia", "Sato", "Rossi", "Haddad", "Novak", "Iyer", "Berg", "Costa", "Reed")
_FORM = {"title": True, "company": True, "address1": False, "address2": False, "city": True,
         "state": True, "postalCode": False, "country": False, "phone": False, "fax": False}


def _round(epoch: float, step: int = 300) -> float:
    return float(int(epoch) // step * step)


Hasher = Callable[[str], str]


def base(conn: sqlite3.Connection, now: float, admin_password: str, hasher: Hasher) -> None:
    """What every sandbox has: the meeting types and the site admin."""
    conn.executemany("INSERT OR IGNORE INTO meeting_types(id, name, e2ee) VALUES (?, ?, ?)",
                     MEETING_TYPES)
    rng = random.Random(demo.DEMO_SEED - 1)
    _insert_users(conn, rng, now, _PEOPLE[:1], admin_password, hasher)


def _insert_users(conn: sqlite3.Connection, rng: random.Random, now: float,
                  people: tuple[tuple[str, str, str, int, str, int], ...],
                  admin_password: str, hasher: Hasher) -> None:
    rows = []
    for webex_id, first, last, tz_id, types, admin in people:
        e2ee_only = all(int(t) in E2EE_TYPES for t in types.split(","))
        password = admin_password if webex_id == demo.DEMO_ADMIN else demo.DEMO_HOST_PASSWORD
        rows.append((webex_id, f"{webex_id}@{demo.DEMO_SITE}.example.com", hasher(password),
                     first, last,
                     admin, tz_id, types, 0 if e2ee_only else 1, str(ids.session_key(rng)),
                     ids.meeting_uuid(rng), now - 400 * 86400, int(now * 1000) - 86_400_000))
    conn.executemany(
        "INSERT OR IGNORE INTO users(webex_id, email, password, first_name, last_name, site_admin,"
        " timezone_id, meeting_types, pmr_enabled, pmr_key, pmr_uuid, registered,"
        " avatar_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def demo_site(conn: sqlite3.Connection, now: float, admin_password: str,
              hasher: Hasher) -> None:
    rng = random.Random(demo.DEMO_SEED)
    base(conn, now, admin_password, hasher)
    _insert_users(conn, rng, now, _PEOPLE[1:], admin_password, hasher)
    hosts = [p[0] for p in _PEOPLE if p[0] != demo.DEMO_E2EE_USER]
    zones = {p[0]: p[3] for p in _PEOPLE}
    start0 = _round(now)
    sessions: list[tuple[object, ...]] = []
    used: set[int] = {int(demo.DEMO_SESSION_KEY), int(demo.DEMO_REGISTRATION_MEETING_KEY)}

    def row(key: int, uuid: str, service: str, stype: int, name: str, host: str, start: float,
            duration: int, *, registration: int = 0, form: str | None = None,
            pmr: int = 0, listing: str = "PUBLIC", recurring: int = 0) -> tuple[object, ...]:
        return (key, uuid, ids.conf_id(rng), service, stype, name, host, start, duration,
                zones.get(host, 4), ids.meeting_password(rng), ids.audio_password(rng),
                1, 0, listing, registration, 0, 1, form, "", recurring, pmr,
                ids.token_hex(rng), start - 7 * 86400)

    # The first-run path (GetSessionInfo -> its meetingUUID -> GetMeeting) ends on a
    # registrationForm, so the demo session itself takes registrations.
    sessions.append(row(int(demo.DEMO_SESSION_KEY), demo.DEMO_MEETING_UUID, "MeetingCenter", 3,
                        "Sandbox demo: weekly sync", demo.DEMO_ADMIN, start0 + 3600, 60,
                        registration=1, form=json.dumps(_FORM)))
    sessions.append(row(int(demo.DEMO_REGISTRATION_MEETING_KEY), ids.meeting_uuid(rng),
                        "MeetingCenter", 3, "Product launch webinar (registration)", "alice",
                        start0 + 86400 + 1800, 90, registration=1, form=json.dumps(_FORM)))
    for i in range(6):  # scheduled personal-room meetings
        host = hosts[i % len(hosts)]
        key = _new_key(rng, used)
        sessions.append(row(key, ids.meeting_uuid(rng), "MeetingCenter", 3,
                            f"{host.title()}'s Personal Room", host,
                            start0 + (i + 1) * 7200 - 86400 * (i % 2), 30, pmr=1))
    while len(sessions) < demo.DEMO_SESSION_COUNT:
        service, stype, _ = rng.choices(_SERVICES, weights=[s[2] for s in _SERVICES])[0]
        host = rng.choice(hosts)
        offset_days = rng.uniform(-60, 60)
        start = _round(now + offset_days * 86400 + rng.randrange(0, 8) * 3600, 900)
        name = f"{rng.choice(_TEAMS)} {rng.choice(_TOPICS).lower()}"
        listing = rng.choices(("PUBLIC", "PRIVATE", "UNLISTED"), weights=(7, 2, 1))[0]
        sessions.append(row(_new_key(rng, used), ids.meeting_uuid(rng), service, stype, name, host,
                            start, rng.choice((30, 45, 60, 60, 90, 120)), listing=listing,
                            recurring=int(rng.random() < 0.2)))
    conn.executemany(
        "INSERT INTO sessions(session_key, uuid, conf_id, service_type, session_type, conf_name,"
        " host, start, duration, timezone_id, password, audio_password, enforce_audio_password,"
        " enforce_audio_login, list_status, registration, auto_accept, email_invitations,"
        " registration_form, agenda, is_recurring, is_scheduled_pmr, guest_token, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sessions)
    _people_around(conn, rng, now, sessions)


def _new_key(rng: random.Random, used: set[int]) -> int:
    while True:
        key = ids.session_key(rng)
        if key not in used:
            used.add(key)
            return key


def _person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return first, last, f"{first.lower()}.{last.lower()}{rng.randrange(100)}@example.org"


def _ip(rng: random.Random) -> str:
    return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def _people_around(conn: sqlite3.Connection, rng: random.Random, now: float,
                   sessions: list[tuple[object, ...]]) -> None:
    attendees, history, recordings, enrollments = [], [], [], []
    for session in sessions:
        key, start, duration = session[0], float(session[7]), int(session[8])  # type: ignore[arg-type]
        if rng.random() < 0.35 or key == int(demo.DEMO_SESSION_KEY):
            for _ in range(rng.randrange(1, 5)):
                first, last, email = _person(rng)
                attendees.append((key, f"{first} {last}", email))
        if start + duration * 60 < now and rng.random() < 0.5:
            for _ in range(rng.randrange(1, 6)):
                first, last, email = _person(rng)
                join = start + rng.randrange(0, 600)
                history.append((key, f"{first} {last}", email, _ip(rng), join,
                                join + rng.randrange(300, duration * 60 + 1)))
            if rng.random() < 0.3:
                recordings.append((key, f"{session[5]} recording", session[6],
                                   start + duration * 60, round(rng.uniform(5, 400), 1),
                                   duration * 60))
    for _ in range(7):
        first, last, email = _person(rng)
        enrollments.append((int(demo.DEMO_REGISTRATION_MEETING_KEY), first, last, email,
                            rng.choice(("", "Acme", "Globex", "Initech")), "", "", "", "",
                            _ip(rng), now - rng.randrange(3600, 5 * 86400)))
    conn.executemany("INSERT INTO attendees(session_key, name, email) VALUES (?, ?, ?)", attendees)
    conn.executemany(
        "INSERT INTO attendee_history(session_key, name, email, ip, join_time, leave_time)"
        " VALUES (?, ?, ?, ?, ?, ?)", history)
    conn.executemany(
        "INSERT INTO recordings(session_key, name, host, created, size_mb, duration)"
        " VALUES (?, ?, ?, ?, ?, ?)", recordings)
    conn.executemany(
        "INSERT INTO enrollments(session_key, first_name, last_name, email, company, title, city,"
        " state, country, ip, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", enrollments)
    access = []
    for _ in range(240):
        host = rng.choice((demo.DEMO_ADMIN, "alice", "bob", "chen", "dana", "erik"))
        start = _round(now - rng.uniform(0, 90) * 86400, 60) + rng.randrange(60)
        access.append((host, str(rng.randrange(100000, 999999)), host,
                       f"{rng.randrange(1000, 9999)}_{host}", _ip(rng), start,
                       start + rng.randrange(60, 4 * 3600)))
    conn.executemany(
        "INSERT INTO aa_history(host, conf_id, user_name, computer_name, client_ip, start, end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", access)
