"""Real-browser journeys through the served application, axe-core checks and HTML validation."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
BEIJING = dt.timezone(dt.timedelta(hours=8))

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"未安装 Chromium（{CHROMIUM}）：跳过浏览器旅程测试；请运行 apt-get install -y chromium",
)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> tuple[Path, Path]:
    """Build the real content and its search index; return (site dir, index dir)."""
    root = tmp_path_factory.mktemp("journeys")
    site, index = root / "output", root / "search-index"
    build = (
        "from sitetools.build import build_site; import sys; sys.exit(build_site(*sys.argv[1:]))"
    )
    for cmd in (
        [sys.executable, "-c", build, "pelicanconf.py", str(site)],
        [sys.executable, "-m", "search_index", "build", str(site), "--index-dir", str(index)],
    ):
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    return site, index


@pytest.fixture(scope="module")
def live_app(built_site, tmp_path_factory):
    """Serve the real service (with the built site) on 127.0.0.1; yield (app, base URL)."""
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from request_api import create_app

    tmp = tmp_path_factory.mktemp("service")
    app = create_app(
        {
            "DISCLOSURE_ENV": "development",
            "SECRET_KEY": "journey-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'requests.sqlite3'}",
            "SITE_DIR": str(built_site[0]),
            "SEARCH_INDEX_DIR": str(built_site[1]),
            "OUTBOX_DIR": str(tmp / "outbox"),
            "SMTP_HOST": "",
            "RATELIMIT_ENABLED": False,
            "FORM_GUARD_MIN_SECONDS": 1,
        }
    )
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """Yield a headless Debian Chromium."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"未安装 Chromium（{CHROMIUM}）：请运行 apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watcher:
    """Collect page errors and Content-Security-Policy violations reported by the browser."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")


def shot(page, name: str) -> None:
    """Save a full-page screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def first_document(site: Path) -> dict:
    """Return the first catalogue record of the built site."""
    data = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    return data["documents"][0]


def fill_application(page) -> None:
    """Fill the public application form as a citizen asking for electronic delivery by email."""
    page.check("input[name=applicant_kind][value=citizen]")
    page.fill("#name", "张三")
    page.select_option("#id_type", "resident_id")
    page.fill("#id_number", "11010519491231002X")
    page.fill("#phone", "13800138000")
    page.fill("#email", "zhangsan@example.com")
    page.select_option("#agency", "czj")
    page.fill("#description", "2025年度市级部门预算公开中“三公”经费的明细表")
    page.check("input[name=medium][value=electronic]")
    page.check("input[name=delivery][value=email]")


@needs_chromium
def test_newcomer_searches_reads_applies_and_tracks(browser, live_app, built_site):
    _, base = live_app
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watcher = Watcher(page)
    assert page.goto(base + "/").status == 200
    shot(page, "newcomer-1-home")

    term = first_document(built_site[0])["title"][-6:]
    page.fill("form.site-search input[name=q]", term)
    page.press("form.site-search input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    result = page.locator("main a[href^='/doc/']").first
    assert result.count() == 1, page.content()
    shot(page, "newcomer-2-search")

    result.click()
    page.wait_for_url("**/doc/**")
    assert page.locator("meta[name=IndexNo]").count() == 1
    shot(page, "newcomer-3-document")

    page.goto(base + "/apply")
    fill_application(page)
    page.wait_for_timeout(1100)  # a human takes longer than the minimum fill time
    page.click("form.service-form button[type=submit]")
    page.wait_for_url("**/apply/receipt")
    receipt_no = page.inner_text(".receipt-no").strip()
    code = page.inner_text(".tracking-code").strip()
    assert receipt_no and len(code) >= 20
    shot(page, "newcomer-4-receipt")

    page.goto(base + "/track")
    page.fill("#code", code)
    page.click("form.service-form button[type=submit]")
    assert receipt_no in page.inner_text("main")
    assert "张三" not in page.inner_text("main")  # the tracking page shows nothing personal
    shot(page, "newcomer-5-track")
    assert watcher.problems == []
    page.close()


def working_days_back(count: int) -> list[dt.date]:
    """Return the last count working days up to today (Beijing), oldest first."""
    from disclosure.calendar import load_calendar

    cal, day, days = load_calendar(), dt.datetime.now(BEIJING).date(), []
    while len(days) < count:
        if cal.is_working_day(day):
            days.append(day)
        day -= dt.timedelta(days=1)
    return days[::-1]


def register_letter(app, received_on: dt.date) -> tuple[dict, str, str]:
    """Create a head of office and register a letter by API; return (receipt, user, password)."""
    from request_api.auth import create_staff

    with app.app_context():
        _, password, token = create_staff("head1", "head", ["czj"], "head1@czj.yunxi.gov.cn")
    client = app.test_client()
    body = {
        "applicant_kind": "citizen",
        "name": "李四",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13900139000",
        "agency": "czj",
        "description": "云溪市2025年度政府采购意向公开清单",
        "medium": "paper",
        "delivery": "pickup",
        "channel": "registered_mail",
        "received_on": received_on.isoformat(),
    }
    response = client.post(
        "/api/v1/requests", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json(), "head1", password


def record(page, event_type: str, day: dt.date, **fields: str) -> None:
    """Record one event through the staff request page's form."""
    page.select_option("#type", event_type)
    page.fill("#date", day.isoformat())
    for name, value in fields.items():
        if name == "outcome":
            page.select_option("#outcome", value)
        else:
            page.fill(f"#{name}", value)
    page.click("form.service-form button[type=submit]")
    page.wait_for_load_state()
    error = page.locator(".form-error")
    assert error.count() == 0, error.first.inner_text()


@needs_chromium
def test_staff_moves_a_request_to_reply_and_applicant_sees_it(browser, live_app):
    app, base = live_app
    received, corrected_asked, corrected, extended, replied = working_days_back(5)
    receipt, username, password = register_letter(app, received)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watcher = Watcher(page)
    page.goto(base + "/staff/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("form.service-form button[type=submit]")
    page.wait_for_url("**/staff/")
    shot(page, "staff-1-dashboard")

    page.click(f"text={receipt['receipt_no']}")
    page.wait_for_url("**/staff/requests/**")
    record(page, "correction_requested", corrected_asked, note="请补充所需信息的文号")
    record(page, "correction_received", corrected)
    shot(page, "staff-2-correction")
    record(page, "extended", extended, working_days="10", reason="需调取多年档案，工作量较大")
    shot(page, "staff-3-extension")
    reply = "经查，您申请的信息已于本机关网站主动公开，现予提供。"
    record(page, "replied", replied, outcome="disclosed", reply_text=reply)
    timeline = page.inner_text("table.timeline")
    for label in ("发出补正通知", "收到补正材料", "延长答复期限", "作出答复"):
        assert label in timeline
    shot(page, "staff-4-reply")
    assert watcher.problems == []
    page.close()

    applicant = browser.new_context().new_page()
    applicant.goto(f"{base}/track?code={receipt['tracking_code']}")
    assert reply in applicant.inner_text("section.reply")
    shot(applicant, "staff-5-applicant-sees-reply")
    applicant.context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@needs_chromium
@pytest.mark.skipif(
    not AXE.is_file(), reason="缺少 node_modules/axe-core：请在仓库根目录运行 npm ci"
)
def test_key_pages_have_no_serious_accessibility_violations(browser, live_app, built_site):
    app, base = live_app
    with app.app_context():
        from request_api.auth import create_staff

        _, password, _ = create_staff("axe-clerk", "clerk", ["czj"])
    doc = first_document(built_site[0])
    pages = {
        "home": "/",
        "catalogue": "/catalogue/",
        "document": doc["url"],
        "search": "/search?q=" + doc["title"][-6:],
        "apply": "/apply",
    }
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    found = {}
    for name, path in pages.items():
        assert page.goto(base + path).status == 200, path
        found[name] = axe_violations(page)
    page.goto(base + "/staff/login")
    page.fill("#username", "axe-clerk")
    page.fill("#password", password)
    page.click("form.service-form button[type=submit]")
    page.wait_for_url("**/staff/")
    found["dashboard"] = axe_violations(page)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}


def vnu_sample(site: Path) -> list[Path]:
    """Return a sample of built pages: home, catalogue, a document, a guide, site map, 404."""
    sample = [site / "index.html", site / "catalogue" / "index.html", site / "404.html"]
    sample += sorted(site.glob("doc/*/index.html"))[:3]
    sample += sorted(site.glob("guide/*/index.html"))[:1]
    sample += [site / "sitemap" / "index.html", site / "apply-guide" / "index.html"]
    sample += sorted(site.glob("catalogue/category/*/index.html"))[:1]
    return [page for page in sample if page.is_file()]


@pytest.mark.skipif(
    not VNU.is_file(), reason="缺少 node_modules/vnu-jar：请在仓库根目录运行 npm ci"
)
@pytest.mark.skipif(shutil.which("java") is None, reason="未安装 Java：请安装 default-jre-headless")
def test_built_pages_are_valid_html(built_site):
    pages = vnu_sample(built_site[0])
    assert len(pages) >= 6
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).parent.name}: {m['message']}" for m in messages]
    assert errors == []
