"""Benchmark of the search index: build speed, size and query latency, against Whoosh's default.

Usage: python bench/search.py [--sizes 10000 100000] [--out bench-results.json]
       python bench/search.py --sizes 30000 --procs 2 --build-index /tmp/ix30k  (build, keep)
       python bench/search.py --sizes 30000 --time-index /tmp/ix30k  (time queries only)

Generates documents of about 1,000 characters of government Chinese from word lists (fixed seed),
builds the bigram+unigram index with one and two processes and the same corpus with Whoosh's
StandardAnalyzer, then times a fixed list of 2-6 character queries. Not a test: nothing asserts.
"""

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_index import (  # noqa: E402
    Page,
    clear_views,
    parse_query,
    positions,  # noqa: E402
    search,
)
from search_index._whoosh import (  # noqa: E402
    ID,
    STORED,
    TEXT,
    Schema,
    StandardAnalyzer,
    index,
)
from search_index.indexer import page_fields  # noqa: E402
from search_index.writer import create_index, open_writer  # noqa: E402

SEED = 20261121
PLACES = (
    "云溪市 江北区 江南区 云湖县 青山县 白沙镇 长江路 滨江新区 云溪经济开发区 东城街道 "
    "西山乡 南湖社区 北塘镇 石门乡 桃源街道 凤凰山 龙泉镇 清河村 柳林社区 新港街道 双桥镇 "
    "梅岭村 高铁新城 临港产业园"
).split()
AGENCIES = [
    ("szf", "云溪市人民政府"),
    ("czj", "云溪市财政局"),
    ("zjj", "云溪市住房和城乡建设局"),
    ("sthjj", "云溪市生态环境局"),
    ("scjgj", "云溪市市场监督管理局"),
    ("zrzyj", "云溪市自然资源和规划局"),
    ("yjj", "云溪市应急管理局"),
    ("fgw", "云溪市发展和改革委员会"),
]
#: Key area -> topic nouns; a document draws most of its nouns from one topic.
TOPICS = {
    "fiscal": (
        "财政预算 决算报告 三公经费 一般公共预算 政府性基金 "
        "专项资金 转移支付 债务管理 绩效评价 国有资产"
    ),
    "housing": (
        "保障性住房 公共租赁住房 棚户区改造 住房补贴 老旧小区改造 租赁补贴 安置房 配租方案 住房保障"
    ),
    "food-safety": (
        "食品安全 农产品质量 抽样检验 餐饮服务 食品经营许可 不合格食品 农药残留 校园食堂 冷链食品"
    ),
    "environment": (
        "生态环境 大气污染 水污染防治 土壤污染 排污许可 环境影响评价 空气质量 河长制 固体废物"
    ),
    "tendering": (
        "招标投标 政府采购 中标候选人 采购公告 投标保证金 评标委员会 成交结果 招标文件 资格预审"
    ),
    "work-safety": (
        "生产安全 安全隐患 事故调查 应急救援 危险化学品 消防安全 安全生产责任 隐患排查 调查报告"
    ),
    "land": (
        "征地补偿 房屋征收 拆迁安置 集体土地 土地征收 补偿标准 征收决定 社会稳定风险评估 预公告"
    ),
    "prices": (
        "价格监测 收费标准 居民用水价格 阶梯电价 成本监审 价格听证 停车收费 物业服务收费 天然气价格"
    ),
}
GENERAL = (
    "营商环境 政务服务 基础设施 城市更新 乡村振兴 社会保障 公共卫生 防汛抗旱 应急预案 项目建设 "
    "重点工程 产业发展 科技创新 就业创业 养老服务 交通运输 文化旅游 市场监管 执法检查 整改落实 "
    "信息公开 审计监督 统计数据 行政许可 行政处罚"
).split()
AREAS = list(TOPICS) + [""]
CATEGORIES = [
    "政策文件",
    "公告公示",
    "财政资金",
    "行政处罚",
    "统计信息",
    "规划计划",
    "政府采购",
    "监督检查",
]
SUBJECTS = (
    "各县区人民政府 市政府各部门 各乡镇人民政府 各街道办事处 有关单位 市直各单位 各级财政部门 "
    "各相关企业 社区居民委员会 村民委员会"
).split()
VERBS = (
    "加强 推进 落实 完善 规范 健全 开展 组织 实施 严格 做好 强化 深化 优化 提升 保障 "
    "监督 检查 公布 发布 印发 部署 推动 加快"
).split()
LAWS = (
    "中华人民共和国政府信息公开条例 中华人民共和国预算法 中华人民共和国食品安全法 "
    "中华人民共和国环境保护法 中华人民共和国招标投标法 中华人民共和国安全生产法 "
    "中华人民共和国土地管理法 中华人民共和国价格法 国有土地上房屋征收与补偿条例"
).split()
MEASURES = "PM2.5 PM10 COD GDP CPI 5G".split()
TEMPLATES = [
    "为{v}{n}工作，根据《{law}》，{p}{v}{n}，现将有关事项通知如下。",
    "{s}要{v}{n}，{v}{n2}，确保{n}各项任务落到实处。",
    "{year}年，{p}累计完成{n}投资{num}万元，同比增长{pct}%。",
    "经研究，决定对{p}{n}项目{v}{n2}，请{s}认真贯彻执行。",
    "{p}{n}监测数据显示，{m}年均浓度为{num2}微克/立方米，较上年下降{pct}%。",
    "各单位应当于{year}年{month}月{day}日前将{n}情况报送市{n2}工作领导小组办公室。",
    "联系电话：0550-{tel}，地址：{p}{n2}服务中心。",
    "本通知自{year}年{month}月{day}日起施行，有效期{yrs}年。",
]
BENCH_QUERIES = [
    "财政",
    "安全",
    "云溪",
    "住房",
    "征地",
    "江北",
    "补偿",
    "市长",
    "年度",
    "监测",
    "PM2.5",
    "三公经费",
    "应急预案",
    "招标投标",
    "2026年",
    "保障性住房",
    "食品安全法",
    "青山县",
    "同比增长",
    "信息公开条例",
    "房屋征收与补偿",
    "阶梯电价",
    "临港产业园",
    "城市更新",
    "决算报告",
    "防汛抗旱",
    "危险化学品",
    "校园食堂",
    "成本监审",
    "河长制",
]


def sentence(rng: random.Random, topic: list[str]) -> str:
    """Return one sentence of generated government prose on a topic."""
    nouns = [rng.choice(topic) if rng.random() < 0.7 else rng.choice(GENERAL) for _ in range(2)]
    return rng.choice(TEMPLATES).format(
        v=rng.choice(VERBS),
        n=nouns[0],
        n2=nouns[1],
        law=rng.choice(LAWS),
        p=rng.choice(PLACES),
        s=rng.choice(SUBJECTS),
        year=rng.randint(2018, 2026),
        num=rng.randint(10, 99999),
        pct=round(rng.uniform(0.1, 30), 1),
        m=rng.choice(MEASURES),
        num2=rng.randint(10, 80),
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        tel=rng.randint(1000000, 9999999),
        yrs=rng.randint(1, 5),
    )


def make_pages(count: int, seed: int = SEED) -> list[Page]:
    """Return count generated pages of about 1,000 characters each."""
    rng = random.Random(seed)
    start = datetime(2018, 1, 1, 9, 0)
    topics = {area: words.split() for area, words in TOPICS.items()}
    pages = []
    for i in range(count):
        code, agency = rng.choice(AGENCIES)
        area = rng.choice(AREAS)
        topic = topics[area or rng.choice(list(TOPICS))]
        paragraphs, length = [], 0
        while length < 1000:
            para = "".join(sentence(rng, topic) for _ in range(rng.randint(2, 5)))
            paragraphs.append(para)
            length += len(para)
        when = start + timedelta(minutes=rng.randint(0, 9 * 365 * 24 * 60))
        title = f"{agency}关于{rng.choice(VERBS)}{rng.choice(PLACES)}{rng.choice(topic)}的通知"
        pages.append(
            Page(
                url=f"/doc/bench-{i}/",
                title=title,
                body="\n".join(paragraphs),
                index_no=f"11341100MB{i % 10:07d}X/{when.year}-{i % 100000:05d}",
                agency_code=code,
                agency=agency,
                category=rng.choice(CATEGORIES),
                key_area=area,
                doc_no=f"云财〔{when.year}〕{i % 300 + 1}号",
                pub_date=when,
            )
        )
    return pages


def dir_size(path: Path) -> int:
    """Return the total size of the files under path."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def cpu_seconds() -> float:
    """Return the CPU time of this process and its reaped children (the writer's subprocesses)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def build_ours(pages: list[Page], path: Path, procs: int) -> float:
    """Build the bigram+unigram index with its bigram position files; return wall seconds."""
    started = time.perf_counter()
    ix = create_index(path)
    with open_writer(ix, procs=procs) as w:
        for page in pages:
            w.add_document(**page_fields(page))
    positions.write_missing(path, ix)
    return time.perf_counter() - started


def baseline_schema() -> Schema:
    """Return the same stored fields with Whoosh's default (StandardAnalyzer) text fields."""
    return Schema(
        url=ID(stored=True, unique=True),
        title=TEXT(analyzer=StandardAnalyzer(), stored=True),
        body=TEXT(analyzer=StandardAnalyzer(), stored=True),
        index_no=STORED(),
        agency=STORED(),
        doc_no=STORED(),
        date=STORED(),
    )


def build_baseline(pages: list[Page], path: Path, procs: int) -> float:
    """Build the Whoosh-default index; return wall seconds."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    started = time.perf_counter()
    ix = index.create_in(str(path), baseline_schema())
    kwargs = {"procs": procs, "multisegment": True} if procs > 1 else {}
    w = ix.writer(limitmb=256, **kwargs)
    for p in pages:
        w.add_document(
            url=p.url,
            title=p.title,
            body=p.body,
            index_no=p.index_no,
            agency=p.agency,
            doc_no=p.doc_no,
            date=p.pub_date.strftime("%Y-%m-%d") if p.pub_date else "",
        )
    w.commit()
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> dict[str, float]:
    """Return p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def cpu_percentiles(samples: list[float]) -> dict[str, float]:
    """Return p50 and p95 of CPU time in milliseconds."""
    return {f"cpu_{k}": v for k, v in percentiles(samples).items()}


def time_ours(path: Path, repeat: int) -> tuple[dict[str, float], dict[str, int]]:
    """Time search() (match, facets, ordering, snippets) per query; return stats and totals.

    The first pass runs on a fresh view (cold: every term read from the postings); later passes
    find the terms in the view's cache of term results (warm).
    """
    clear_views()
    search(path, parse_query("云溪"))  # open the view once (per-process cache, as in the service)
    stats: dict[str, float] = {}
    totals: dict[str, int] = {}
    for label, passes in (("cold", 1), ("warm", max(1, repeat - 1))):
        samples, cpu = [], []
        for _ in range(passes):
            for q in BENCH_QUERIES:
                started, started_cpu = time.perf_counter(), time.process_time()
                totals[q] = search(path, parse_query(q)).total
                samples.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
        stats.update({f"{label}_{k}": v for k, v in percentiles(samples).items()})
        stats.update({f"{label}_{k}": v for k, v in cpu_percentiles(cpu).items()})
    clear_views()
    return stats, totals


def time_baseline(path: Path, repeat: int) -> tuple[dict[str, float], dict[str, int]]:
    """Time Whoosh's default query parser and search (top 10, with total) per query."""
    from search_index._whoosh import QueryParser

    ix = index.open_dir(str(path))
    samples, cpu, totals = [], [], {}
    with ix.searcher() as searcher:
        parser = QueryParser("body", ix.schema)
        for _ in range(repeat):
            for q in BENCH_QUERIES:
                started, started_cpu = time.perf_counter(), time.process_time()
                results = searcher.search(parser.parse(q), limit=10)
                totals[q] = len(results)
                samples.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
    return {**percentiles(samples), **cpu_percentiles(cpu)}, totals


def true_counts(pages: list[Page]) -> dict[str, int]:
    """Return, per query, how many documents contain it (title or body, case-folded)."""
    texts = [(p.title + "\n" + p.index_no + "\n" + p.doc_no + "\n" + p.body).lower() for p in pages]
    return {q: sum(1 for t in texts if q.lower() in t) for q in BENCH_QUERIES}


def recall(found: dict[str, int], truth: dict[str, int]) -> float:
    """Return the mean per-query recall (found / true, capped at 1)."""
    return round(
        statistics.mean(min(1.0, found[q] / truth[q]) if truth[q] else 1.0 for q in truth), 3
    )


def exact(found: dict[str, int], truth: dict[str, int]) -> float:
    """Return the share of queries whose result count equals the true count."""
    return round(sum(found[q] == truth[q] for q in truth) / len(truth), 3)


def run_size(count: int, workdir: Path, repeat: int, procs_list: list[int]) -> dict[str, object]:
    """Run every measurement at one corpus size."""
    pages = make_pages(count)
    corpus = sum(len((p.title + p.body).encode("utf-8")) for p in pages)
    truth = true_counts(pages)
    out: dict[str, object] = {"docs": count, "corpus_mb": round(corpus / 2**20, 1)}
    out["loadavg_start"] = round(os.getloadavg()[0], 1)
    for name, build, timer in (
        ("bigram+unigram", build_ours, time_ours),
        ("whoosh-default", build_baseline, time_baseline),
    ):
        row: dict[str, object] = {}
        for procs in procs_list:
            path = workdir / f"{name}-{count}-{procs}"
            started_cpu = cpu_seconds()
            seconds = build(pages, path, procs)
            used = cpu_seconds() - started_cpu
            row[f"build_docs_per_s_{procs}proc"] = round(count / seconds)
            row[f"build_docs_per_cpu_s_{procs}proc"] = round(count / used)
            print(
                f"  {name} {count} docs, {procs} proc: {seconds:.0f} s, {used:.0f} cpu s",
                flush=True,
            )
        path = workdir / f"{name}-{count}-{procs_list[0]}"
        row["index_mb"] = round(dir_size(path) / 2**20, 1)
        row["index_over_corpus"] = round(dir_size(path) / corpus, 2)
        latency, found = timer(path, repeat)
        row.update(latency)
        row["recall"] = recall(found, truth)
        row["exact_counts"] = exact(found, truth)
        out[name] = row
        for procs in procs_list:
            shutil.rmtree(workdir / f"{name}-{count}-{procs}", ignore_errors=True)
        print(f"  {name}: {json.dumps(row, ensure_ascii=False)}", flush=True)
    out["loadavg_end"] = round(os.getloadavg()[0], 1)
    return out


def main() -> None:
    """Run the benchmark and print (and optionally save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--procs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--time-index",
        type=Path,
        default=None,
        help="only time queries on an existing bigram+unigram index of the first size",
    )
    parser.add_argument(
        "--build-index",
        type=Path,
        default=None,
        help="only build the bigram+unigram index of the first size there (first --procs value)",
    )
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.build_index:
        seconds = build_ours(make_pages(args.sizes[0]), args.build_index, args.procs[0])
        built = {"docs": args.sizes[0], "procs": args.procs[0], "seconds": round(seconds)}
        print(json.dumps(built))
        return
    if args.time_index:
        truth = true_counts(make_pages(args.sizes[0]))
        stats, found = time_ours(args.time_index, args.repeat)
        stats.update(recall=recall(found, truth), exact_counts=exact(found, truth))
        stats["loadavg"] = round(os.getloadavg()[0], 1)
        print(json.dumps({"docs": args.sizes[0], **stats}, ensure_ascii=False))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    results = []
    for count in args.sizes:
        print(f"{count} documents", flush=True)
        results.append(run_size(count, workdir, args.repeat, args.procs))
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
