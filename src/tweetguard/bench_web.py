"""``make bench`` (pages part): the time from a keystroke to its findings shown, in Chromium.

Starts ``tweetguard serve`` on a free 127.0.0.1 port with a throw-away SQLite database and
opens the check page in Debian's Chromium (headless, through Playwright; no browser is
downloaded). For each of ``--drafts`` real tweets from ``../shared/data`` it puts all but the
last character in the text box, waits until their findings are shown, then types the last
character and measures, in the page, from that keystroke's ``input`` event to the moment the
new findings are swapped in and settled (the page's 80 ms debounce, the request, the check,
the rendering). Prints the median, p95 and maximum; the target is under 150 ms.

    python -m tweetguard.bench_web --data ../shared/data --drafts 200
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

from tweetguard.bench import read_corpus
from tweetguard.bench_service import serving

CHROMIUM = os.environ.get("TWEETGUARD_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TARGET_MS = 150.0


def measure(url: str, texts: list[str]) -> list[float]:
    """Keystroke-to-findings times in milliseconds, one per text."""
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(base_url=url)
        page.goto("/")
        box = page.locator("#text")
        for text in texts:
            box.fill(text[:-1])  # one input event: wait until its findings are in
            page.wait_for_function(
                "n => document.querySelector('#results .report') && "
                "document.querySelector('#results .report').dataset.units == n",
                arg=str(len(text[:-1].encode("utf-16-le")) // 2),
            )
            page.evaluate("window.tgTimings = []")
            box.press("End")
            box.press_sequentially(text[-1])
            page.wait_for_function("window.tgTimings.length > 0")
            times.append(float(page.evaluate("window.tgTimings[0]")))
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--drafts", type=int, default=200)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium (make test installs it)")
        return 2
    corpus = [t for t in read_corpus(args.data) if 2 <= len(t) <= 280 and "\n" not in t]
    if not corpus:
        print(f"no corpora found under {args.data}", file=sys.stderr)
        return 2
    texts = random.Random(6).sample(corpus, min(args.drafts, len(corpus)))
    with serving() as (url, _):
        measure(url, texts[:10])  # warm up
        times = sorted(measure(url, texts))
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print("check page: keystroke to findings shown (Chromium headless, loopback, 1 process)")
    print(f"  drafts            {len(times):>9,}")
    print(f"  median            {statistics.median(times):>9.1f} ms")
    print(f"  p95               {p95:>9.1f} ms  (target < {TARGET_MS:.0f})")
    print(f"  max               {times[-1]:>9.1f} ms")
    print("  of which debounce        80.0 ms  (the page waits for a pause in typing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
