"""Benchmarks: the generator's speed, and Django vs Flask measured on the generated projects.

Run ``python -m benchmarks`` (full, a few minutes) or ``python -m benchmarks --quick``.
"""
