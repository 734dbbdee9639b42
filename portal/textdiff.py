"""What changed between two versions of a text, word by word, for translators.

Words and the spaces between them are compared with difflib; removed words are wrapped in
``<del>``, added ones in ``<ins>``, each starting with a visually hidden "Removed:"/"Added:"
so that neither colour nor strike-through alone carries the change. The runs stay in the text's
own order, so a right-to-left source reads right to left.
"""
import difflib
import re

from markupsafe import Markup, escape

WORDS = re.compile(r"\s+|[^\s]+")


def words(text):
    return WORDS.findall(text or "")


def word_diff(old, new, removed="Removed:", added="Added:"):
    """``old`` to ``new`` as safe HTML; ``removed``/``added`` are the hidden labels (translated)."""
    before, after = words(old), words(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(Markup('<del><span class="visually-hidden">{} </span>{}</del>').format(
                removed, "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(Markup('<ins><span class="visually-hidden">{} </span>{}</ins>').format(
                added, "".join(after[j1:j2])))
    return Markup("").join(parts)

