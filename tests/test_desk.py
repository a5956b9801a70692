"""The desk over HTTP: ``rassegna serve --desk`` on the demo's store, as a user reaches it.

The server is the real command on a free port of 127.0.0.1; the client keeps its
cookies like a browser. Accounts, sessions, CSRF, roles, the login brake, and that a
decision taken at the desk is the one ``rassegna correct`` takes.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from common.errors import RassegnaError
from rassegna import pipeline
from rassegna.campaign import load_campaign
from rassegna.cli import app
from rassegna.demo import CAMPAIGN_FILE
from rassegna.demo.server import DemoWeb
from rassegna.desk.accounts import LoginBrake, add_user, check_password
from rassegna.store import open_store
from tests.sites import as_proxy
from tests.test_archive import Served, serving

EDITOR, VIEWER = ("giulia", "redattrice-del-tour"), ("marco", "solo-lettura-2023")


class Desk(Served):
    """``rassegna serve --desk`` running on a store."""

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.origin, follow_redirects=False, trust_env=False)


def demo_store(folder: Path) -> Path:
    with as_proxy(DemoWeb()):
        store = open_store(folder / "demo.db")
        pipeline.run(store, load_campaign(CAMPAIGN_FILE), folder / "out")
        add_user(store, *EDITOR[:1], "editor", EDITOR[1])
        add_user(store, VIEWER[0], "viewer", VIEWER[1])
        store.close()
    return folder / "demo.db"


def serving_desk(db: Path, **env: str) -> Iterator[Desk]:
    for served in serving(db, db.with_suffix(".log"), "--desk",
                          RASSEGNA_SECRET="a-secret-for-the-tests-only", **env):
        yield Desk(served.db, served.origin, served.log)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    db = demo_store(tmp_path_factory.mktemp("desk"))
    with DemoWeb() as web:  # pages added by URL are fetched from the demo web
        yield from serving_desk(db, http_proxy=web.proxy_url)


def token(page: str) -> str:
    found = re.search(r'name="csrftoken" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def logged_in(desk: Desk, who: tuple[str, str]) -> httpx.Client:
    client = desk.client()
    form = client.get("/-/desk/login")
    answer = client.post("/-/desk/login", data={"csrftoken": token(form.text), "name": who[0],
                                                "password": who[1], "next": "/-/desk/"})
    assert answer.status_code == 302 and answer.headers["location"] == "/-/desk/", answer.text
    return client


def totals_of(page: str) -> dict[str, tuple[int, str]]:
    table = page.split('id="totali"', 1)[1].split("</table>", 1)[0]
    return {name: (int(n), audience) for name, n, audience in re.findall(
        r'<td>([^<]+)</td><td class="num">(\d+)</td><td class="num">([\d.]+)</td>', table)}


def first_uscita(page: str) -> int:
    found = re.search(r'<tr data-id="(\d+)">', page)
    assert found
    return int(found.group(1))


def test_nothing_is_shown_without_an_account(desk: Desk) -> None:
    with desk.client() as client:
        answer = client.get("/-/desk/")
        assert answer.status_code == 302
        assert answer.headers["location"].startswith("/-/desk/login?next=")
        assert client.get("/-/desk/uscita/1").status_code == 302
        assert client.get("/-/desk/rassegne").status_code == 302


def test_a_session_cookie_is_httponly_and_samesite_and_the_pages_run_no_script(
    desk: Desk,
) -> None:
    client = desk.client()
    form = client.get("/-/desk/login")
    answer = client.post("/-/desk/login", data={"csrftoken": token(form.text),
                                                "name": EDITOR[0], "password": EDITOR[1]})
    cookie = next(v for k, v in answer.headers.multi_items()
                  if k == "set-cookie" and v.startswith("ds_actor="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    page = client.get("/-/desk/")
    assert page.status_code == 200
    assert "script-src 'none'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "<script" not in page.text


def test_a_wrong_password_and_an_unknown_name_answer_alike(desk: Desk) -> None:
    with desk.client() as client:
        for name in (EDITOR[0], "nessuno"):
            form = client.get("/-/desk/login")
            answer = client.post("/-/desk/login", data={
                "csrftoken": token(form.text), "name": name, "password": "non-la-password"})
            assert answer.status_code == 401 and "Nome o password non validi" in answer.text


def test_repeated_failures_for_a_name_are_braked(desk: Desk) -> None:
    with desk.client() as client:
        statuses = []
        for _ in range(6):
            form = client.get("/-/desk/login")
            statuses.append(client.post("/-/desk/login", data={
                "csrftoken": token(form.text), "name": "ospite", "password": "x" * 12
            }).status_code)
        assert statuses == [401] * 5 + [429]


def test_a_login_posted_from_elsewhere_is_refused(desk: Desk) -> None:
    with desk.client() as client:  # no cookie from the login page: not our form
        answer = client.post("/-/desk/login", data={"name": EDITOR[0], "password": EDITOR[1]})
        assert answer.status_code == 403 and "ds_actor" not in answer.headers.get(
            "set-cookie", "")


def test_a_forged_post_without_the_csrf_token_changes_nothing(desk: Desk) -> None:
    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/?campagna=lgnet2")
    before = totals_of(page.text)
    answer = client.post(f"/-/desk/uscita/{first_uscita(page.text)}/correggi",
                         data={"field": "excluded", "value": "1", "campagna": "lgnet2"})
    assert answer.status_code == 403
    assert totals_of(client.get("/-/desk/?campagna=lgnet2").text) == before


def test_a_viewer_reads_and_cannot_decide(desk: Desk) -> None:
    client = logged_in(desk, VIEWER)
    page = client.get("/-/desk/?campagna=lgnet2")
    assert page.status_code == 200
    article = first_uscita(page.text)
    detail = client.get(f"/-/desk/uscita/{article}?campagna=lgnet2")
    assert detail.status_code == 200 and "Escludi dalla rassegna" not in detail.text
    answer = client.post(f"/-/desk/uscita/{article}/correggi", data={
        "csrftoken": token(page.text), "field": "excluded", "value": "1", "campagna": "lgnet2"})
    assert answer.status_code == 403 and "Solo un redattore" in answer.text
    assert totals_of(client.get("/-/desk/?campagna=lgnet2").text) == totals_of(page.text)
    built = client.post("/-/desk/rassegne/crea", data={"csrftoken": token(page.text),
                                                        "campagna": "lgnet2"})
    assert built.status_code == 403


def test_totals_follow_the_filters_and_the_archive_is_still_read_only(desk: Desk) -> None:
    client = logged_in(desk, EDITOR)
    everything = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    assert everything["Totale"][0] == sum(n for c, (n, _) in everything.items() if c != "Totale")
    agenzie = totals_of(client.get("/-/desk/", params={
        "campagna": "lgnet2", "categoria": "Agenzie"}).text)
    assert agenzie["Totale"] == everything["Agenzie"] == (3, "457.020")
    searched = client.get("/-/desk/", params={"campagna": "lgnet2", "q": "Fontivegge"})
    assert 1 <= totals_of(searched.text)["Totale"][0] < everything["Totale"][0]
    for typed in ('"(AND', "NEAR(", "sportello OR", "*", 'città "'):  # not FTS syntax here
        answer = client.get("/-/desk/", params={"campagna": "lgnet2", "q": typed})
        assert answer.status_code == 200, typed
    assert client.post("/demo/uscite", data={"x": "1"}).status_code == 403


def test_a_decision_at_the_desk_is_the_one_the_command_line_takes(
    desk: Desk, tmp_path: Path
) -> None:
    copy = tmp_path / "copia.db"
    shutil.copy(desk.db, copy)  # the store as it is before the desk decides
    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/?campagna=lgnet2")
    article = first_uscita(page.text)
    for field, value in (("category", "Periodici e periodici online"), ("audience", "33000")):
        answer = client.post(f"/-/desk/uscita/{article}/correggi", data={
            "csrftoken": token(page.text), "field": field, "value": value,
            "campagna": "lgnet2", "note": "verificato"})
        assert answer.status_code == 302, answer.text
    runner = CliRunner()
    for field, value in (("category", "Periodici e periodici online"), ("audience", "33.000")):
        result = runner.invoke(app, ["correct", str(article), field, value, "--db", str(copy),
                                     "--note", "verificato"])
        assert result.exit_code == 0, result.output
    desk_store, cli_store = open_store(desk.db, readonly=True), open_store(copy, readonly=True)
    try:
        assert desk_store.uscite("lgnet2") == cli_store.uscite("lgnet2")
        history = desk_store.correction_history(article)
        assert [(h.field, h.value, h.author) for h in history[:2]] == [
            ("audience", "33000", "giulia (desk)"),
            ("category", "Periodici e periodici online", "giulia (desk)")]
        assert cli_store.correction_history(article)[0].author.endswith("(riga di comando)")
    finally:
        desk_store.close()
        cli_store.close()
    detail = client.get(f"/-/desk/uscita/{article}?campagna=lgnet2")
    assert "giulia (desk)" in detail.text and "Annulla" in detail.text
    # undo the last one: the audience comes back as computed
    undone = client.post(f"/-/desk/uscita/{article}/correggi", data={
        "csrftoken": token(detail.text), "field": "audience", "undo": "1", "value": "",
        "campagna": "lgnet2"})
    assert undone.status_code == 302
    store = open_store(desk.db, readonly=True)
    try:
        assert store.correction_history(article)[0].removed
    finally:
        store.close()


def test_a_bad_value_is_refused_with_its_reason(desk: Desk) -> None:
    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/?campagna=lgnet2")
    answer = client.post(f"/-/desk/uscita/{first_uscita(page.text)}/correggi", data={
        "csrftoken": token(page.text), "field": "category", "value": "Blog",
        "campagna": "lgnet2"})
    assert answer.status_code == 400 and "Blog" in answer.text


def test_the_review_is_built_and_downloaded_with_the_totals_shown(desk: Desk) -> None:
    import json

    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/rassegne?campagna=lgnet2")
    shown = totals_of(client.get("/-/desk/?campagna=lgnet2").text)["Totale"]
    built = client.post("/-/desk/rassegne/crea", data={
        "csrftoken": token(page.text), "campagna": "lgnet2", "formato_pdf": "1",
        "formato_json": "1"}, timeout=300)
    assert built.status_code == 302, built.text
    listing = client.get("/-/desk/rassegne?campagna=lgnet2").text
    assert "giulia (desk)" in listing  # who built it
    links = re.findall(r'href="(/-/desk/rassegne/[^"]+\.(?:pdf|json))"', listing)
    assert {link.rsplit(".", 1)[1] for link in links} == {"pdf", "json"}
    data = json.loads(client.get(next(x for x in links if x.endswith(".json"))).content)
    assert (data["summary"]["uscite"], f"{data['summary']['audience']:,}".replace(",", ".")) == (
        shown[0], shown[1])
    pdf = client.get(next(x for x in links if x.endswith(".pdf")))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert "attachment" in pdf.headers["content-disposition"]
    # nothing but the reviews: not the store beside them, however the path is written
    for path in ("/-/desk/rassegne/%2E%2E/demo.db", "/-/desk/rassegne/..%2F..%2Fdemo.db/x",
                 "/-/desk/rassegne/.%2E/demo.db"):
        answer = client.get(path)
        assert answer.status_code in (302, 404) and b"SQLite format" not in answer.content


# -- the accounts, without a server ------------------------------------------------


def test_passwords_are_stored_as_argon2_hashes_and_checked(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    try:
        user = add_user(store, "anna", "editor", "una-password-lunga")
        assert user.password_hash.startswith("$argon2id$")
        assert "una-password-lunga" not in user.password_hash
        assert check_password(store, "anna", "una-password-lunga") == user
        assert check_password(store, "anna", "un'altra-password") is None
        assert check_password(store, "nessuno", "una-password-lunga") is None
        for name, role, password, why in (
            ("Anna Rossi", "editor", "x" * 12, "not a valid name"),
            ("anna", "admin", "x" * 12, "role 'admin'"),
            ("anna", "viewer", "corta", "at least 10"),
        ):
            with pytest.raises(RassegnaError, match=why):
                add_user(store, name, role, password)
    finally:
        store.close()


def test_users_add_asks_the_password_twice(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    open_store(db).close()
    runner = CliRunner()
    result = runner.invoke(app, ["users", "add", "anna", "--role", "editor", "--db", db],
                           input="una-password-lunga\nun-altra-password\n"
                                 "una-password-lunga\nuna-password-lunga\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output and "account anna: editor" in result.output
    listed = runner.invoke(app, ["users", "list", "--db", db])
    assert "anna" in listed.output and "editor" in listed.output
    assert "$argon2" not in listed.output


def test_serve_desk_needs_an_account(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    open_store(db).close()
    result = CliRunner().invoke(app, ["serve", "--desk", "--db", db])
    assert result.exit_code == 1 and "rassegna users add" in result.output


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["x", "y"])),
                max_size=40))
def test_the_brake_never_lets_more_failures_through_than_allowed(
    events: list[tuple[str, str]],
) -> None:
    brake = LoginBrake(per_name=3, per_address=5, window=1e9)
    let_through: dict[str, int] = {}
    for name, address in events:
        if brake.wait(name, address):
            continue
        brake.failed(name, address)
        let_through[name] = let_through.get(name, 0) + 1
        let_through[address] = let_through.get(address, 0) + 1
    assert all(n <= 3 for k, n in let_through.items() if k in ("a", "b"))
    assert all(n <= 5 for k, n in let_through.items() if k in ("x", "y"))


def test_the_candidates_are_the_pages_left_out_and_the_new_outlets(desk: Desk) -> None:
    client = logged_in(desk, VIEWER)
    page = client.get("/-/desk/candidati?campagna=lgnet2")
    assert page.status_code == 200
    new = page.text.split('id="testate-nuove"', 1)[1].split("</table>", 1)[0]
    assert "latinasera.test" in new and "radiolago.test" in new and "triestesera" not in new
    assert "campaign term only outside the article text" in page.text  # the trap
    only_404 = client.get("/-/desk/candidati", params={"campagna": "lgnet2",
                                                       "motivo": "HTTP 404"})
    left = only_404.text.split('id="lasciate-fuori"', 1)[1].split("</table>", 1)[0]
    assert left.count("<tr>") == 2 and "lgnet2-visita-centro-accoglienza" in left


def test_an_outlet_confirmed_once_counts_for_all_its_uscite(desk: Desk) -> None:
    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/candidati?campagna=lgnet2")
    assert "Conferma Radio Lago" in page.text
    before = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    store = open_store(desk.db, readonly=True)
    version = store.registry_version().id  # type: ignore[union-attr]
    store.close()
    answer = client.post("/-/desk/testate/conferma", data={
        "csrftoken": token(page.text), "campagna": "lgnet2", "testata": "Radio Lago",
        "domini": "radiolago.test", "categoria": "Radio, TV e canali online",
        "audience": "5.400", "fonte": "Radiomonitor", "rilevazione": "Radiomonitor 2023"})
    assert answer.status_code == 302, answer.text
    after = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    radio, figure = before["Radio, TV e canali online"]
    count = sum(1 for line in client.get("/-/desk/", params={
        "campagna": "lgnet2", "testata": "Radio Lago"}).text.splitlines() if "data-id=" in line)
    assert after["Radio, TV e canali online"] == (
        radio, f"{int(figure.replace('.', '')) + 5400 * count:,}".replace(",", "."))
    assert "Conferma Radio Lago" not in client.get("/-/desk/candidati?campagna=lgnet2").text
    store = open_store(desk.db, readonly=True)
    try:
        latest = store.registry_version()
        assert latest is not None and latest.id == version + 1
        assert {o.name: o.audience for o in store.outlets()}["Radio Lago"] == 5400
    finally:
        store.close()
    bad = client.post("/-/desk/testate/conferma", data={
        "csrftoken": token(page.text), "campagna": "lgnet2", "testata": "LatinaSera",
        "categoria": "Quotidiani e quotidiani online", "audience": "molti"})
    assert bad.status_code == 400 and "molti" in bad.text


def test_a_tv_piece_is_added_by_form_and_a_bad_one_refused(desk: Desk) -> None:
    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/aggiungi?campagna=lgnet2")
    before = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    piece = {"csrftoken": token(page.text), "campagna": "lgnet2", "testata": "Onda Nordest TV",
             "titolo": "LgNet2, il servizio del TG sulla tappa di Trieste", "data": "21/11/2023",
             "programma": "TG Nordest sera", "minuto": "12", "intervistati": "Giulia Sterni"}
    added = client.post("/-/desk/aggiungi/modulo", data=piece)
    assert added.status_code == 200 and "Uscita aggiunta." in added.text, added.text
    after = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    assert after["Totale"][0] == before["Totale"][0] + 1
    assert after["Radio, TV e canali online"][0] == before["Radio, TV e canali online"][0] + 1
    again = client.post("/-/desk/aggiungi/modulo", data=piece)  # the same piece: no double
    assert "già presente" in again.text
    assert totals_of(client.get("/-/desk/?campagna=lgnet2").text)["Totale"] == after["Totale"]
    # the outlet confirmed before keeps its figure (the desk works on the latest registry)
    store = open_store(desk.db, readonly=True)
    try:
        assert {u.testata: u.audience for u in store.uscite("lgnet2")}["Radio Lago"] == 5400
    finally:
        store.close()
    bad = client.post("/-/desk/aggiungi/modulo", data={**piece, "titolo": "", "data": "ieri"})
    assert bad.status_code == 400 and "modulo" in bad.text and "/tmp" not in bad.text


def test_pages_added_by_url_are_fetched_and_checked_like_the_crawl(desk: Desk) -> None:
    from rassegna.demo import site

    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/aggiungi?campagna=lgnet2")
    unrelated = next(a for a in site.ARTICLES if not a.about_campaign and not a.term_spelling)
    answer = client.post("/-/desk/aggiungi/indirizzi", data={
        "csrftoken": token(page.text), "campagna": "lgnet2",
        "indirizzi": f"{unrelated.url}\nhttp://www.cronacapontina.test/non-esiste/"},
        timeout=120)
    assert answer.status_code == 200, answer.text
    left = answer.text.split('id="lasciati-fuori"', 1)[1].split("</ul>", 1)[0]
    assert f"{unrelated.url}: no campaign term on the page" in left
    assert "non-esiste/: HTTP 404" in left


def test_several_uscite_are_decided_at_once_or_none_is(desk: Desk) -> None:
    client = logged_in(desk, EDITOR)
    page = client.get("/-/desk/", params={"campagna": "lgnet2", "categoria": "Agenzie"})
    ids = re.findall(r'name="id" value="(\d+)"', page.text)
    assert len(ids) >= 2  # the agency's (one may be recategorised by an earlier test)
    before = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    moved = client.post("/-/desk/decidi", data={
        "csrftoken": token(page.text), "azione": "categoria:Quotidiani e quotidiani online",
        "id": ids[:-1]})
    assert moved.status_code == 302, moved.text
    after = totals_of(client.get("/-/desk/?campagna=lgnet2").text)
    assert after["Agenzie"][0] == before["Agenzie"][0] - (len(ids) - 1) == 1
    assert after["Quotidiani e quotidiani online"][0] == (
        before["Quotidiani e quotidiani online"][0] + len(ids) - 1)
    # one id that is no uscita: nothing of the batch is applied
    refused = client.post("/-/desk/decidi", data={
        "csrftoken": token(page.text), "azione": "escludi", "id": [ids[-1], "999999"]})
    assert refused.status_code == 400
    assert totals_of(client.get("/-/desk/?campagna=lgnet2").text) == after
    viewer = logged_in(desk, VIEWER)
    seen = viewer.get("/-/desk/", params={"campagna": "lgnet2"}).text
    assert 'name="id"' not in seen and "Applica alle uscite scelte" not in seen
