"""Markdown rendered to HTML, then sanitised with nh3 (templates autoescape everything else)."""
import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
                "a", "code", "pre", "hr"}


def render_markdown(text):
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                            url_schemes={"http", "https", "mailto", "tel"},
                            link_rel="noopener noreferrer"))
