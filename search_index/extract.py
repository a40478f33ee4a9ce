"""Pure extraction: built HTML in, a frozen Page record out (no Whoosh here)."""

import hashlib
import logging
import re
from dataclasses import asdict, dataclass
from datetime import datetime

from bs4 import BeautifulSoup, NavigableString, Tag

logger = logging.getLogger(__name__)

#: Elements whose text is never part of a page's searchable content.
_DROP = ("script", "style", "noscript", "template", "form", "nav", "header", "footer", "button")
#: Elements that break text into separate blocks (others are inline and join without a space).
_BLOCK_NAMES = (
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure"
    " h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody td tfoot th thead tr ul"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A line break between two CJK characters inside a text node is not a space (CSS segment break).
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """One searchable page of the built site."""

    url: str
    title: str
    body: str
    index_no: str = ""
    agency_code: str = ""
    agency: str = ""
    category: str = ""
    key_area: str = ""
    doc_no: str = ""
    pub_date: datetime | None = None

    @property
    def year(self) -> str:
        """Return the publication year as four digits, or an empty string."""
        return f"{self.pub_date.year:04d}" if self.pub_date else ""

    def content_hash(self) -> str:
        """Return a hash of every indexed value (the key of incremental indexing, with url)."""
        data = asdict(self)
        data["pub_date"] = self.pub_date.isoformat() if self.pub_date else ""
        blob = "\x1f".join(f"{k}={v}" for k, v in sorted(data.items()))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def block_text(node: Tag) -> str:
    """Return the visible text of node: blocks on separate lines, inline elements joined."""
    parts: list[str] = []
    _collect(node, parts)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(node: Tag, parts: list[str]) -> None:
    """Append the text under node to parts, with newlines around block elements."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skips comments, doctype, CDATA
                parts.append(_CJK_BREAK.sub("", str(child)).replace("\n", " "))
        elif isinstance(child, Tag):
            if child.name in _DROP or child.has_attr("hidden"):
                continue
            block = child.name in _BLOCKS
            if block:
                parts.append("\n")
            _collect(child, parts)
            if block:
                parts.append("\n")


def _meta(soup: BeautifulSoup, name: str) -> str:
    """Return the stripped content of <meta name=...>, or an empty string."""
    tag = soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return _SPACE.sub(" ", content).strip() if isinstance(content, str) else ""


def parse_pub_date(value: str) -> datetime | None:
    """Parse a PubDate meta value ("YYYY-MM-DD HH:MM" or "YYYY-MM-DD"); None if malformed."""
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    if value:
        logger.warning("unparseable PubDate %r", value)
    return None


def _title(soup: BeautifulSoup, main: Tag) -> str:
    """Return ArticleTitle, else the first h1 of main, else <title>."""
    title = _meta(soup, "ArticleTitle")
    if not title:
        h1 = main.find("h1")
        title = block_text(h1) if isinstance(h1, Tag) else ""
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True)
    return _SPACE.sub(" ", title).strip()


def extract_page(html: str, url: str) -> Page | None:
    """Extract the searchable record of one built page; None when it has no main content.

    The text is the ``div.doc-body`` of a document page, else the whole ``main#main`` without its
    navigation, forms and scripts. Pages marked ``<meta name="robots" content="noindex">`` are
    skipped.
    """
    soup = BeautifulSoup(html, "html.parser")
    if "noindex" in _meta(soup, "robots").lower():
        return None
    main = soup.find("main", id="main") or soup.find("main")
    if not isinstance(main, Tag):
        return None
    doc_body = main.find("div", class_="doc-body")
    body = block_text(doc_body if isinstance(doc_body, Tag) else main)
    title = _title(soup, main)
    if not body and not title:
        return None
    return Page(
        url=url,
        title=title,
        body=body,
        index_no=_meta(soup, "IndexNo"),
        agency_code=_meta(soup, "AgencyCode"),
        agency=_meta(soup, "ContentSource"),
        category=_meta(soup, "Category"),
        key_area=_meta(soup, "KeyArea"),
        doc_no=_meta(soup, "DocNo"),
        pub_date=parse_pub_date(_meta(soup, "PubDate")),
    )
