"""A ledger spanning 2025-2026 for the annual report tests, built through the service itself.

Receipt dates are working days (2026 arrangement: holidays 2/15-2/23, 5/1-5/5).
"""

from __future__ import annotations

import time_machine
from letter_samples import event, register, reply
from request_samples import at, citizen, organisation

DOCUMENTS = {
    "rules-2026.md": ("云溪市政府投资项目评审规则", "2026-03-01", "规章", "有效", "", "00001"),
    "norm-2025.md": (
        "关于规范财政票据管理的通知",
        "2025-05-06",
        "行政规范性文件",
        "废止",
        "2026-06-30",
        "00001",
    ),
    "norm-2026.md": (
        "关于加强预算绩效管理的通知",
        "2026-08-03",
        "行政规范性文件",
        "有效",
        "",
        "00002",
    ),
}
ANNUAL_DATA = (
    "agency: czj\nyear: 2026\nlicensing: 12\npenalties: 3\ncoercive_measures: 1\n"
    "fee_income_wan_yuan: 0.5\n"
)


def write_catalogue(content) -> None:
    """Write the fixture catalogue of czj and its annual data file."""
    folder = content / "documents" / "czj"
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, created, kind, validity, repealed, serial) in DOCUMENTS.items():
        lines = [
            f"Title: {title}",
            f"Date: {created} 09:00",
            f"Created: {created}",
            "Agency: czj",
            "Category: 政策文件",
            f"Index_no: 11341900003051047M/{created[:4]}-{serial}",
            f"Kind: {kind}",
            f"Validity: {validity}",
            "Summary: 测试文件。",
        ]
        if repealed:
            lines.append(f"Repealed: {repealed}")
        (folder / name).write_text("\n".join(lines) + "\n\n正文。\n", encoding="utf-8")
    data = content / "annual-data" / "czj"
    data.mkdir(parents=True, exist_ok=True)
    (data / "2026.yaml").write_text(ANNUAL_DATA, encoding="utf-8")


def _org(category: str) -> dict:
    return {
        k: v
        for k, v in organisation(org_category=category).items()
        if k not in citizen() or v != citizen()[k]
    }


def _new(client, auth, day: str, category: str | None = None) -> int:
    extra = _org(category) if category else {}
    receipt = register(client, auth, "clerk", day, **extra)
    assert receipt["received_on"] == day
    return receipt["id"]


def build_ledger(client, auth) -> dict[str, int]:
    """Create the 2025-2026 ledger of czj; return application ids by name."""
    ids = {
        "A1": _new(client, auth, "2025-11-10"),
        "A2": _new(client, auth, "2025-12-15"),
        "A3": _new(client, auth, "2025-12-22", "business"),
        "A4": _new(client, auth, "2025-12-29", "legal_service"),
    }
    event(client, auth, ids["A1"], "2025-12-01", type="replied", outcome="disclosed")
    event(client, auth, ids["A3"], "2026-01-05", type="withdrawn")
    event(client, auth, ids["A2"], "2026-01-12", type="replied", outcome="disclosed")
    for name, day, category in [
        ("B1", "2026-01-05", None),
        ("B2", "2026-02-10", "research"),
        ("B3", "2026-03-02", "public_interest"),
        ("B4", "2026-03-02", "other"),
        ("B5", "2026-04-01", None),
        ("B6", "2026-05-06", "business"),
        ("B8", "2026-06-01", None),
        ("B10", "2026-07-01", "legal_service"),
        ("B7", "2026-12-28", None),
        ("B9", "2026-12-30", "business"),
    ]:
        ids[name] = _new(client, auth, day, category)
    _close_2026(client, auth, ids)
    return ids


def _close_2026(client, auth, ids: dict[str, int]) -> None:
    """Record the 2026 (and early 2027) events of the ledger."""
    event(client, auth, ids["B1"], "2026-01-20", type="replied", outcome="partly_disclosed")
    response = reply(
        client,
        auth,
        ids["B2"],
        "2026-03-02",
        reply_kind="refused",
        outcome="withheld_state_secret",
        reason="该信息已依法确定为国家秘密。",
    )
    assert response.status_code == 303
    event(client, auth, ids["B3"], "2026-03-04", type="correction_requested")
    event(client, auth, ids["B3"], "2026-04-10", type="abandoned")
    event(client, auth, ids["B4"], "2026-03-04", type="fee_notice_sent", amount="100")
    event(client, auth, ids["B4"], "2026-04-10", type="abandoned")
    event(client, auth, ids["B5"], "2026-04-20", type="replied", outcome="unavailable_not_held")
    event(client, auth, ids["B6"], "2026-05-20", type="replied", outcome="not_processed_repeated")
    event(client, auth, ids["B8"], "2026-06-03", type="withdrawn")
    event(client, auth, ids["B10"], "2026-07-02", type="fee_notice_sent", amount="200")
    event(client, auth, ids["B10"], "2026-07-10", type="fee_paid")
    event(client, auth, ids["B10"], "2026-07-20", type="replied", outcome="disclosed")
    event(client, auth, ids["B9"], "2027-01-06", type="replied", outcome="disclosed")


def record_appeals(client, auth, ids: dict[str, int]) -> None:
    """Record the cases of table 四 (on 2027-01-10, after every decision)."""
    cases = [
        ("A1", "reconsideration", "2025-12-20", "upheld", "2026-02-01"),  # filed 2025: not counted
        ("B2", "reconsideration", "2026-03-20", "corrected", "2026-05-10"),
        ("A2", "direct_lawsuit", "2026-02-02", "upheld", "2026-06-30"),
        ("B2", "lawsuit_after_reconsideration", "2026-06-01", "pending", ""),
        ("B5", "reconsideration", "2026-11-02", "upheld", "2027-01-05"),  # pending at year end
    ]
    with time_machine.travel(at(2027, 1, 10), tick=False):
        for name, kind, filed, result, decided in cases:
            response = client.post(
                f"/staff/requests/{ids[name]}/appeals",
                headers=auth.headers("clerk"),
                data={"kind": kind, "filed_on": filed, "result": result, "decided_on": decided},
            )
            assert response.status_code == 303, response.get_data(as_text=True)
