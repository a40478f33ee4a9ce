"""Display names of the closed vocabularies (docs/architecture.md, pelicanconf)."""

#: Key areas, slug -> name, in the order of DISCLOSURE_KEY_AREAS.
KEY_AREAS: dict[str, str] = {
    "fiscal": "财政预决算和“三公”经费",
    "housing": "保障性住房",
    "food-safety": "食品安全",
    "environment": "环境保护",
    "tendering": "招投标",
    "work-safety": "生产安全事故",
    "land": "征地拆迁",
    "prices": "价格和收费",
}

#: Catalogue categories, name -> URL slug, as DISCLOSURE_CATEGORIES.
CATEGORIES: dict[str, str] = {
    "机构职能": "organisation",
    "政策文件": "policy",
    "规划计划": "plans",
    "财政资金": "finance",
    "行政许可": "licensing",
    "行政处罚": "penalties",
    "统计信息": "statistics",
    "人事信息": "personnel",
    "公告公示": "notices",
    "政府采购": "procurement",
    "重大建设项目": "projects",
    "应急管理": "emergencies",
    "监督检查": "inspections",
    "政府信息公开年报": "annual-reports",
}

#: Catalogue categories, URL slug -> name.
CATEGORY_NAMES: dict[str, str] = {slug: name for name, slug in CATEGORIES.items()}
