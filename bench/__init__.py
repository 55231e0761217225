"""The benchmark suite: JSON -> Report -> findings, side by side with pydantic v2 and msgspec.

Run it with ``python -m bench`` from the repository's root, with the
``bench`` extra installed (``pip install -e '.[bench]'``);
docs/performance.md explains the method and the figures. Not part of
the test run: pytest collects only ``tests``, ``docs`` and the README.
"""
