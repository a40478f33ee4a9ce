"""Choice lists of the application form and API, with their Chinese labels."""

from __future__ import annotations

APPLICANT_KINDS = {"citizen": "公民", "organisation": "法人或其他组织"}

# Annual-report table 三 columns for legal persons and other organisations.
ORG_CATEGORIES = {
    "business": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
}
APPLICANT_CATEGORIES = {"natural_person": "自然人", **ORG_CATEGORIES}

ID_TYPES = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "foreign_permanent": "外国人永久居留身份证",
    "other": "其他有效身份证件",
}

# Art. 29(3): the form and the way of delivery wanted.
MEDIA = {"paper": "纸质", "electronic": "电子"}
DELIVERY = {"post": "邮寄", "email": "电子邮件", "pickup": "当面领取", "online": "网上获取"}

# Art. 31: how the application reached the office (decides the date of receipt).
CHANNELS = {
    "online": "网上申请",
    "in_person": "当面提交",
    "registered_mail": "挂号信",
    "mail": "平信",
    "fax": "传真",
    "email": "电子邮件",
}

ROLES = {"clerk": "经办人", "head": "公开办负责人", "admin": "系统管理员"}

EVENT_LABELS = {
    "received": "收到申请",
    "correction_requested": "发出补正通知",
    "correction_received": "收到补正材料",
    "consultation_sent": "征求第三方或其他机关意见",
    "consultation_answered": "收到征求意见答复",
    "fee_notice_sent": "发出收费通知",
    "fee_paid": "申请人缴费",
    "extended": "延长答复期限",
    "replied": "作出答复",
    "withdrawn": "申请人撤回申请",
    "abandoned": "视为放弃申请",
    "assigned": "分配经办人",
}
