"""Markdown (CommonMark) rendered to HTML, then sanitised with nh3 (templates autoescape the rest),
and plain text with its bare addresses as links.

CommonMark lets a list interrupt a paragraph, so "Hours:" followed by "- Monday" is a list, as
people typing notices expect.
"""
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
                "a", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Built once (building one compiles its rules) and shared by every thread: rendering keeps its
# state per call. Raw HTML is shown as text and bare web addresses become links; nh3 below
# stays the one gate for what reaches the page.
PARSER = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable("linkify")


def render_markdown(text):
    html = PARSER.render(text or "")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"))


def linkify(text):
    """Plain text (a summary) as HTML: escaped, its bare web and e-mail addresses made links
    exactly as in Markdown (the same matcher), with the same schemes and ``rel``. Templates use
    it as the ``linkify`` filter."""
    text = text or ""
    parts, done = [], 0
    for match in PARSER.linkify.match(text) or ():
        if match.url.partition(":")[0].lower() not in URL_SCHEMES:
            continue
        parts.append(escape(text[done:match.index]))
        parts.append(Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(
            match.url, match.text))
        done = match.last_index
    parts.append(escape(text[done:]))
    return Markup("").join(parts)
