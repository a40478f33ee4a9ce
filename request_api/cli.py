"""Command-line tools: create-staff, overdue-digest (daily cron), refresh-deadlines, seed-sample."""

from __future__ import annotations

import logging

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from .agencies import agency_codes
from .auth import create_staff
from .choices import ROLES
from .extensions import db
from .models import Staff

logger = logging.getLogger(__name__)


@click.command("create-staff")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(sorted(ROLES)),
    required=True,
    help="角色：clerk（经办人）、head（负责人）或 admin（管理员）",
)
@click.option("--agency", "agencies", multiple=True, help="所属机关代码（可重复）")
@click.option("--email", default=None, help="接收逾期提醒清单的电子邮箱")
@with_appcontext
def create_staff_command(username: str, role: str, agencies: tuple[str, ...], email: str | None):
    """Create a staff account and print its password and API token (shown once)."""
    known = agency_codes()
    unknown = [code for code in agencies if code not in known]
    if unknown:
        raise click.UsageError(f"未知的机关代码：{', '.join(unknown)}")
    if role != "admin" and not agencies:
        raise click.UsageError("经办人和负责人必须用 --agency 指定至少一个机关")
    if db.session.scalars(select(Staff).where(Staff.username == username)).first():
        raise click.UsageError(f"用户名 {username} 已存在")
    _, password, token = create_staff(username, role, list(agencies), email)
    click.echo(f"已创建工作人员 {username}（{ROLES[role]}）")
    click.echo(f"password: {password}")
    click.echo(f"api token: {token}")
    click.echo("请妥善保存，密码和令牌不会再次显示。")


@click.command("overdue-digest")
@with_appcontext
def overdue_digest_command():
    """Email each agency's staff its overdue and due-soon applications, and record it."""
    from .services.digest import send_digests

    for agency, overdue, soon, sent_to in send_digests(db.session):
        click.echo(f"{agency}: 超期 {overdue} 件，5个工作日内到期 {soon} 件，发送给 {sent_to} 人")


@click.command("refresh-deadlines")
@with_appcontext
def refresh_deadlines_command():
    """Recompute the stored due dates of every application from its event log.

    Run it after changing the holiday overrides file (DISCLOSURE_HOLIDAYS or
    disclosure/holidays.yaml): the dashboard filters and sorts on the stored dates, while the
    API and the request page always compute them live.
    """
    from .services.deadlines import refresh_all

    checked, changed = refresh_all(db.session)
    click.echo(f"已重新计算 {checked} 件申请的答复期限，其中 {changed} 件有变化。")


def register(app: Flask) -> None:
    """Register the commands on app."""
    app.cli.add_command(create_staff_command)
    app.cli.add_command(overdue_digest_command)
    app.cli.add_command(refresh_deadlines_command)
    from .samples.cli import seed_sample_command

    app.cli.add_command(seed_sample_command)
