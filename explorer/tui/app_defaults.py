"""The explorer app's fixed names and delays."""

FIRST_COMMAND = "GetSessionInfo"
#: explorer.sandbox.demo.DEMO_SESSION_KEY (a test checks they agree). Not imported here:
#: importing explorer.sandbox runs its package init on the UI thread while the sandbox
#: thread is importing it too, and the first frame would wait for the import lock.
DEMO_SESSION_KEY = "805325231"
LINT_DELAY = 0.25  # seconds of quiet typing before the envelope is linted again
SANDBOX = "sandbox"
