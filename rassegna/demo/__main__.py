"""``python -m rassegna.demo``: the whole job on the embedded demo web.

Starts the demo news web on 127.0.0.1, crawls it through its proxy with the demo
campaign, builds the review, stops the server and says where the review is.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from common.errors import RassegnaError
from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.cli import progress_bars
from rassegna.demo.server import DemoWeb
from rassegna.store import opened_store

DATA = Path(__file__).parent / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("out"), help="folder for the review")
    parser.add_argument("--db", type=Path, default=None, help="store (default OUT/demo.db)")
    args = parser.parse_args(argv)
    db = args.db or args.out / "demo.db"
    campaign = load_campaign(DATA / "campaign.toml")
    with DemoWeb() as web:
        # every demo outlet lives under .test, reached through the demo server as a proxy
        os.environ["http_proxy"] = web.proxy_url
        for name in ("no_proxy", "NO_PROXY"):
            os.environ.pop(name, None)
        print(f"demo news web on {web.proxy_url} (as an HTTP proxy for *.test)")
        try:
            with opened_store(db) as store, progress_bars() as bars:
                results = pipeline.run(store, campaign, args.out, bars)
        except RassegnaError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    for result in results[:-1]:
        print(result.line())
    print(f"review written: {results[-1].detail} (store: {db})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
