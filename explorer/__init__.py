"""webex-xml-explorer: explore the Cisco Webex Meetings XML API from the terminal."""

__version__ = "0.1.0"
