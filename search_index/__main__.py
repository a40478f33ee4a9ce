"""Command line: ``python -m search_index build [OUTPUT_DIR] [--index-dir DIR] [--procs N]``."""

import argparse
import logging
import sys
from pathlib import Path

from . import build_index, default_index_dir, iter_site_pages

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m search_index", description="建立站内检索索引")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="索引已生成的网站（增量）")
    build.add_argument("output", nargs="?", default="output", type=Path, help="网站输出目录")
    build.add_argument("--index-dir", type=Path, default=None, help="索引目录")
    build.add_argument("--procs", type=int, default=1, help="新建索引时的进程数")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args.output.is_dir():
        print(
            f"网站输出目录不存在：{args.output}（请先运行 python -m sitetools build）",
            file=sys.stderr,
        )
        return 2
    index_dir = args.index_dir or default_index_dir()
    stats = build_index(index_dir, iter_site_pages(args.output), procs=args.procs)
    print(
        f"检索索引 {index_dir}：新增 {stats.added}，更新 {stats.updated}，"
        f"删除 {stats.deleted}，未变 {stats.unchanged}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
