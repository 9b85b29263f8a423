"""The demo site's well-known names; the TUI and the tests use them."""

from __future__ import annotations

DEMO_SITE = "sandbox"
DEMO_ADMIN = "admin"
DEMO_PASSWORD = "sandbox"
#: Every seeded host (not the admin) has this password too.
DEMO_HOST_PASSWORD = "sandbox"
DEMO_HOSTS = ("alice", "bob", "chen", "dana", "erik")
#: A host whose only meeting type is E2EE (its PMR is disabled; enabling it fails with 110063).
DEMO_E2EE_USER = "eve"

#: An upcoming meeting (about an hour after the sandbox starts, hosted by the admin);
#: GetSessionInfo answers it with this meetingUUID (the example values of the 40.7.0 notes).
#: It takes registrations and has a registrationForm, so GetMeeting by that meetingUUID
#: shows one (the first-run path).
DEMO_SESSION_KEY = "805325231"
DEMO_MEETING_UUID = "039c00dd25c64ab0812dda22bb8a4fcc"
#: A second upcoming meeting (alice's) with registration on, a registrationForm and enrollments.
DEMO_REGISTRATION_MEETING_KEY = "1015045339"
#: The site option SupportXMLAPIReturnScheduledPMR is on in the demo seed.
DEMO_SESSION_COUNT = 320
DEMO_SEED = 4040
