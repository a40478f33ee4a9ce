"""CLI: flask --app request_api annual-report YEAR --agency CODE."""

from __future__ import annotations

import click

from disclosure.annual_report import AnnualDataError, LedgerError

from .. import domain
from ..agencies import agency_by_code
from ..extensions import db
from ..services.applications import now_utc
from . import bp
from .annual import annual_report
from .publish import PublishError, write_report_page


@bp.cli.command("annual-report")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--agency", "agency_code", required=True, help="机关代码，如 czj")
@click.option("--force", is_flag=True, help="覆盖已生成的年度报告页面（索引号不变）")
def annual_report_command(year: int, agency_code: str, force: bool):
    """Write the agency's annual report for YEAR into content/documents/<code>/."""
    from flask import current_app

    agency = agency_by_code(agency_code)
    if agency is None:
        raise click.UsageError(f"未知的机关代码：{agency_code}")
    content = current_app.config["CONTENT_DIR"]
    try:
        report = annual_report(db.session, content, agency.code, agency.name, year)
        created = domain.beijing_today(now_utc())
        path = write_report_page(report, content, agency, created, overwrite=force)
    except (LedgerError, AnnualDataError) as exc:
        raise click.ClickException("年度报告数据有误：\n" + "\n".join(exc.problems)) from None
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已写入 {path}")
    click.echo(
        "这是草稿（Status: draft，不发布）：请补写其中标有“【待编辑填写】”的部分，"
        "删除 Status: draft 一行，然后运行 make check 和 make build 发布。"
    )
