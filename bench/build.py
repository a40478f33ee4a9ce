"""Benchmark: bare Pelican vs this project's full build on N synthetic documents.

Usage: python bench/build.py N [N ...]   e.g. python bench/build.py 2000 10000

For each N it generates N documents in a temporary folder, then times in child processes
(a) bare Pelican (default settings, a trivial theme, same Markdown) and (b) the project's full
build (`python -m sitetools build`: validation, catalogue, feeds, open data, site maps).
It prints both wall and CPU times (CPU is steadier on a busy machine), their ratios and each
child's peak memory (getrusage of the child).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ["政策文件", "财政资金", "统计信息", "行政许可", "行政处罚", "公告公示", "政府采购"]
AREAS = ["", "", "fiscal", "housing", "food-safety", "environment", "tendering", "work-safety",
         "land", "prices"]  # fmt: skip
AGENCY_COUNT = 20
PARAGRAPH = (
    "为进一步做好相关工作，根据有关法律法规和上级部署，结合本市实际，现就有关事项通知如下。"
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项任务按期完成。"
)

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({{"seconds": seconds, "cpu": cpu, "peak_kb": usage.ru_maxrss}}))
"""
BARE = """
import logging
logging.disable(logging.WARNING)
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings(None, override={{"PATH": {content!r}, "OUTPUT_PATH": {output!r},
    "THEME": {theme!r}, "TIMEZONE": "Asia/Shanghai", "DEFAULT_LANG": "zh-cn", "SITENAME": "bench",
    "ARTICLE_PATHS": ["documents"], "PAGE_PATHS": ["pages", "guides"],
    "ARTICLE_URL": "doc/{{slug}}/", "ARTICLE_SAVE_AS": "doc/{{slug}}/index.html",
    "SLUGIFY_SOURCE": "basename", "CACHE_CONTENT": False}})
Pelican(settings).run()
"""
PROJECT = """
import logging, os
os.chdir({root!r})
logging.disable(logging.WARNING)
from sitetools.build import build_site
assert build_site("pelicanconf.py", {output!r}, {content!r}) == 0
"""


def agencies_yaml() -> str:
    """Return an agencies.yaml with AGENCY_COUNT agencies."""
    rows = []
    for n in range(AGENCY_COUNT):
        rows.append(
            f"- code: a{n:02d}\n  name: 云溪市第{n + 1}局\n  index_prefix: 1134190000305{n:04d}X\n"
            f"  office: 办公室\n  address: 云溪市人民路{n + 1}号\n  office_hours: 工作日\n"
            f"  phone: 0558-30210{n:02d}\n  email: gk{n}@yunxi.gov.cn\n"
        )
    return "".join(rows)


def document(n: int, rng: random.Random) -> tuple[str, str]:
    """Return (relative path, Markdown) of synthetic document n."""
    agency = n % AGENCY_COUNT
    created = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 600))
    published = created + timedelta(days=rng.randrange(0, 20))
    serial = n // AGENCY_COUNT + 1
    area = AREAS[n % len(AREAS)]
    head = [
        f"Title: 关于第{n}号事项的通知",
        f"Date: {published.isoformat()} 09:00",
        f"Created: {created.isoformat()}",
        f"Agency: a{agency:02d}",
        f"Category: {CATEGORIES[n % len(CATEGORIES)]}",
        f"Index_no: 1134190000305{agency:04d}X/{created.year}-{serial:05d}",
        f"Summary: 第{n}号事项的内容概述，说明主要内容和适用范围。",
        f"Doc_no: 云政〔{created.year}〕{serial}号",
    ]
    if area:
        head.append(f"Key_area: {area}")
    table = "| 项目 | 数量 |\n|---|---|\n| 甲 | 12 |\n| 乙 | 34 |"
    body = "\n\n".join([PARAGRAPH] * 4 + ["## 一、主要内容", PARAGRAPH, table])
    return f"a{agency:02d}/{n:06d}.md", "\n".join(head) + "\n\n" + body + "\n"


def generate(root: Path, count: int) -> Path:
    """Write the synthetic content folder and a trivial theme; return the content folder."""
    content = root / "content"
    (content / "documents").mkdir(parents=True)
    (content / "agencies.yaml").write_text(agencies_yaml(), encoding="utf-8")
    rng = random.Random(count)
    for n in range(count):
        name, text = document(n, rng)
        path = content / "documents" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    theme = root / "trivial" / "templates"
    theme.mkdir(parents=True)
    listing = (
        "<ul>{% for a in articles %}<li><a href='/{{ a.url }}'>{{ a.title }}</a>{% endfor %}</ul>"
    )
    for name in ("index", "category", "tag", "author", "archives", "period_archives"):
        (theme / f"{name}.html").write_text(listing, encoding="utf-8")
    for name in ("categories", "tags", "authors"):
        (theme / f"{name}.html").write_text("<p>{{ SITENAME }}</p>", encoding="utf-8")
    (theme / "article.html").write_text(
        "<h1>{{ article.title }}</h1>{{ article.content }}", "utf-8"
    )
    (theme / "page.html").write_text("<h1>{{ page.title }}</h1>{{ page.content }}", "utf-8")
    return content


def run_child(body: str) -> dict:
    """Run a build in a child process; return its seconds, peak memory and wall time."""
    code = CHILD.format(root=str(ROOT), body=body)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"child build failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


def bench(count: int) -> dict:
    """Time both builds for count documents."""
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        root = Path(tmp)
        content = generate(root, count)
        theme = str(root / "trivial")
        bare = run_child(BARE.format(content=str(content), output=str(root / "bare"), theme=theme))
        project = run_child(
            PROJECT.format(root=str(ROOT), content=str(content), output=str(root / "site"))
        )
    return {"n": count, "bare": bare, "project": project}


def main(argv: list[str]) -> None:
    """Run the benchmark for every N given."""
    counts = [int(a) for a in argv] or [2000]
    results = []
    print(
        f"{'N':>7} {'bare s':>8} {'project s':>10} {'ratio':>6} {'bare cpu':>9}"
        f" {'project cpu':>12} {'cpu ratio':>10} {'bare MB':>8} {'project MB':>11}"
    )
    for count in counts:
        r = bench(count)
        results.append(r)
        b, p = r["bare"], r["project"]
        ratio, cpu_ratio = p["seconds"] / b["seconds"], p["cpu"] / b["cpu"]
        print(
            f"{count:>7} {b['seconds']:>8.1f} {p['seconds']:>10.1f} {ratio:>6.2f} {b['cpu']:>9.1f}"
            f" {p['cpu']:>12.1f} {cpu_ratio:>10.2f}"
            f" {b['peak_kb'] / 1024:>8.0f} {p['peak_kb'] / 1024:>11.0f}",
            flush=True,
        )
    for a, b in zip(results, results[1:], strict=False):
        scale = b["project"]["seconds"] / a["project"]["seconds"]
        cpu = b["project"]["cpu"] / a["project"]["cpu"]
        print(
            f"project build {a['n']} -> {b['n']}: x{scale:.2f} wall, x{cpu:.2f} cpu"
            f" ({b['n'] / a['n']:.0f}x docs)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
