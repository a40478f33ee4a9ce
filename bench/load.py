"""Load benchmark of the served request service on 127.0.0.1 (a script, never a timed test).

Starts gunicorn (deploy/gunicorn.conf.py, as `make serve-prod` does) on a free port against
SQLite, then PostgreSQL in a fresh database it creates and drops; drives submissions, tracking
lookups, searches and static pages at 1, 10 and 50 concurrent clients from this separate process;
and serves a trivial Flask app the same way as the ratio baseline.

Mail as in production (`--mail queue`, the default): the workers only queue notices
(MAIL_DELIVERY=queue) and `flask --app request_api send-mail --watch --interval 1` runs beside them
under `nice -n 10`; after the submissions the script waits (at most 60 s) for the outbox to empty
and reports how long the deliverer needed. `--mail thread` delivers in each worker instead.

    .venv/bin/python bench/load.py --requests 300 --clients 1,10,50 --databases sqlite,postgresql
    .venv/bin/python bench/load.py --requests 300 --clients 10 --kinds none --mail thread

"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import BIN, GUNICORN_CONF, REPO, GunicornServer, MailDeliverer  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SEARCH_TERMS = ["公开", "财政", "预算", "住房", "通知", "规划", "安全", "环境"]
TARGET_SUBMIT_P99_MS = 200.0
BASELINE_THREADS = os.environ.get("GUNICORN_THREADS") or "4"
MAIL_MODES = ("queue", "thread")
MAIL_INTERVAL = 1.0  # seconds between the deliverer's runs (production default: 2)
MAIL_CATCH_UP_TIMEOUT = 60.0
WAITING = ("queued", "sending")  # NoticeStatus values of notices not yet delivered


@dataclass(frozen=True)
class Call:
    """One HTTP request to make."""

    method: str
    path: str
    body: bytes | None = None
    expect: int = 200


@dataclass
class Phase:
    """Measurements of one kind of request at one concurrency level."""

    database: str
    kind: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    wall: float = 0.0

    def percentile(self, q: float) -> float:
        """Return the q-quantile latency in milliseconds (nearest rank)."""
        data = sorted(self.latencies)
        return data[min(len(data) - 1, round(q * (len(data) - 1)))] * 1000 if data else 0.0

    @property
    def throughput(self) -> float:
        """Return completed requests per second."""
        return len(self.latencies) / self.wall if self.wall else 0.0


@dataclass
class MailFigures:
    """The outbox of one database after its submissions, as the separate deliverer left it."""

    database: str
    queued: int = 0
    delivered: int = 0
    waiting: int = 0
    catch_up_s: float | None = None  # from the last submission until nothing waited
    deliverer_exit: int | None = None


def _drive(port: int, calls: list[Call], phase: Phase, lock: threading.Lock, queue: list) -> None:
    """Run calls from the shared queue over one keep-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    while True:
        with lock:
            if not queue:
                break
            call = calls[queue.pop()]
        start = time.perf_counter()
        try:
            conn.request(call.method, call.path, body=call.body, headers=headers)
            response = conn.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status, body = 0, repr(exc).encode()
        elapsed = time.perf_counter() - start
        with lock:
            phase.latencies.append(elapsed)
            if status != call.expect:
                phase.errors.append(f"{call.method} {call.path} -> {status} {body[:200]!r}")
            elif call.method == "POST":
                phase.bodies.append(body)
    conn.close()


def run_phase(port: int, calls: list[Call], phase: Phase) -> Phase:
    """Send every call with phase.clients threads; fill in latencies, errors and wall time."""
    lock, queue = threading.Lock(), list(range(len(calls)))[::-1]
    threads = [
        threading.Thread(target=_drive, args=(port, calls, phase, lock, queue))
        for _ in range(phase.clients)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.wall = time.perf_counter() - start
    return phase


def agency_codes() -> list[str]:
    """Read the agency codes of content/agencies.yaml."""
    text = (REPO / "content" / "agencies.yaml").read_text(encoding="utf-8")
    return re.findall(r"^- code: *([a-z0-9_-]+)", text, flags=re.M) or ["szf"]


def submission(n: int, agency: str) -> Call:
    """Return the n-th public online application as a JSON POST."""
    body = {
        "applicant_kind": "citizen",
        "name": f"压测申请人{n}",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "email": f"bench{n}@example.com",
        "address": "云溪市溪城区南京路88号",
        "postcode": "236100",
        "agency": agency,
        "description": f"请公开2025年度部门预算执行情况（压测第{n}件）。",
        "medium": "electronic",
        "delivery": "online",
        "purpose": "了解财政资金使用情况",
    }
    return Call("POST", "/api/v1/requests", json.dumps(body).encode(), 201)


def static_paths(site_dir: Path, limit: int = 30) -> list[str]:
    """Return up to limit URL paths of built HTML pages (home and catalogue first)."""
    if not (site_dir / "index.html").is_file():
        return []
    pages = ["/", "/catalogue/"] if (site_dir / "catalogue" / "index.html").is_file() else ["/"]
    for page in sorted(site_dir.glob("doc/*/index.html"))[: limit - len(pages)]:
        pages.append("/" + page.parent.relative_to(site_dir).as_posix() + "/")
    return pages


def build_calls(kind: str, n: int, codes: list[str], agencies: list[str], pages: list[str]):
    """Return n calls of one kind."""
    if kind == "submit":
        return [submission(i, agencies[i % len(agencies)]) for i in range(n)]
    if kind == "track":
        return [
            Call("GET", f"/api/v1/track/{codes[i % len(codes)]}")
            if i % 2
            else Call("GET", "/track?code=" + urllib.parse.quote(codes[i % len(codes)]))
            for i in range(n)
        ]
    if kind == "search":
        return [
            Call("GET", ("/api/v1/search?q=" if i % 2 else "/search?q=") + urllib.parse.quote(term))
            for i, term in ((i, SEARCH_TERMS[i % len(SEARCH_TERMS)]) for i in range(n))
        ]
    if kind == "static":
        return [Call("GET", pages[i % len(pages)]) for i in range(n)]
    return [Call("GET", "/") for _ in range(n)]


def tracking_codes(phases: list[Phase]) -> list[str]:
    """Collect the tracking codes returned by the submissions."""
    codes = []
    for phase in phases:
        for body in phase.bodies:
            try:
                codes.append(json.loads(body)["tracking_code"])
            except (ValueError, KeyError):
                pass
    return codes


def service_env(
    database_url: str, tmp: Path, site: tuple[Path, Path], mail: str = "queue"
) -> dict[str, str]:
    """Return the environment of a production-like service with rate limits off."""
    return {
        "DISCLOSURE_ENV": "production",
        "MAIL_DELIVERY": mail,
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": "0",
        "OUTBOX_DIR": str(tmp / "outbox"),
        "SITE_DIR": str(site[0]),
        "SEARCH_INDEX_DIR": str(site[1]),
    }


def prepare_site(site_dir: Path, index_dir: Path, tmp: Path) -> tuple[Path, Path]:
    """Return a built site and its search index, building both into tmp when missing."""
    import subprocess

    if (site_dir / "index.html").is_file() and index_dir.is_dir():
        return site_dir, index_dir
    site_dir, index_dir = tmp / "output", tmp / "search-index"
    build = (
        "from sitetools.build import build_site; import sys; sys.exit(build_site(*sys.argv[1:]))"
    )
    for cmd in (
        [sys.executable, "-c", build, "pelicanconf.py", str(site_dir)],
        [
            sys.executable,
            "-m",
            "search_index",
            "build",
            str(site_dir),
            "--index-dir",
            str(index_dir),
        ],
    ):
        subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    return site_dir, index_dir


def migrate(env: dict[str, str]) -> None:
    """Apply the migrations with `flask --app request_api db upgrade`."""
    import subprocess

    subprocess.run(
        [str(BIN / "flask"), "--app", "request_api", "db", "upgrade"],
        cwd=REPO,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )


def measure(port: int, database: str, kind: str, args, make_calls) -> list[Phase]:
    """Warm every worker up (unmeasured), then run make_calls(n) at each concurrency level."""
    top = max(args.clients)
    if args.warmup:
        run_phase(port, make_calls(max(args.warmup, top)), Phase(database, kind, top))
    phases = []
    for clients in args.clients:
        calls = make_calls(max(args.requests, clients * 4))
        phases.append(run_phase(port, calls, Phase(database, kind, clients)))
    return phases


def outbox_counts(engine) -> dict[str, int]:
    """Return the number of notifications in each status."""
    import sqlalchemy as sa

    status = sa.column("status")
    query = sa.select(status, sa.func.count()).select_from(sa.table("notifications"))
    query = query.group_by(status)
    with engine.connect() as conn:
        return {row[0]: row[1] for row in conn.execute(query)}


def mail_catch_up(name: str, url: str, since: float) -> MailFigures:
    """Wait until no notice waits (at most MAIL_CATCH_UP_TIMEOUT); count the outbox."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    figures = MailFigures(name)
    try:
        while True:
            counts = outbox_counts(engine)
            figures.waiting = sum(counts.get(status, 0) for status in WAITING)
            if not figures.waiting:
                figures.catch_up_s = round(time.monotonic() - since, 2)
                break
            if time.monotonic() - since > MAIL_CATCH_UP_TIMEOUT:
                break
            time.sleep(0.1)
    finally:
        engine.dispose()
    figures.queued, figures.delivered = sum(counts.values()), counts.get("sent", 0)
    return figures


def bench_service(
    name: str, url: str, args, tmp: Path, site: tuple[Path, Path]
) -> tuple[list[Phase], MailFigures | None]:
    """Benchmark the service on one database; return its phases and, in queue mode, its mail."""
    env = service_env(url, tmp, site, args.mail)
    pages = static_paths(site[0])
    migrate(env)
    log = tmp / f"gunicorn-{name}.log"
    deliverer = None
    if args.mail == "queue":
        deliverer = MailDeliverer(env, MAIL_INTERVAL, tmp / f"mail-{name}.log")
    mail = None
    with (
        GunicornServer("request_api:create_app()", env, args.workers, "/track", log) as server,
        deliverer or contextlib.nullcontext(),
    ):
        agencies = agency_codes()
        phases = measure(
            server.port, name, "submit", args, lambda n: build_calls("submit", n, [], agencies, [])
        )
        if deliverer is not None:
            mail = mail_catch_up(name, url, time.monotonic())
        codes = tracking_codes(phases)
        for kind in ("track", "search", "static"):
            if kind not in args.kinds or (kind == "track" and not codes):
                continue

            def make_calls(n: int, kind: str = kind) -> list[Call]:
                return build_calls(kind, n, codes, agencies, pages)

            phases += measure(server.port, name, kind, args, make_calls)
    if mail is not None:
        mail.deliverer_exit = deliverer.returncode
    return phases, mail


def bench_baseline(args, tmp: Path) -> list[Phase]:
    """Benchmark the trivial Flask app served the same way."""
    env = {"PYTHONPATH": str(REPO / "bench"), "GUNICORN_THREADS": BASELINE_THREADS}
    log = tmp / "gunicorn-baseline.log"
    with GunicornServer("trivial_app:app", env, args.workers, "/", log) as server:
        return measure(
            server.port, "-", "baseline", args, lambda n: build_calls("baseline", n, [], [], [])
        )


class PostgresDatabase:
    """A fresh PostgreSQL database for one run, dropped afterwards."""

    def __init__(self, base_url: str) -> None:
        from sqlalchemy.engine import make_url

        self.base = make_url(base_url)
        self.name = f"bench_{secrets.token_hex(6)}"
        self.url = self.base.set(database=self.name).render_as_string(hide_password=False)

    def _admin(self, sql: str) -> None:
        """Run one statement outside a transaction on the base database."""
        import psycopg

        dsn = self.base.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql)

    def __enter__(self) -> str:
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *_exc: object) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def gunicorn_threads(database: str) -> str:
    """Return the threads per worker that deploy/gunicorn.conf.py picks for a database."""
    import subprocess

    if database == "baseline":
        return BASELINE_THREADS
    urls = {"sqlite": "sqlite:///bench.sqlite3", "postgresql": DEFAULT_PG}
    code = "import runpy, sys; print(runpy.run_path(sys.argv[1])['threads'])"
    env = {**os.environ, "DATABASE_URL": urls.get(database, "")}
    done = subprocess.run(
        [sys.executable, "-c", code, str(GUNICORN_CONF)], env=env, capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def report(phases: list[Phase], baseline: list[Phase]) -> str:
    """Format the phases as a table, with the throughput ratio to the baseline."""
    base = {p.clients: p.throughput for p in baseline}
    head = f"{'database':<11}{'kind':<9}{'clients':>8}{'requests':>9}{'errors':>7}"
    head += f"{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs base':>9}"
    lines = [head, "-" * len(head)]
    for p in baseline + phases:
        ratio = p.throughput / base[p.clients] if base.get(p.clients) else 0.0
        lines.append(
            f"{p.database:<11}{p.kind:<9}{p.clients:>8}{len(p.latencies):>9}{len(p.errors):>7}"
            f"{p.throughput:>9.1f}{p.percentile(0.5):>9.1f}{p.percentile(0.99):>9.1f}{ratio:>9.2f}"
        )
    return "\n".join(lines)


def mail_report(mails: list[MailFigures]) -> str:
    """Format what the separate deliverer did after the submissions."""
    head = f"{'database':<11}{'queued':>9}{'delivered':>10}{'waiting':>9}{'catch-up s':>12}"
    lines = [head, "-" * len(head)]
    for m in mails:
        catch_up = (
            f">{MAIL_CATCH_UP_TIMEOUT:.0f}" if m.catch_up_s is None else f"{m.catch_up_s:.1f}"
        )
        lines.append(f"{m.database:<11}{m.queued:>9}{m.delivered:>10}{m.waiting:>9}{catch_up:>12}")
    return "\n".join(lines)


def verdict(phases: list[Phase], mails: list[MailFigures] | None = None) -> list[str]:
    """Return the failures against the aims: no errors, submission p99 <= 200 ms at 10 clients.

    In queue mode also: every notice delivered within a minute, the deliverer stopped cleanly.
    """
    failures = [
        f"{p.database} {p.kind} x{p.clients}: {len(p.errors)} errors" for p in phases if p.errors
    ]
    for p in phases:
        if p.kind == "submit" and p.clients == 10 and p.percentile(0.99) > TARGET_SUBMIT_P99_MS:
            failures.append(f"{p.database} submit x10: p99 {p.percentile(0.99):.0f} ms > 200 ms")
    for m in mails or []:
        if m.delivered != m.queued:
            failures.append(f"{m.database} mail: {m.queued - m.delivered} notices not delivered")
        if m.deliverer_exit != 0:
            failures.append(f"{m.database} mail: deliverer exit status {m.deliverer_exit}")
    return failures


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per kind and level")
    parser.add_argument("--clients", default="1,10,50", help="concurrency levels")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 4)))
    parser.add_argument("--kinds", default="track,search,static", help="besides submissions")
    parser.add_argument("--warmup", type=int, default=50, help="unmeasured requests per kind")
    parser.add_argument("--site-dir", default=os.environ.get("SITE_DIR", str(REPO / "output")))
    parser.add_argument(
        "--index-dir",
        default=os.environ.get("SEARCH_INDEX_DIR", str(REPO / "var" / "search-index")),
    )
    parser.add_argument(
        "--mail",
        choices=MAIL_MODES,
        default="queue",
        help="queue: workers only queue, a separate nice'd send-mail --watch delivers; "
        "thread: a delivery thread in each worker",
    )
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    args.clients = [int(c) for c in args.clients.split(",")]
    args.kinds = set(args.kinds.split(","))
    args.requests = min(args.requests, 5000)  # bounded, whatever the command line says
    args.warmup = min(args.warmup, 500)
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; exit 1 when an aim is missed."""
    args = parse_args(argv)
    phases: list[Phase] = []
    mails: list[MailFigures] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="disclosure-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site = (Path(args.site_dir), Path(args.index_dir))
        if args.kinds & {"search", "static"}:
            site = prepare_site(*site, tmp)
        baseline = bench_baseline(args, tmp)
        for name in filter(None, args.databases.split(",")):
            if name == "sqlite":
                url = f"sqlite:///{tmp / 'bench.sqlite3'}"
                done, mail = bench_service(name, url, args, tmp, site)
            else:
                with PostgresDatabase(args.pg_url) as url:
                    done, mail = bench_service(name, url, args, tmp, site)
            phases += done
            mails += [mail] if mail else []
    for name in ["baseline", *filter(None, args.databases.split(","))]:
        threads = gunicorn_threads(name)
        print(f"gunicorn ({name}): {args.workers} workers x {threads} threads")
    print("clients: threads in this process")
    if args.mail == "queue":
        print(
            f"mail: MAIL_DELIVERY=queue, nice -n 10 send-mail --watch --interval {MAIL_INTERVAL:g}"
        )
    else:
        print("mail: MAIL_DELIVERY=thread (a delivery thread in each worker)")
    print(f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    print(report(phases, baseline))
    for p in phases:
        for error in p.errors[:3]:
            print(f"error {p.database} {p.kind} x{p.clients}: {error}")
    if mails:
        print("\nmail delivered by the separate deliverer after the last submission:")
        print(mail_report(mails))
    failures = verdict(phases, mails)
    print("aims met" if not failures else "aims missed: " + "; ".join(failures))
    if args.json:
        rows = [
            {
                "database": p.database,
                "kind": p.kind,
                "clients": p.clients,
                "requests": len(p.latencies),
                "errors": len(p.errors),
                "throughput": round(p.throughput, 1),
                "p50_ms": round(p.percentile(0.5), 1),
                "p99_ms": round(p.percentile(0.99), 1),
            }
            for p in baseline + phases
        ]
        figures = {"mail": args.mail, "phases": rows, "delivery": [asdict(m) for m in mails]}
        Path(args.json).write_text(
            json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
