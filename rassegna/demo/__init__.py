"""A local demo news web for trying rassegna without touching the real internet.

Eight fictitious Italian outlets on ``.test`` host names, about forty articles, the
press releases of the LgNet2 press tour and their copies; :mod:`rassegna.demo.site`
holds the content and renders the pages, :mod:`rassegna.demo.server` serves them on
127.0.0.1 as an HTTP proxy target. ``data/`` holds the demo campaign file and the
outlet registry.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CAMPAIGN_FILE = DATA_DIR / "campaign.toml"
REGISTRY_FILE = DATA_DIR / "outlets.csv"

__all__ = ["CAMPAIGN_FILE", "DATA_DIR", "REGISTRY_FILE"]
