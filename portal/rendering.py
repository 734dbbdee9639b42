"""Markdown rendered to HTML, then sanitised with nh3 (templates autoescape everything else)."""
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
                "a", "code", "pre", "hr"}


# Markdown needs a blank line before a list; people typing notices rarely leave one.
LIST_AFTER_TEXT = re.compile(r"(?m)^((?![-*] ).*\S.*)\n(?=[-*] )")


def render_markdown(text):
    text = LIST_AFTER_TEXT.sub(r"\1\n\n", text or "")
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                            url_schemes={"http", "https", "mailto", "tel"},
                            link_rel="noopener noreferrer"))
