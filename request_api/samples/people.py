"""Fictional applicants with valid-checksum identity numbers generated at run time."""

from __future__ import annotations

import random
from datetime import date, timedelta

from disclosure.identity import resident_id_check_char, uscc_check_char

SURNAMES = "张王李赵陈刘杨黄周吴徐孙马朱胡郭何林罗高"
REGION = "341902"  # fictional 云溪市溪城区
STREETS = ("人民路", "淮河路", "南京路", "长江路", "和平路", "文化路")
# First two characters of the credit code (GB 32100) by table 三 column.
ORGS = {
    "business": ("91", ("云溪某某科技有限公司", "云溪某某建材有限公司", "云溪某某商贸有限公司")),
    "research": ("12", ("云溪市某某研究院", "云溪某某环境科学研究所")),
    "public_interest": ("52", ("云溪市某某公益服务中心", "云溪市某某环保志愿者协会")),
    "legal_service": ("31", ("安徽某某律师事务所", "云溪某某法律服务所")),
    "other": ("54", ("云溪市某某村民委员会", "云溪市某某小区业主委员会")),
}


def person_name(rng: random.Random) -> str:
    """Return a fictional name such as 张某某."""
    return rng.choice(SURNAMES) + rng.choice(("某", "某某"))


def resident_id(rng: random.Random) -> str:
    """Return a fictional resident ID number with a valid GB 11643 check character."""
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 45))
    first17 = f"{REGION}{born:%Y%m%d}{rng.randrange(1, 999):03d}"
    return first17 + resident_id_check_char(first17)


def credit_code(rng: random.Random, category: str) -> str:
    """Return a fictional unified social credit code with a valid GB 32100 check character."""
    first17 = f"{ORGS[category][0]}{REGION}MA{rng.randrange(10**7):07d}"
    return first17 + uscc_check_char(first17)


def _contact(rng: random.Random, n: int) -> dict:
    """Return fictional phone, email and address fields."""
    return {
        "phone": f"1380558{rng.randrange(10**4):04d}",
        "email": f"sample{n:03d}@example.com",
        "address": f"云溪市溪城区{rng.choice(STREETS)}{rng.randrange(1, 300)}号",
        "postcode": "236100",
    }


def applicant(rng: random.Random, category: str, n: int) -> dict:
    """Return the Art. 29 applicant fields of a fictional person or organisation."""
    if category == "natural_person":
        return {
            "applicant_kind": "citizen",
            "name": person_name(rng),
            "id_type": "resident_id",
            "id_number": resident_id(rng),
            **_contact(rng, n),
        }
    return {
        "applicant_kind": "organisation",
        "org_category": category,
        "name": rng.choice(ORGS[category][1]),
        "org_uscc": credit_code(rng, category),
        "legal_rep": person_name(rng),
        "contact_person": person_name(rng),
        **_contact(rng, n),
    }
