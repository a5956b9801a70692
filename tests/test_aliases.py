"""The same uscita seen twice (two URLs of one outlet) counts once in the review."""

from __future__ import annotations

import json
from pathlib import Path

from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.store import Store

TEXT = (
    "Il press tour del progetto LgNet2 ha fatto tappa a Cagliari, dove il Comune ha "
    "presentato lo sportello per i cittadini stranieri aperto nel quartiere della Marina, "
    "con mediatori culturali presenti ogni mattina e un servizio di orientamento al lavoro "
    "che in un anno ha seguito oltre trecento persone."
)


def test_same_text_twice_on_one_outlet_is_one_uscita(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text('[project]\nname = "Prova"\n[[terms]]\nterm = "LgNet2"\n',
                                     encoding="utf-8")
    campaign = load_campaign(tmp_path / "c.toml")
    store = Store(tmp_path / "s.db")
    for url, domain in (("https://www.sardegna.test/cagliari/lgnet2/", "sardegna.test"),
                        ("https://www.sardegna.test/cronaca/lgnet2-cagliari/", "sardegna.test"),
                        ("https://www.isola.test/lgnet2/", "isola.test")):
        store.save_article(campaign.slug, None, {
            "url": url, "outlet": domain, "domain": domain, "title": "LgNet2 a Cagliari",
            "published": "2023-11-28", "text": TEXT})
    pipeline.dedupe(store, campaign)
    assert len(store.uscite(campaign.slug)) == 2  # the other outlet's copy still counts
    pipeline.build(store, campaign, tmp_path / "out", ("json",))
    data = json.loads((tmp_path / "out" / "rassegna.json").read_text(encoding="utf-8"))
    assert data["summary"]["uscite"] == 2
    assert {row["url"] for row in data["listing"]} == {
        "https://www.sardegna.test/cagliari/lgnet2/", "https://www.isola.test/lgnet2/"}
    store.close()
