"""The benchmarks are run by ``make bench`` (run.py), never collected by pytest."""

collect_ignore_glob = ["*"]
