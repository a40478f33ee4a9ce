"""Command line: `python -m sitetools build|check|new`."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date

from .build import build_site
from .check import run_check
from .scaffold import run_new


def parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    p = argparse.ArgumentParser(prog="python -m sitetools", description="政府信息公开网站工具")
    p.add_argument("--settings", default="pelicanconf.py", help="Pelican 配置文件")
    p.add_argument("--content", default=None, help="内容目录（默认取配置中的 PATH）")
    sub = p.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="检查内容并构建网站（先在旁边构建，成功后替换）")
    build.add_argument("--output", default="output", help="输出目录")
    sub.add_parser("check", help="快速检查内容（不构建），可用作 git pre-commit 钩子")
    new = sub.add_parser("new", help="新建一篇文档，自动分配下一个索引号")
    new.add_argument("--agency", required=True, help="机构代码，见 content/agencies.yaml")
    new.add_argument("--category", required=True, help="公开目录分类，如 政策文件")
    new.add_argument("--title", required=True, help="名称")
    new.add_argument("--created", type=date.fromisoformat, default=None, help="成文日期 YYYY-MM-DD")
    new.add_argument("--key-area", dest="key_area", default="", help="重点领域代码，如 fiscal")
    new.add_argument("--doc-no", dest="doc_no", default="", help="发文字号")
    new.add_argument("--kind", default="", help="体裁，如 通知")
    new.add_argument("--summary", default="", help="内容概述")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "check":
        return run_check(args.settings, args.content)
    if args.command == "build":
        return build_site(args.settings, args.output, args.content)
    options = {k: v for k, v in vars(args).items() if k not in ("settings", "command")}
    return run_new(args.settings, **options)


if __name__ == "__main__":
    sys.exit(main())
