"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright.

Every flow of issue 6 runs here as a person would do it, with a screenshot of each page in
``test-output/screenshots/``. The demo team is seeded once for the session (see conftest);
each test makes what it needs (its own posts and reports), so the order does not matter.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from web.browsing import OUTPUT, log_in, shot

pytestmark = pytest.mark.browser

IBAN_DRAFT = "Maak het bedrag over naar NL91ABNA0417164300 vandaag nog"
DISCLOSURE_DRAFT = "De nieuwe #TulpApp is echt de beste energie-app die er is!"


@pytest.fixture
def person(browser: Any, live_server: str) -> Iterator[Any]:
    """``person("maria")``: a new page in its own context, logged in as that person."""
    contexts = []

    def open_as(username: str, *, width: int = 1280) -> Any:
        context = browser.new_context(
            base_url=live_server, viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        log_in(tab, username)
        return tab

    yield open_as
    for context in contexts:
        context.close()


def type_draft(tab: Any, text: str) -> None:
    box = tab.locator("#text")
    box.click()
    box.press_sequentially(text, delay=15)


def test_typing_shows_highlighted_finding(page: Any) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "Controleer een bericht"
    type_draft(page, IBAN_DRAFT)
    mark = page.locator("#backdrop mark.sev-block")
    mark.wait_for()
    assert mark.inner_text() == "NL91ABNA0417164300"
    finding = page.locator("li.finding[data-code^='R1.']").first
    assert finding.is_visible()
    assert "Regel 1" in finding.inner_text()
    assert "NL91ABNA0417164300" not in finding.inner_text()  # the excerpt is redacted
    assert page.locator(".verdict").inner_text().startswith("Niet plaatsen")
    assert page.locator("#counter span").inner_text() == str(len(IBAN_DRAFT))
    # The marked copy lies exactly under the text box: same box, same first line.
    box = page.locator("#text").bounding_box()
    backdrop = page.locator("#backdrop").bounding_box()
    assert abs(box["x"] - backdrop["x"]) < 1 and abs(box["y"] - backdrop["y"]) < 1
    timings = page.evaluate("window.tgTimings")
    assert timings, "the page measured no keystroke-to-findings time"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "browser-timings.json").write_text(json.dumps(timings))
    shot(page, "01-check-finding")


def test_apply_fix_rewrites_the_text(page: Any) -> None:
    page.goto("/")
    type_draft(page, "🌷 " + DISCLOSURE_DRAFT)  # an emoji first: offsets in UTF-16
    finding = page.locator("li.finding[data-code='R3.no-disclosure']")
    finding.wait_for()
    shot(page, "02-apply-fix-before")
    finding.get_by_role("button", name="Pas toe").click()
    expect_value = "🌷 " + DISCLOSURE_DRAFT + " (Ik werk bij Tulpwerk.)"
    page.wait_for_function("v => document.getElementById('text').value === v", arg=expect_value)
    page.locator("li.finding[data-code='R3.no-disclosure']").wait_for(state="detached")
    assert page.locator("#backdrop").inner_text().endswith("(Ik werk bij Tulpwerk.)")
    shot(page, "03-apply-fix-after")


def test_reply_fix_refers_to_customer_service(page: Any) -> None:
    page.goto("/")
    page.locator("summary").click()
    page.get_by_label("Antwoord op (tekst van het bericht waarop je reageert)").fill(
        "@Tulpwerk mijn bestelling is nog steeds niet binnen!"
    )
    page.get_by_label("Van (accountnaam)").fill("@klant123")
    type_draft(page, "@klant123 Stuur me je ordernummer via DM, dan regel ik het.")
    finding = page.locator("li.finding[data-code='R6.handles-case']")
    finding.wait_for()
    finding.get_by_role("button", name="Pas toe").click()
    page.wait_for_function("() => document.getElementById('text').value.includes('klantenservice')")
    value = page.locator("#text").input_value()
    assert value.startswith("@klant123 ")
    assert "ordernummer" not in value
    page.locator("li.finding[data-code='R6.handles-case']").wait_for(state="detached")
    shot(page, "04-reply-fix-after")


def test_image_is_read_for_text(page: Any, tmp_path: Any) -> None:
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    image = Image.new("RGB", (1200, 272), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(("Inloggegevens testomgeving", "wachtwoord: Zomer2026!")):
        draw.text((40, 40 + i * 64), line, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path = tmp_path / "screenshot.png"
    path.write_bytes(buffer.getvalue())
    page.goto("/")
    type_draft(page, "Kijk eens wat ik vond")
    page.locator("summary").click()
    page.set_input_files("#image", str(path))
    page.locator("#media-status .media-summary").wait_for(timeout=30_000)  # OCR
    assert "tekst herkend" in page.locator("#media-status").inner_text()
    finding = page.locator("li.finding[data-code^='R1.']").first
    finding.wait_for()
    assert "in afbeelding 1" in finding.inner_text()
    shot(page, "05-check-image")
    page.get_by_role("button", name="Afbeelding weghalen").click()
    page.locator("li.finding[data-code^='R1.']").first.wait_for(state="detached")


def test_acknowledge_the_policy(person: Any) -> None:
    tab = person("erik")  # has not accepted the current version
    tab.goto("/policy")
    assert "Tulpwerk" in tab.locator("article.policy").inner_text()
    assert tab.locator("#rule-10").is_visible()
    tab.get_by_role("button", name="Ik heb het beleid gelezen en ga ermee akkoord").click()
    accepted = tab.locator("#accept .success")
    accepted.wait_for()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", accepted.inner_text())
    shot(tab, "06-policy-accepted")


def test_report_reaches_the_managers_inbox(person: Any) -> None:
    eva = person("eva")
    eva.goto("/report")
    shot(eva, "07-report-form")
    eva.get_by_label("Link naar het bericht").fill(
        "https://x.com/lekker/status/1862000000000000099"
    )
    eva.get_by_label("Wat je zag (tekst van het bericht)").fill(
        "Interne cijfers van Q4 en het IBAN NL91ABNA0417164300 staan online"
    )
    eva.get_by_label("Toelichting").fill("Gezien vanochtend")
    eva.get_by_role("button", name="Melding versturen").click()
    eva.wait_for_url(re.compile(r"/incidents/\d+\?sent=1$"))
    number = int(re.search(r"/incidents/(\d+)", eva.url).group(1))  # type: ignore[union-attr]
    assert eva.locator("#incident-status").inner_text() == "nieuw"
    assert "NL91ABNA0417164300" not in eva.content()  # stored redacted
    shot(eva, "08-report-sent")

    maria = person("maria")
    maria.goto("/inbox")
    row = maria.locator(f"#incident-{number}")
    assert "nieuw" in row.inner_text()
    shot(maria, "09-manager-inbox")
    row.get_by_label(f"Status wijzigen #{number}").select_option("acknowledged")
    row.get_by_role("button", name="Versturen").click()
    maria.wait_for_url(re.compile(r"/inbox$"))
    assert "in behandeling" in maria.locator(f"#incident-{number}").inner_text()

    eva.goto(f"/incidents/{number}")
    assert eva.locator("#incident-status").inner_text() == "in behandeling"
    assert eva.locator("form[action$='/status']").count() == 0  # the reporter cannot move it
    shot(eva, "10-report-status")


def test_company_post_approved_by_a_second_person(person: Any) -> None:
    eva = person("eva")
    eva.goto("/posts/new")
    type_draft(eva, "We zijn trots op ons team in Utrecht! #Tulpwerk")
    eva.locator(".report").wait_for()
    shot(eva, "11-post-compose")
    eva.get_by_role("button", name="Concept opslaan").click()
    eva.wait_for_url(re.compile(r"/posts/\d+$"))
    number = int(eva.url.rsplit("/", 1)[1])
    eva.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    eva.wait_for_url(re.compile(rf"/posts/{number}$"))
    assert eva.locator("#post-status").inner_text() == "aangeboden"
    assert eva.get_by_role("button", name="Goedkeuren").count() == 0  # four eyes
    shot(eva, "12-post-submitted")

    chris = person("chris")
    chris.goto("/queue")
    chris.locator(f"#post-{number} a").click()
    chris.wait_for_url(re.compile(rf"/posts/{number}$"))
    chris.get_by_role("button", name="Goedkeuren").click()
    chris.wait_for_url(re.compile(rf"/posts/{number}$"))
    assert chris.locator("#post-status").inner_text() == "goedgekeurd"
    history = chris.locator("ol.timeline").inner_text()
    assert "post.submit" in history and "post.approve" in history and "chris" in history
    shot(chris, "13-post-approved")


def test_compliance_overrides_a_block_with_a_reason(person: Any) -> None:
    carla = person("carla")
    carla.goto("/posts/new")
    type_draft(carla, "Betalingen graag naar NL91ABNA0417164300, bedankt!")
    carla.get_by_role("button", name="Concept opslaan").click()
    carla.wait_for_url(re.compile(r"/posts/\d+$"))
    number = int(carla.url.rsplit("/", 1)[1])
    carla.get_by_role("button", name="Ter goedkeuring aanbieden").click()

    chris = person("chris")  # communications may not override a block
    chris.goto(f"/posts/{number}")
    assert chris.get_by_role("button", name="Blokkade opheffen en goedkeuren").count() == 0
    assert chris.get_by_role("button", name="Afwijzen").is_visible()

    cor = person("cor")
    cor.goto(f"/posts/{number}")
    shot(cor, "14-post-block-override-form")
    cor.get_by_label("Reden (verplicht, minstens 10 tekens)").fill(
        "Rekeningnummer van de stichting, bewust openbaar."
    )
    cor.get_by_role("button", name="Blokkade opheffen en goedkeuren").click()
    cor.wait_for_url(re.compile(rf"/posts/{number}$"))
    assert cor.locator("#post-status").inner_text() == "goedgekeurd"
    assert "post.override" in cor.locator("ol.timeline").inner_text()


def test_employee_cannot_open_the_approval_queue(person: Any) -> None:
    otto = person("otto")
    assert otto.get_by_role("link", name="Goedkeuren").count() == 0
    response = otto.goto("/queue")
    assert response.status == 403
    assert "Je hebt geen toegang" in otto.locator("main").inner_text()
    shot(otto, "15-queue-forbidden")


def test_compliance_dashboard(person: Any) -> None:
    cor = person("cor")
    cor.goto("/compliance")
    charts = cor.locator(".chart svg[role='img']")
    assert charts.count() == 4
    for i in range(4):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 200 and box["height"] > 40
    assert "intact" in cor.locator("#audit-status").inner_text()
    assert cor.locator("#audit tbody tr").count() > 10
    shot(cor, "16-compliance-dashboard")


def test_english_at_phone_width(person: Any) -> None:
    tab = person("ada", width=375)
    tab.goto("/")
    tab.get_by_role("link", name="Switch to English").click()
    tab.wait_for_url(re.compile(r"/$"))
    assert tab.locator("h1").inner_text() == "Check a post"
    assert tab.locator("html").get_attribute("lang") == "en"
    type_draft(tab, "Call me on 06-12345678 about the Tulpwerk tender, password: Hunter2!2024")
    tab.locator("li.finding").first.wait_for()
    assert "Rule 1" in tab.locator("ol.findings").inner_text()
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways at phone width ({width}px)"
    shot(tab, "17-check-english-phone")
    tab.goto("/compliance")
    shot(tab, "18-dashboard-english-phone")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375


def test_keyboard_and_labels(page: Any) -> None:
    page.goto("/")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
              .map(e => e.id || e.name)"""
    )
    assert unlabelled == []
    page.wait_for_function("document.activeElement.id === 'text'")  # ready to type
    page.goto("/policy")
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.className") == "skip"
    page.goto("/login")
    page.wait_for_function("document.activeElement.id === 'username'")  # autofocus
    page.keyboard.type("maria")
    page.keyboard.press("Tab")
    page.keyboard.type("tulpwerk-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    assert "Maria Jansen" in page.locator("header").inner_text()
    shot(page, "19-logged-in")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("link", name="Inloggen").is_visible()
