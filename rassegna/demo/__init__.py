"""A local demo news web for trying rassegna without touching the real internet.

Eight fictitious Italian outlets on ``.test`` host names, forty articles, the press
releases of the LgNet2 press tour and the outlets' copies of them. The web is data
plus templates:

* ``data/``: the demo campaign (``campaign.toml``), the outlet registry
  (``outlets.csv``), how each outlet's site is laid out (``outlets.toml``), the press
  releases (``releases.toml``) and each outlet's articles (``articles/*.toml``);
* ``templates/``: one Jinja2 layout per outlet, plus the feeds, sitemaps and
  robots.txt every outlet serves alike (``templates/feeds/``);
* :mod:`~rassegna.demo.model`: the records (outlet, release, article);
  :mod:`~rassegna.demo.content` reads the data files into them;
  :mod:`~rassegna.demo.pages` renders the templates;
  :mod:`~rassegna.demo.site` routes a URL to its page;
  :mod:`~rassegna.demo.server` serves the web on 127.0.0.1 as an HTTP proxy target
  (and, as :class:`~rassegna.demo.server.ProxyWeb`, any fixture web of the tests);
* :mod:`~rassegna.demo.clippings`: saved web clippings laid out again as pages, for
  the extraction evaluation and benchmark;
* ``python -m rassegna.demo``: the whole job on the demo web.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CAMPAIGN_FILE = DATA_DIR / "campaign.toml"
REGISTRY_FILE = DATA_DIR / "outlets.csv"

__all__ = ["CAMPAIGN_FILE", "DATA_DIR", "REGISTRY_FILE"]
