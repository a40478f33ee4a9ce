"""Play the sample ledger through the real service functions, in date order."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disclosure.letters import NoticeKind

from .. import domain
from ..agencies import agency_codes
from ..appeals.models import Appeal
from ..appeals.services import AppealInputError, add_appeal, parse_appeal, update_appeal
from ..auth import create_staff
from ..models import Application, Staff
from ..replies.inputs import InputError, parse_correction, parse_extension, parse_fee, parse_reply
from ..replies.mail import send_letter
from ..replies.services import issue_notice, issue_reply
from ..replies.storage import AttachmentError
from ..services.applications import submit_application
from ..services.events import EventConflict, EventInputError, record_event
from ..validation import validate_application
from .people import applicant
from .plan import SEED_END, Case, Step, cases_for

logger = logging.getLogger(__name__)

SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
CLOSINGS = {"withdraw": "withdrawn", "no_correction": "no_correction", "fee_unpaid": "fee_unpaid"}
PAYMENT = "请到云溪市政务服务中心财政窗口缴纳，或通过非税收入缴款码缴纳。"
FACTS = "经检索本机关保存的政府信息，现答复如下。"


REFUSALS = (InputError, EventInputError, EventConflict, AppealInputError, AttachmentError)


class SeedError(RuntimeError):
    """The sample ledger cannot be written; the message is Chinese."""


@dataclass
class Ledger:
    """What the run has created so far: applications and appeals by case, staff by agency."""

    clerks: dict[str, Staff] = field(default_factory=dict)
    heads: dict[str, Staff] = field(default_factory=dict)
    applications: dict[tuple[str, int], Application] = field(default_factory=dict)
    appeals: dict[tuple[str, int, int], Appeal] = field(default_factory=dict)


def moment(day: date, order: int) -> datetime:
    """Return a Beijing working-hours time on day; order keeps actions of a day in sequence."""
    return datetime.combine(day, time(9, 0), tzinfo=domain.BEIJING) + timedelta(seconds=order)


def working_day(start: date, offset: int) -> date:
    """Return the working day offset working days after start (start itself for 0)."""
    cal = domain.calendar()
    day = cal.next_working_day_on_or_after(start)
    return cal.add_working_days(day, offset).day if offset else day


def timeline(codes: list[str]) -> list[tuple[date, int, str, int, int, Case, Step | None]]:
    """Return every action of every case, sorted by day (submissions first within a case)."""
    actions = []
    for code in codes:
        for ci, case in enumerate(cases_for(code)):
            received = working_day(case.received, 0)
            actions.append((received, ci, code, 0, 0, case, None))
            for si, step in enumerate(case.steps, start=1):
                actions.append((working_day(received, step.offset), ci, code, si, 0, case, step))
                decided = step.args.get("decided") if step.action == "appeal" else None
                if decided:
                    actions.append((working_day(received, decided), ci, code, si, 1, case, step))
    late = [a for a in actions if a[0] > SEED_END]
    if late:
        raise SeedError(f"示例数据的日期不能晚于{SEED_END}")
    return sorted(actions, key=lambda a: (a[0], a[2], a[1], a[3], a[4]))


def ensure_staff(session: Session, ledger: Ledger, code: str) -> None:
    """Create (or reuse) the sample clerk and head of an agency: disabled, secrets discarded."""
    for role, store in (("clerk", ledger.clerks), ("head", ledger.heads)):
        name = f"sample-{code}-{role}"
        staff = session.scalars(select(Staff).where(Staff.username == name)).first()
        store[code] = staff or create_staff(name, role, [code], None)[0]
        store[code].active = False  # they only sign the sample events; nobody logs in as them
    session.commit()


def has_applications(session: Session, codes: list[str]) -> list[str]:
    """Return the agencies among codes that already have applications."""
    stmt = (
        select(Application.agency_code)
        .where(Application.agency_code.in_(codes))
        .group_by(Application.agency_code)
        .having(func.count() > 0)
    )
    return sorted(session.scalars(stmt))


def seed(session: Session, codes: list[str]) -> Iterator[str]:
    """Create the sample ledger of the agencies; yield one Chinese line per agency done."""
    codes = list(dict.fromkeys(codes))
    known = agency_codes()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise SeedError(f"未知的机关代码：{', '.join(unknown)}")
    taken = has_applications(session, codes)
    if taken:
        raise SeedError(f"以下机关已有申请记录，示例数据只能写入空台账：{', '.join(taken)}")
    ledger = Ledger()
    for code in codes:
        ensure_staff(session, ledger, code)
    for order, (day, ci, code, si, phase, case, step) in enumerate(timeline(codes)):
        now = moment(day, order)
        try:
            if step is None:
                ledger.applications[code, ci] = _submit(session, ledger, case, ci, now)
            else:
                _run(session, ledger, (code, ci, si, phase), step, day, now)
        except REFUSALS as exc:
            session.rollback()
            raise SeedError(f"{code} 第{ci + 1}件示例申请（{day}）未能登记：{exc}") from exc
    for code in codes:
        yield f"{code}：已生成示例申请 {len(cases_for(code))} 件"


def _submit(session: Session, ledger: Ledger, case: Case, ci: int, now: datetime) -> Application:
    """Validate and register one case's application through the intake service."""
    rng = random.Random(f"seed-sample:{case.agency}:{ci}")
    paper = ci % 4 == 3
    raw = {
        **applicant(rng, case.category, ci),
        "agency": case.agency,
        "description": case.description,
        "medium": "paper" if paper else "electronic",
        "delivery": "post" if paper else "email",
    }
    data, errors = validate_application(raw, agency_codes())
    if errors:
        raise SeedError(f"示例申请不合规：{errors}")
    online = case.channel == "online"
    received = domain.receipt_date(case.channel, now, None if online else now.date())
    actor = None if online else ledger.clerks[case.agency]
    submitted = submit_application(
        session, data, now, channel=case.channel, received_on=received, actor=actor
    )
    return submitted.application


def _run(session: Session, ledger: Ledger, key: tuple, step: Step, day: date, now: datetime):
    """Perform one step of a case."""
    code, ci, si, phase = key
    application = ledger.applications[code, ci]
    clerk = ledger.clerks[code]
    if step.action == "appeal":
        _appeal(session, ledger, key, application, step, day, now)
    elif step.action in HANDLERS:
        HANDLERS[step.action](session, application, step, day, now, clerk)
    elif step.action in CLOSINGS:
        _reply(
            session,
            application,
            Step(0, "reply", {"reply_kind": CLOSINGS[step.action]}),
            day,
            now,
            clerk,
        )
    elif step.action == "extend":
        _notice(
            session,
            application,
            NoticeKind.EXTENSION,
            parse_extension(
                {
                    "working_days": str(step.args["working_days"]),
                    "date": day.isoformat(),
                    "reason": "申请内容涉及多个年度的资料，需调取档案逐件核对。",
                }
            ),
            now,
            ledger.heads[code],
        )
    else:
        raise SeedError(f"未知的示例步骤：{step.action}")


def _reply(session, application, step, day, now, clerk) -> None:
    """Issue a reply or closing letter (with a sample attachment when asked) and email it."""
    args = {k: v for k, v in step.args.items() if k != "attach"}
    data = parse_reply({"facts": FACTS, **args, "date": day.isoformat()})
    files = [("答复材料.pdf", SAMPLE_PDF)] if step.args.get("attach") else []
    letter = issue_reply(session, application, data, files, clerk, now)
    send_letter(session, application, letter)


def _notice(session, application, kind: NoticeKind, data: dict, now, actor) -> None:
    """Issue a notice letter and email it."""
    letter = issue_notice(session, application, kind, data, actor, now)
    send_letter(session, application, letter)


def _correction(session, application, step, day, now, clerk) -> None:
    """Send the one-time correction notice (条例第三十条)."""
    data = parse_correction(
        {
            "items": "请写明所需信息的名称、文号或者便于查询的其他特征性描述",
            "date": day.isoformat(),
            "correction_due": working_day(day, 10).isoformat(),
        }
    )
    _notice(session, application, NoticeKind.CORRECTION, data, now, clerk)


def _fee(session, application, step, day, now, clerk) -> None:
    """Send a per-page fee notice (信息处理费管理办法)."""
    data = parse_fee(
        {
            "method": "per_page",
            "pages": str(step.args["pages"]),
            "date": day.isoformat(),
            "payment_instructions": PAYMENT,
        }
    )
    _notice(session, application, NoticeKind.FEE, data, now, clerk)


def _event(kind: str) -> Callable:
    """Return a handler that records a plain workflow event."""

    def handler(session, application, step, day, now, clerk) -> None:
        record_event(session, application, {"type": kind, "date": day.isoformat()}, clerk, now)

    return handler


def _appeal(session, ledger: Ledger, key: tuple, application, step: Step, day, now) -> None:
    """Record an appeal when filed (pending), then its result when decided."""
    code, ci, si, phase = key
    clerk = ledger.clerks[code]
    if phase == 0:
        fields = parse_appeal(
            {"kind": step.args["kind"], "filed_on": day.isoformat()}, application, day
        )
        ledger.appeals[code, ci, si] = add_appeal(session, application, fields, clerk, now)
        return
    appeal = ledger.appeals[code, ci, si]
    data = {
        "kind": appeal.kind,
        "filed_on": appeal.filed_on.isoformat(),
        "result": step.args["result"],
        "decided_on": day.isoformat(),
    }
    update_appeal(session, appeal, parse_appeal(data, application, day), clerk, now)


HANDLERS: dict[str, Callable] = {
    "reply": _reply,
    "correction": _correction,
    "fee": _fee,
    "correction_received": _event("correction_received"),
    "consult": _event("consultation_sent"),
    "consult_answer": _event("consultation_answered"),
    "fee_paid": _event("fee_paid"),
}
