"""HTML to article text: trafilatura first, a strict fallback of our own when it finds nothing."""

from __future__ import annotations

import html as _html
import re
from html.parser import HTMLParser

_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "svg",
    "button",
    "iframe",
    "template",
    "select",
    "menu",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "br",
    "tr",
    "pre",
    "dd",
    "dt",
    "figcaption",
}
_NOISE_ATTR = re.compile(
    r"\b(nav|menu|footer|header|cookie|banner|advert|ad|ads|promo|related|"
    r"share|social|sidebar|newsletter|subscribe|breadcrumb|comment-form)\b",
    re.I,
)
_VOID = {
    "br",
    "img",
    "hr",
    "meta",
    "link",
    "input",
    "source",
    "wbr",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "track",
}


_FOREIGN = {"svg", "math"}
# Tags that, per the HTML parsing rules, end an unclosed <svg> or <math> ("breakout" tags): a
# page that forgets </svg> keeps the article after it.
_BREAKOUT = {
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
}


class _Extractor(HTMLParser):
    """Text outside skipped elements. Open elements are kept by name, so a missing end tag is
    closed by its parent's end tag, as browsers do, instead of swallowing the rest of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped) of each open element
        self.title = ""
        self._in_title = False

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def _close_to(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _BREAKOUT and any(t in _FOREIGN for t, _ in self.stack):
            first = next(i for i, (t, _) in enumerate(self.stack) if t in _FOREIGN)
            del self.stack[first:]
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        attr_text = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = tag in _SKIP or bool(_NOISE_ATTR.search(attr_text))
        self.stack.append((tag, skip))
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID and tag not in _FOREIGN:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        elif tag in _VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _VOID:
            return
        self._close_to(tag)  # an end tag with nothing open to match is ignored
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self._skipping():
            self.parts.append(data)


def _fallback(markup: str) -> tuple[str, str]:
    p = _Extractor()
    p.feed(markup)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    lines = [ln.strip() for ln in text.split("\n")]
    # a block of short link-like lines is a link list, not prose
    kept = [
        ln for ln in lines if not ln or len(ln.split()) > 3 or ln.endswith((".", "?", "!", ":"))
    ]
    return "\n".join(kept).strip(), p.title.strip()


def html_to_text(markup: str) -> tuple[str, str]:
    """Return (article text, title). Empty text when the page holds no article."""
    title = ""
    m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.I | re.S)
    if m:
        title = _html.unescape(re.sub(r"\s+", " ", m.group(1))).strip()
    text = ""
    try:
        import trafilatura

        text = (
            trafilatura.extract(
                markup,
                include_comments=False,
                include_tables=False,
                include_links=False,
                include_images=False,
                favor_precision=True,
                deduplicate=False,
            )
            or ""
        )
    except Exception:  # trafilatura can choke on odd markup; the fallback still works
        text = ""
    if len(text.split()) < 20:
        fb, fb_title = _fallback(markup)
        if len(fb.split()) > len(text.split()):
            text = fb
        title = title or fb_title
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.I | re.S)
    if h1:
        heading = _html.unescape(re.sub(r"<[^>]+>|\s+", " ", h1.group(1))).strip()
        if heading:
            title = heading
            if heading not in text[: len(heading) + 200]:
                text = heading + "\n" + text
    return text, title
