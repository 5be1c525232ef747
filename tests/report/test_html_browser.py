"""The HTML report in headless Chromium: it loads cleanly, highlights, links and filters work,
explanations appear on hover and focus, hostile text runs nothing; a screenshot is kept.

Needs ``chromium``, ``chromedriver`` (Debian: ``apt-get install chromium chromium-driver``)
and ``selenium``; the tests skip, saying which is missing, when one is absent. Selenium is
given the chromedriver path, so it never tries to download a driver.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.compare.result import Comparison
from framing.report import comparison_html
from tests.report.conftest import HOSTILE_TEXT

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WIDTH, HEIGHT = 1366, 768


def _find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _find("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = _find("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="headless browser tests need chromium and chromedriver on PATH "
    "(apt-get install chromium chromium-driver)",
)

TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},{HEIGHT}", "--force-device-scale-factor=1",
                "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # selenium-manager must never go online
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                                  options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _open(driver: webdriver.Chrome, page: str, path: Path) -> list[dict]:
    """Load ``page`` from ``path``; return the browser log entries of the load."""
    path.write_text(page, encoding="utf-8")
    driver.get_log("browser")  # drop entries of earlier pages
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")
    return driver.get_log("browser")


@pytest.fixture(scope="module")
def seed_file(seed_comparison: Comparison, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(comparison_html(seed_comparison), encoding="utf-8")
    return path


@pytest.fixture()
def seed(browser, seed_file: Path) -> webdriver.Chrome:
    """The browser showing the seed report, freshly loaded, its console log emptied."""
    browser.get_log("browser")
    browser.get(seed_file.as_uri())
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == [], severe
    return browser


def _clandestine(driver: webdriver.Chrome):
    segs = driver.find_elements(By.CSS_SELECTOR, "#text-0 .seg.f-loaded.c-loaded-secrecy")
    hits = [s for s in segs if "clandestine" in s.text]
    assert hits, "no loaded/secrecy highlight on 'clandestine' in the TROIB column"
    return hits[0]


def test_loads_without_console_errors(browser, seed_file: Path):
    browser.get_log("browser")
    browser.get(seed_file.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    log = browser.get_log("browser")
    assert [e for e in log if e.get("level") == "SEVERE"] == [], log
    assert browser.execute_script("return document.querySelectorAll('.seg').length") > 200


def test_column_text_content_is_the_article(seed, seed_comparison: Comparison):
    for n, fs in enumerate(seed_comparison.features):
        text = seed.execute_script(f"return document.getElementById('text-{n}').textContent")
        assert text == fs.article.text


def test_loaded_highlight_and_alignment(seed):
    seg = _clandestine(seed)
    assert "clandestine" in seg.text
    assert seg.value_of_css_property("background-color") != TRANSPARENT
    # aligned pairs link sentences of the two columns both ways
    pairs = seed.execute_script(
        "return [...document.querySelectorAll('#text-0 .sent[data-partners]')]"
        ".map(s => [s.id, s.dataset.partners])"
    )
    assert pairs
    for left, partners in pairs:
        for right in partners.split():
            assert right.startswith("st1-")
            back = seed.find_element(By.ID, right).get_attribute("data-partners").split()
            assert left in back
    # hovering a sentence marks its partners
    left, partners = pairs[0]
    sentence = seed.find_element(By.ID, left)
    seed.execute_script("arguments[0].scrollIntoView({block: 'center'})", sentence)
    ActionChains(seed).move_to_element(sentence).perform()
    for right in partners.split():
        assert "linked" in seed.find_element(By.ID, right).get_attribute("class").split()
    # the Switzerland sentence is only in IANS, and says so
    swiss = [s for s in seed.find_elements(By.CSS_SELECTOR, "#text-1 .sent")
             if "Switzerland" in s.get_attribute("textContent")]
    assert len(swiss) == 1
    assert "only" in swiss[0].get_attribute("class").split()
    label = seed.execute_script(
        "return getComputedStyle(arguments[0], '::before').content", swiss[0])
    index = int(swiss[0].get_attribute("id").split("-")[1])
    assert label == f'"§{index + 1} · only in IANS"'


def test_feature_table_shows_families_until_asked(seed):
    rows = seed.find_elements(By.CSS_SELECTOR, "#rates tbody tr")
    families = [r for r in rows if "family" in r.get_attribute("class").split()]
    categories = [r for r in rows if "category" in r.get_attribute("class").split()]
    assert families and categories
    assert all(r.is_displayed() for r in families)
    assert not any(r.is_displayed() for r in categories)
    box = seed.find_element(By.ID, "show-categories")
    seed.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    try:
        assert all(r.is_displayed() for r in categories)
    finally:
        box.click()
    assert not any(r.is_displayed() for r in categories)


def test_loaded_filter_hides_and_shows(seed):
    seg = _clandestine(seed)
    box = seed.find_element(By.CSS_SELECTOR, "#filters input[data-feature='loaded']")
    assert box.is_selected()
    before = seg.value_of_css_property("background-color")
    assert before != TRANSPARENT
    seed.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    columns = seed.find_element(By.ID, "columns")
    assert "hide-loaded" in columns.get_attribute("class").split()
    assert seg.value_of_css_property("background-color") == TRANSPARENT
    # the other features keep their marks
    hedge = seed.find_element(By.CSS_SELECTOR, "#text-0 .seg.f-hedge")
    assert hedge.value_of_css_property("text-decoration-line") == "underline"
    # a highlight where only loaded spans begin leaves the Tab order while they are hidden
    only_loaded = seed.execute_script(
        "return [...document.querySelectorAll('#text-0 .seg[data-starts]')].filter(s =>"
        " s.dataset.starts.split(' ').every(k =>"
        " document.getElementById('x-' + k).dataset.feature === 'loaded'))"
    )
    assert only_loaded and all(s.get_attribute("tabindex") is None for s in only_loaded)
    box.click()
    assert all(s.get_attribute("tabindex") == "0" for s in only_loaded)
    assert "hide-loaded" not in columns.get_attribute("class").split()
    assert seg.value_of_css_property("background-color") == before


def test_explanation_on_hover_and_on_focus(seed):
    tip = seed.find_element(By.ID, "tip")
    seg = _clandestine(seed)
    seed.execute_script("arguments[0].scrollIntoView({block: 'center'})", seg)
    ActionChains(seed).move_to_element(seg).perform()
    assert tip.is_displayed()
    text = tip.text
    assert "secrecy" in text and "lexicon" in text and "loaded.en@1" in text
    assert "voice" in text and "clandestine meeting" in text
    ActionChains(seed).move_to_element(seed.find_element(By.TAG_NAME, "h1")).perform()
    assert not tip.is_displayed()
    # keyboard: Tab from the element before lands on the highlight and shows it
    assert seg.get_attribute("tabindex") == "0"
    seed.execute_script(
        "const all = [...document.querySelectorAll('[tabindex=\"0\"], a[href], input')];"
        "all[all.indexOf(arguments[0]) - 1].focus();", seg)
    ActionChains(seed).send_keys(Keys.TAB).perform()
    assert seed.switch_to.active_element == seg
    assert tip.is_displayed() and "secrecy" in tip.text
    ActionChains(seed).send_keys(Keys.ESCAPE).perform()
    assert not tip.is_displayed()


def test_keyboard_can_skip_past_the_columns(seed):
    link = seed.find_element(By.CSS_SELECTOR, "a.skip[href='#differences']")
    assert not link.is_displayed() or link.location["x"] < 0  # off screen until focused
    seed.execute_script("arguments[0].focus()", link)
    assert link.is_displayed() and link.location["x"] >= 0
    ActionChains(seed).send_keys(Keys.ENTER).perform()
    WebDriverWait(seed, 5).until(
        lambda d: d.execute_script("return location.hash") == "#differences"
    )
    # the next Tab stop is in the differences, not one of the columns' highlights
    ActionChains(seed).send_keys(Keys.TAB).perform()
    assert seed.execute_script(
        "return document.getElementById('differences').contains(document.activeElement)")


def test_evidence_link_outlines_the_span(seed, seed_comparison: Comparison):
    fs = seed_comparison.features[0]
    span = next(s for s in fs.spans if s.feature == "loaded" and "clandestine" in s.text)
    k = fs.spans.index(span)
    link = seed.execute_script(
        "const target = [...document.querySelectorAll('#text-0 .seg[data-starts]')]"
        f".find(s => s.dataset.starts.split(' ').includes('s0-{k}'));"
        "return document.querySelector('#differences a[href=\"#' + target.id + '\"]');"
    )
    assert link is not None, "no evidence links to the clandestine highlight"
    seed.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    # the outline is drawn by the page's hashchange handler, which runs after the click
    flashed = WebDriverWait(seed, 5).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#text-0 .seg.flash")
    )
    assert "".join(s.get_attribute("textContent") for s in flashed).startswith(span.text)
    assert "clandestine meeting" in "".join(s.get_attribute("textContent") for s in flashed)


def test_layout_fits_a_laptop_and_prints(seed):
    width = seed.execute_script("return document.documentElement.scrollWidth")
    assert width <= WIDTH
    cols = seed.find_elements(By.CSS_SELECTOR, "#columns > .col")
    assert len(cols) == 2 and cols[0].location["y"] == cols[1].location["y"]
    assert cols[1].location["x"] > cols[0].location["x"] + 400
    seed.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not seed.find_element(By.ID, "filters").is_displayed()
        # on paper every category row of the feature table is there
        assert all(r.is_displayed() for r in seed.find_elements(By.CSS_SELECTOR, "#rates tr"))
        seg = _clandestine(seed)
        assert seg.value_of_css_property("background-color") != TRANSPARENT
        cols = seed.find_elements(By.CSS_SELECTOR, "#columns > .col")
        assert cols[0].location["y"] == cols[1].location["y"]
        # a printed report keeps its colour key and every piece of evidence
        seed.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        legend = seed.find_element(By.CSS_SELECTOR, "details.legend")
        assert legend.get_attribute("open") is not None
        assert legend.find_element(By.CSS_SELECTOR, "summary").is_displayed()
        more = seed.find_elements(By.CSS_SELECTOR, "details.more-evidence")
        assert more and all(d.get_attribute("open") is not None for d in more)
        assert all(d.find_element(By.CSS_SELECTOR, "li").is_displayed() for d in more)
        seed.execute_script("window.dispatchEvent(new Event('afterprint'))")
        assert legend.get_attribute("open") is None
    finally:
        seed.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_hostile_article_runs_nothing(browser, hostile_comparison, tmp_path):
    page = comparison_html(hostile_comparison)
    log = _open(browser, page, tmp_path / "hostile.html")
    scripts_in_template = page.count("<script>")
    assert scripts_in_template == 1
    assert browser.execute_script("return document.querySelectorAll('script').length") == 1
    # hover over every highlight and sentence of the hostile column: no handler fires
    for el in browser.find_elements(By.CSS_SELECTOR, "#text-0 .sent, #text-0 .seg")[:40]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        ActionChains(browser).move_to_element(el).perform()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no dialog is open
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script(
        "return document.querySelectorAll('img, textarea, a[href^=\"javascript\"]').length"
    ) == 0
    assert browser.execute_script(
        "return document.getElementById('text-0').textContent") == HOSTILE_TEXT
    body = browser.execute_script("return document.body.textContent")
    assert "<script>window.__pwned = 1; alert(1)</script>" in body
    assert "{{ 7*7 }}" in body and "<b>Evil</b> News" in body
    severe = [e for e in log + browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == [], severe


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    assert zlib.crc32(data[12:29]) == struct.unpack(">I", data[29:33])[0], "bad IHDR checksum"
    return struct.unpack(">II", data[16:24])


def test_screenshot_of_the_seed_report(seed):
    seg = _clandestine(seed)
    seed.execute_script("document.getElementById('versions').scrollIntoView()")
    seed.execute_script("window.scrollBy(0, 120)")
    seed.execute_script("arguments[0].focus()", seg)
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "report-seed.png"
    assert seed.save_screenshot(str(out))
    data = out.read_bytes()
    width, height = _png_size(data)
    assert (width, height) == tuple(
        seed.execute_script("return [window.innerWidth, window.innerHeight]")
    )
    assert width >= 1000 and height >= 500
    assert len(data) > 50_000  # text, highlights and colour: far from a blank page
