"""Benchmarks of wagtail_opengov (not part of the installed package). See docs/performance.md."""
