"""The explorer app's fixed names and delays."""

FIRST_COMMAND = "GetSessionInfo"
#: explorer.sandbox.demo.DEMO_SESSION_KEY (a test checks they agree). Not imported here:
#: the sandbox runs in a child process and the explorer never loads its modules.
DEMO_SESSION_KEY = "805325231"
LINT_DELAY = 0.25  # seconds of quiet typing before the envelope is linted again
SANDBOX = "sandbox"
#: The tree tab until the first answer (the tree itself is built then).
TREE_WAITING = "no response yet · Ctrl+R sends the request in the editor"
