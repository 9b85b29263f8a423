"""The explorer's core: templates, envelopes, responses, lint, profiles, sending, history.

Pure Python on lxml and httpx. Nothing here imports Textual.
"""
