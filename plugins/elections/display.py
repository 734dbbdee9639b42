"""What pages show of elections: texts in the reader's language, phases, candidates."""
from portal.api import direction, fallback_chain, html_lang

from .phases import PHASE_TITLES, next_change, phase
from .symbols import SYMBOLS, symbol_svg


def shown(request, obj, lang=None):
    """The object's text in ``lang`` (default: the reader's) or a fallback, with its own
    ``lang``/``dir`` and whether it is a fallback."""
    lang = lang or request.locale_name
    text, fallback = obj.text_for(lang, fallback_chain(request.registry.settings, lang))
    if text is None:
        return None
    return {"text": text, "lang": html_lang(text.language), "dir": direction(text.language),
            "fallback": fallback, "outdated": obj.is_outdated(text.language)}


def candidate_card(request, candidate):
    return {"candidate": candidate, "id": candidate.id, "name": candidate.name,
            "symbol": symbol_svg(candidate.symbol),
            "symbol_label": request.localizer.translate(SYMBOLS.get(candidate.symbol, "")),
            "statement": shown(request, candidate),
            "photo": candidate.photo is not None and candidate.photo_consent}


def election_summary(request, election, now=None):
    current = phase(election, now)
    return {"election": election, "title": shown(request, election), "phase": current,
            "phase_title": PHASE_TITLES[current], "next_change": next_change(election, now),
            "contests": [{"contest": c, "title": shown(request, c)} for c in election.contests]}
