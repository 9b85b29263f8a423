"""``python -m explorer``: the same as the ``webex-explorer`` command."""

from explorer.cli import main

raise SystemExit(main())
