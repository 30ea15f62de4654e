"""The speed benchmark: synthetic positions files and the figures of issue 5.

Run it with `python -m benchmarks` (see docs/performance.md). Not part of the
package that is installed: it measures `summit`, it is not used by it.
"""
