"""Real-browser smoke test: screenshots of home, catalogue and a document at 1280 and 375 px.

Builds the real content/ (or the folder named by $SITE_CONTENT) and serves it on 127.0.0.1;
screenshots go to test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from sitetools.build import build_site

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
WIDTHS = (1280, 375)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"未安装 Chromium（{CHROMIUM}）：跳过浏览器截图测试；请运行 apt-get install -y chromium",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging each request."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """Build the real content and serve it on 127.0.0.1; yield the base URL."""
    output = tmp_path_factory.mktemp("browser") / "output"
    content = os.environ.get("SITE_CONTENT", str(ROOT / "content"))
    assert build_site(str(ROOT / "pelicanconf.py"), str(output), content) == 0
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """Yield a headless Debian Chromium."""
    from playwright.sync_api import sync_playwright

    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield chromium
        chromium.close()


def first_document(page, base: str) -> str:
    """Return the URL of the first document linked from the catalogue."""
    page.goto(f"{base}/catalogue/")
    return page.locator(".catalogue-table a").first.get_attribute("href")


@pytest.mark.parametrize("width", WIDTHS)
def test_screens_render_without_horizontal_scroll(browser, site_url, width):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    screens = {"home": "/", "catalogue": "/catalogue/", "document": first_document(page, site_url)}
    for name, path in screens.items():
        response = page.goto(site_url + path)
        assert response.status == 200
        assert page.locator("form.site-search input[name=q]").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert errors == []
    page.close()


@pytest.mark.parametrize("path", ["/", "/catalogue/", "/guide/", "/apply-guide/", "/area/fiscal/"])
def test_pages_fit_a_360_px_phone(browser, site_url, path):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    assert page.goto(site_url + path).status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.close()


def test_large_text_mode_persists_across_pages(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "/")
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.click("a.text-size")
    page.goto(site_url + "/catalogue/")
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after >= before * 1.2
    page.screenshot(path=str(ARTIFACTS / "catalogue-large-1280.png"))
    page.close()


def test_large_text_mode_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/#large-text")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 19
    context.close()


def test_skip_link_is_first_focus_and_visible(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0
    page.close()


def teardown_module(module):
    """Keep the screenshots; nothing else to clean."""
    shutil.rmtree(ROOT / "test-artifacts" / "tmp", ignore_errors=True)
