"""CLI: flask --app request_api seed-sample [--agency CODE ...] (development only)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..agencies import all_agencies
from ..extensions import db
from .runner import SeedError, seed


@click.command("seed-sample")
@click.option("--agency", "agencies", multiple=True, help="机关代码（可重复；默认全部）")
@with_appcontext
def seed_sample_command(agencies: tuple[str, ...]):
    """Create a deterministic ledger of fictional 2025-2026 applications (development only)."""
    if current_app.config.get("DISCLOSURE_ENV") == "production":
        raise click.ClickException(
            "生产环境禁止生成示例数据：示例申请均为虚构，只能用于开发和测试"
            "（请设置 DISCLOSURE_ENV=development 并使用单独的数据库）。"
        )
    codes = list(agencies) or [a.code for a in all_agencies()]
    try:
        for line in seed(db.session, codes):
            click.echo(line)
    except SeedError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    click.echo("示例数据均为虚构，证件号码仅在运行时生成并写入本数据库。")
