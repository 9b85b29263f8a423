"""Benchmarks for the explorer: each figure is a ratio against a baseline run alongside it.

Run ``python -m benchmarks`` from the repository root; see docs/benchmarks.md.
"""
