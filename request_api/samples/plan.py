"""The sample ledger as data: cases with their receipt day and their steps (fictional)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

SEED_END = date(2026, 11, 13)  # no step is dated later: the ledger never depends on today
CHANNELS = ("online", "online", "in_person", "email", "registered_mail", "fax", "mail")


@dataclass(frozen=True)
class Step:
    """One action on a case, offset working days after the day of receipt."""

    offset: int
    action: str  # reply, correction, correction_received, consult, consult_answer, fee,
    # fee_paid, extend, withdraw, no_correction, fee_unpaid, appeal, decide
    args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One fictional application and what happens to it."""

    agency: str
    received: date
    category: str
    description: str
    steps: tuple[Step, ...] = ()
    channel: str = "online"


def reply(offset: int, kind: str, outcome: str = "", **extra) -> Step:
    """Return a reply step."""
    return Step(offset, "reply", {"reply_kind": kind, "outcome": outcome, **extra})


def appeal(offset: int, kind: str, result: str = "pending", decided: int | None = None) -> Step:
    """Return an appeal filed offset working days after receipt (decided later, if at all)."""
    return Step(offset, "appeal", {"kind": kind, "result": result, "decided": decided})


REFUSAL_REASONS = {
    "withheld_state_secret": "该信息已依法确定为国家秘密（条例第十四条）。",
    "withheld_prohibited_by_law": "法律、行政法规禁止公开该信息（条例第十四条）。",
    "withheld_security_stability": "公开后可能危及经济安全和社会稳定（条例第十四条）。",
    "withheld_third_party": "第三方不同意公开，且不公开不会对公共利益造成重大影响"
    "（条例第十五条）。",
    "withheld_internal_affairs": "该信息属于人事管理等内部事务信息（条例第十六条第一款）。",
    "withheld_process_info": "该信息属于讨论记录、过程稿等过程性信息（条例第十六条第二款）。",
    "withheld_enforcement_file": "该信息属于行政执法案卷信息（条例第十六条第二款）。",
}


def _refused(offset: int, outcome: str) -> Step:
    """Return a refusal with the reason its outcome calls for."""
    return reply(offset, "refused", outcome, reason=REFUSAL_REASONS[outcome])


# Agency czj (市财政局): every outcome of table 三 at least once, every applicant category,
# carry-over into 2026 and into 2027, each kind of appeal.
CZJ = (
    (
        "2025-03-10",
        "natural_person",
        "2024年度市级部门决算中“三公”经费支出明细",
        (reply(12, "provided", attach=True),),
    ),
    (
        "2025-04-14",
        "business",
        "2025年政府采购意向公开目录及预算金额",
        (reply(15, "partly_provided", reason="其中供应商报价明细涉及商业秘密，依法不予公开。"),),
    ),
    (
        "2025-06-09",
        "natural_person",
        "涉密财政专项资金的分配文件",
        (
            _refused(18, "withheld_state_secret"),
            appeal(30, "reconsideration", "upheld", decided=70),
        ),
    ),
    ("2025-09-15", "research", "2010年以前的乡镇财政所会计档案目录", (reply(14, "not_exist"),)),
    (
        "2025-11-03",
        "legal_service",
        "某项目有关资金的文件",
        (Step(3, "correction"), Step(20, "no_correction")),
    ),
    (
        "2025-12-08",
        "natural_person",
        "2025年度市级财政衔接推进乡村振兴补助资金分配表",
        (Step(15, "extend", {"working_days": 15}), reply(28, "provided")),
    ),
    (
        "2025-12-22",
        "public_interest",
        "某污水处理特许经营项目的财政补贴测算报告",
        (
            Step(5, "consult"),
            Step(14, "consult_answer"),
            _refused(22, "withheld_third_party"),
            appeal(40, "reconsideration", "corrected", decided=80),
        ),
    ),
    (
        "2025-12-29",
        "other",
        "2025年村级公益事业建设一事一议财政奖补项目清单",
        (Step(8, "withdraw"),),
    ),
    (
        "2026-01-12",
        "natural_person",
        "市财政局内设机构人员编制和职责分工",
        (_refused(10, "withheld_internal_affairs"),),
    ),
    (
        "2026-01-19",
        "business",
        "2026年中小企业发展专项资金申报指南",
        (
            reply(
                6,
                "proactively_disclosed",
                location="已在本局门户网站“政策文件”栏目公开，可通过政府信息公开目录查阅。",
            ),
        ),
    ),
    (
        "2026-02-10",
        "natural_person",
        "市财政局对某街道专项债券项目的审核意见（讨论稿）",
        (_refused(17, "withheld_process_info"), appeal(35, "direct_lawsuit", "pending")),
    ),
    (
        "2026-03-02",
        "legal_service",
        "对某公司财政违法行为的行政处罚案卷全部材料",
        (
            _refused(15, "withheld_enforcement_file"),
            appeal(30, "reconsideration", "upheld", decided=60),
            appeal(65, "lawsuit_after_reconsideration", "other", decided=110),
        ),
    ),
    (
        "2026-03-16",
        "business",
        "某企业的财政票据领购登记信息",
        (
            reply(
                9,
                "special_register",
                location="可持有效证件到云溪市财政票据管理中心按规定办理查询。",
            ),
        ),
    ),
    (
        "2026-03-23",
        "research",
        "近十年全市财政收入按行业分类的统计分析报告",
        (reply(18, "needs_creation"),),
    ),
    (
        "2026-04-07",
        "natural_person",
        "有关补贴的所有材料",
        (Step(4, "correction"), Step(9, "correction_received"), reply(20, "unclear")),
    ),
    (
        "2026-04-20",
        "natural_person",
        "举报某单位违规发放津贴补贴，请求查处",
        (reply(7, "not_an_application"),),
    ),
    (
        "2026-05-11",
        "natural_person",
        "2024年度市级部门决算中“三公”经费支出明细",
        (reply(5, "repeated", previous_reply="本局已于2025年就同一内容作出答复。"),),
    ),
    (
        "2026-05-25",
        "public_interest",
        "《云溪市财政年鉴（2025）》全书",
        (
            reply(
                6,
                "publication",
                location="该年鉴已公开出版发行，可在市图书馆查阅或向出版单位购买。",
            ),
        ),
    ),
    (
        "2026-06-08",
        "other",
        "2010年至2026年全部财政支出凭证逐笔明细",
        (reply(12, "excessive", reason="申请内容明显超过合理范围，且未说明理由。"),),
    ),
    (
        "2026-06-22",
        "legal_service",
        "请求对已获取的预算批复文件加盖公章确认",
        (reply(8, "confirmation"),),
    ),
    (
        "2026-07-06",
        "business",
        "2026年政府采购代理机构考核结果全文",
        (Step(4, "fee", {"pages": 150}), Step(30, "fee_unpaid")),
    ),
    (
        "2026-07-13",
        "natural_person",
        "危及金融稳定的地方债务风险处置预案",
        (_refused(16, "withheld_security_stability"),),
    ),
    (
        "2026-07-20",
        "research",
        "市级国有资本经营预算执行情况",
        (Step(3, "fee", {"pages": 60}), Step(8, "fee_paid"), reply(18, "provided", attach=True)),
    ),
    (
        "2026-08-03",
        "natural_person",
        "涉及未成年人的专项救助资金领取人名单",
        (_refused(11, "withheld_prohibited_by_law"),),
    ),
    (
        "2026-08-17",
        "business",
        "市住房公积金管理中心的年度缴存统计",
        (
            reply(
                7,
                "not_this_agency",
                right_agency="云溪市住房公积金管理中心",
                right_agency_contact="联系电话：0558-3000000",
            ),
        ),
    ),
    (
        "2026-08-24",
        "natural_person",
        "某国防动员工程的财政拨款文件",
        (_refused(14, "withheld_state_secret"),),
    ),
    (
        "2026-09-01",
        "other",
        "有关部门的相关文件",
        (Step(3, "correction"), Step(19, "no_correction")),
    ),
    (
        "2026-09-07",
        "public_interest",
        "2026年上半年市级预算执行情况报告",
        (reply(10, "partly_provided", reason="报告附件中个人信息已作区分处理。"),),
    ),
    ("2026-09-14", "natural_person", "2026年政府债券资金安排使用情况", (Step(2, "withdraw"),)),
    ("2026-10-19", "other", "某社区公共服务项目的财政补助拨付凭证", (Step(4, "consult"),)),
    ("2026-11-02", "natural_person", "2027年市级财政预算编制工作方案", (Step(5, "correction"),)),
    ("2026-11-09", "legal_service", "市财政局2026年行政处罚事项清单", ()),
    ("2026-11-12", "business", "2026年度政府购买服务指导性目录", ()),
)

TOPICS = (
    "年度部门预算和“三公”经费",
    "行政许可事项办理结果",
    "行政处罚决定书",
    "重大建设项目批准文件",
    "政府采购合同",
    "专项资金分配结果",
    "突发事件应急预案",
    "监督检查结果",
    "规范性文件起草说明",
    "年度工作总结",
    "收费项目及标准",
    "统计公报",
)
PALETTE = (  # reply kind, working days to reply, outcome, letter text
    ("provided", 12, "", {}),
    ("partly_provided", 15, "", {"reason": "涉及个人隐私的部分已作区分处理。"}),
    ("not_exist", 9, "", {}),
    ("refused", 16, "withheld_process_info", {"reason": REFUSAL_REASONS["withheld_process_info"]}),
    ("proactively_disclosed", 6, "", {"location": "已在本机关门户网站公开。"}),
    ("repeated", 5, "", {"previous_reply": "本机关此前已就同一内容作出答复。"}),
)
CATEGORIES = ("natural_person", "natural_person", "business", "research", "public_interest",
              "legal_service", "other")  # fmt: skip


def _generic_steps(rng: random.Random, received: date) -> tuple[Step, ...]:
    """Return a closing for a case of a generated agency (open when received late in 2026)."""
    if received >= date(2026, 10, 26):
        return ()
    if rng.random() < 0.1:
        return (Step(3, "withdraw"),)
    kind, offset, outcome, extra = rng.choice(PALETTE)
    return (reply(offset, kind, outcome, **extra),)


def generated_cases(code: str, count: int = 14) -> list[Case]:
    """Return a deterministic ledger for an agency without a hand-written one."""
    rng = random.Random(f"seed-sample:{code}")
    start, span = date(2025, 2, 3).toordinal(), date(2026, 11, 6).toordinal()
    days = sorted(date.fromordinal(rng.randrange(start, span)) for _ in range(count))
    days[-3:] = [date(2025, 12, 24), date(2026, 10, 26), date(2026, 11, 5)]
    return [
        Case(
            code,
            day,
            rng.choice(CATEGORIES),
            f"{day.year}年{rng.choice(TOPICS)}",
            _generic_steps(rng, day),
            rng.choice(CHANNELS),
        )  # fmt: skip
        for day in sorted(days)
    ]


def czj_cases() -> list[Case]:
    """Return the hand-written ledger of czj."""
    return [
        Case("czj", date.fromisoformat(day), category, text, steps, CHANNELS[i % len(CHANNELS)])
        for i, (day, category, text, steps) in enumerate(CZJ)
    ]


def cases_for(code: str) -> list[Case]:
    """Return the sample cases of one agency."""
    return czj_cases() if code == "czj" else generated_cases(code)
