"""Scanning archives and feeds (issue 7): every post of the sources through the engine on
all cores, findings to JSONL (redacted, fingerprinted), figures for a report.

- ``core``: one post through the engine → :class:`~tweetguard.scan.core.Scanned`, and the
  findings' records and fingerprints (pure: also used by the Spark job).
- ``stats``: the figures a scan counts as it goes (bounded memory).
- ``run``: the scan itself: readers → process pool → findings file + figures.
- ``report``: the self-contained HTML report and the Markdown summary.
"""
