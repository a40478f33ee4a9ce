import pytest

from disclosure.outcomes import OUTCOME_CODES
from disclosure.replies import (
    KIND_OUTCOMES,
    OUTCOME_BASIS,
    REFUSAL_OUTCOMES,
    RemedyRule,
    ReplyError,
    ReplyKind,
    check_reply,
    kinds_for,
    legal_basis,
    outcomes_for,
    remedies,
    remedy_rule,
)

BODY = "云溪市人民政府"

WITHHELD = [
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_inquiry_matter",
]


def test_every_outcome_has_a_reply_kind_and_a_basis():
    assert set(OUTCOME_BASIS) == set(OUTCOME_CODES)
    for code in OUTCOME_CODES:
        assert kinds_for(code), code


def test_every_kind_has_outcomes_and_a_label():
    assert set(KIND_OUTCOMES) == set(ReplyKind)
    for kind in ReplyKind:
        assert outcomes_for(kind)
        assert kind.label


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        (ReplyKind.PROACTIVELY_DISCLOSED, ("disclosed",)),
        (ReplyKind.PROVIDED, ("disclosed",)),
        (ReplyKind.PARTLY_PROVIDED, ("partly_disclosed",)),
        (ReplyKind.REFUSED, tuple(WITHHELD[:7])),
        (ReplyKind.SPECIAL_REGISTER, ("withheld_inquiry_matter",)),
        (ReplyKind.NOT_EXIST, ("unavailable_not_held",)),
        (ReplyKind.NOT_THIS_AGENCY, ("unavailable_not_held",)),
        (ReplyKind.REPEATED, ("not_processed_repeated",)),
        (ReplyKind.NO_CORRECTION, ("other_no_correction",)),
        (ReplyKind.FEE_UNPAID, ("other_fee_unpaid",)),
        (ReplyKind.WITHDRAWN, ("other",)),
    ],
)
def test_outcomes_for_kind_in_official_order(kind, codes):
    assert outcomes_for(kind) == codes


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (ReplyKind.PROVIDED, "withheld_state_secret"),
        (ReplyKind.REFUSED, "disclosed"),
        (ReplyKind.REFUSED, "withheld_inquiry_matter"),
        (ReplyKind.NOT_EXIST, "not_processed_repeated"),
        (ReplyKind.WITHDRAWN, "other_no_correction"),
    ],
)
def test_incompatible_pairs_are_refused(kind, code):
    with pytest.raises(ReplyError, match="不能与办理结果"):
        check_reply(kind, code)


def test_unknown_codes_are_refused():
    with pytest.raises(ReplyError):
        check_reply("no_such_kind", "disclosed")
    with pytest.raises(ReplyError):
        check_reply(ReplyKind.PROVIDED, "no_such_outcome")


@pytest.mark.parametrize(
    ("kind", "code", "citation"),
    [
        (ReplyKind.PROACTIVELY_DISCLOSED, "disclosed", "第三十六条第（一）项"),
        (ReplyKind.PROVIDED, "disclosed", "第三十六条第（二）项"),
        (ReplyKind.PARTLY_PROVIDED, "partly_disclosed", "第三十七条"),
        (ReplyKind.REFUSED, "withheld_state_secret", "第十四条"),
        (ReplyKind.REFUSED, "withheld_third_party", "第十五条"),
        (ReplyKind.REFUSED, "withheld_internal_affairs", "第十六条第一款"),
        (ReplyKind.REFUSED, "withheld_process_info", "第十六条第二款"),
        (ReplyKind.SPECIAL_REGISTER, "withheld_inquiry_matter", "第三十六条第（七）项"),
        (ReplyKind.NOT_EXIST, "unavailable_not_held", "第三十六条第（四）项"),
        (ReplyKind.NOT_THIS_AGENCY, "unavailable_not_held", "第三十六条第（五）项"),
        (ReplyKind.NEEDS_CREATION, "unavailable_needs_creation", "第三十八条"),
        (ReplyKind.UNCLEAR, "unavailable_unclear_after_correction", "第三十条"),
        (ReplyKind.NOT_AN_APPLICATION, "not_processed_petition", "第三十九条第一款"),
        (ReplyKind.REPEATED, "not_processed_repeated", "第三十六条第（六）项"),
        (ReplyKind.PUBLICATION, "not_processed_publication", "第三十九条第二款"),
        (ReplyKind.EXCESSIVE, "not_processed_excessive", "第三十五条"),
        (ReplyKind.NO_CORRECTION, "other_no_correction", "第三十条"),
        (ReplyKind.FEE_UNPAID, "other_fee_unpaid", "信息处理费管理办法"),
    ],
)
def test_legal_basis_cites_the_article(kind, code, citation):
    basis = legal_basis(kind, code)
    assert citation in basis.citation
    assert basis.sentence.startswith(f"根据{basis.citation}的规定，")


def test_refusals_are_the_withheld_rows():
    assert sorted(REFUSAL_OUTCOMES) == sorted(WITHHELD)


@pytest.mark.parametrize("code", WITHHELD)
def test_refusal_requires_reconsideration_first(code):
    r = remedies(code, BODY)
    assert r.rule is RemedyRule.RECONSIDERATION_FIRST
    assert not r.offers_direct_lawsuit
    assert "《中华人民共和国行政复议法》第二十三条第一款第（四）项" in r.text
    assert f"应当先自收到本答复之日起六十日内向{BODY}申请行政复议" in r.text
    assert "不能直接向人民法院提起行政诉讼" in r.text
    assert "六个月" not in r.text
    assert "自收到行政复议决定书之日起十五日内" in r.text


@pytest.mark.parametrize(
    "code", [c for c in OUTCOME_CODES if c not in WITHHELD and c != "partly_disclosed"]
)
def test_other_replies_offer_either_remedy(code):
    r = remedies(code, BODY)
    assert r.rule is RemedyRule.CHOICE
    assert r.text == (
        f"如对本答复不服，您可以自收到本答复之日起六十日内向{BODY}申请行政复议，"
        "也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    )


def test_partial_disclosure_splits_the_remedies():
    r = remedies("partly_disclosed", BODY)
    assert remedy_rule("partly_disclosed") is RemedyRule.SPLIT
    first, rest = r.text.split("对本答复其余部分不服的")
    assert first.startswith("对本答复中不予公开的部分不服的")
    assert "第二十三条第一款第（四）项" in first and "六个月" not in first
    assert "六个月内依法向人民法院提起行政诉讼" in rest


def test_reconsideration_body_is_required():
    with pytest.raises(ReplyError, match="行政复议机关"):
        remedies("disclosed", " ")
