"""Public notice pages and feeds per centre and language, and the staff list."""
import io
import json
from xml.etree import ElementTree

import segno
from markupsafe import Markup
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import or_, select

from portal.api import (LANGUAGES, bind_content, centre_factory, direction, fallback_chain,
                        html_lang, localized, public_page, utcnow, valid_for)

from .categories import CATEGORIES, PRIORITIES, pictogram
from .i18n import _
from .images import ImageRejected, reencode
from .models import Notice, NoticeImage, NoticeImageAlt
from .queries import notice_schedule, sort_key


def notice_factory(request):
    """A published-or-not notice of the centre in the address (or of all centres)."""
    context = centre_factory(request)
    notice = request.dbsession.get(Notice, int(request.matchdict["id"]))
    if notice is None or notice.centre_id not in (None, context.centre_id):
        raise HTTPNotFound()
    bind_content(request, notice)
    notice.shown_in = context.centre  # the centre whose board it is read on
    return notice


def card(request, notice, intervals=None, active=True):
    """What every page and feed shows of a notice, in the reader's language."""
    shown = localized(request, notice)
    static_dir = request.registry.settings["portal.static_dir"]
    return {
        "notice": notice,
        "id": notice.id,
        "shown": shown,
        "category": notice.category,
        "category_label": request.localizer.translate(CATEGORIES.get(notice.category,
                                                                     CATEGORIES["general"])),
        "pictogram": pictogram(static_dir, notice.category),
        "priority": notice.priority,
        "priority_label": request.localizer.translate(PRIORITIES[notice.priority]),
        "active": active,
        "intervals": [[int(a.timestamp()), int(b.timestamp())] for a, b in intervals or []],
        "image": picture_of(request, notice),
    }


def picture_of(request, notice):
    picture = notice.image
    if picture is None:
        return None
    lang = request.locale_name
    alt, alt_lang = picture.alt_for(lang, fallback_chain(request.registry.settings, lang))
    # every page showing cards is a centre's page: link the picture through that centre
    return {"url": request.route_path("noticeboard.image", centre=request.matchdict["centre"],
                                      id=notice.id,
                                      _query={"v": int(picture.updated.timestamp())}),
            "alt": alt, "lang": html_lang(alt_lang), "dir": direction(alt_lang),
            "width": picture.width, "height": picture.height}


def schedule_cards(request, centre):
    rows, next_change = notice_schedule(request.dbsession, centre)
    cards = [card(request, notice, intervals, active) for notice, active, intervals in rows]
    return cards, next_change


def seconds_until(moment):
    return (moment - utcnow()).total_seconds()


@view_config(route_name="noticeboard.index", renderer="plugins.noticeboard:templates/index.jinja2",
             permission="view", decorator=public_page())
def index(context, request):
    return {"cards": cards_shown_now(request, context.centre)}


@view_config(route_name="noticeboard.notice",
             renderer="plugins.noticeboard:templates/notice.jinja2", permission="view",
             decorator=public_page())
def notice_page(context, request):
    return {"card": card(request, context)}


@view_config(route_name="noticeboard.poster",
             renderer="plugins.noticeboard:templates/poster.jinja2", permission="view",
             decorator=public_page())
def poster(context, request):
    """An A4 poster in any language, with a QR code to the notice's public page."""
    url = request.route_url("noticeboard.notice", centre=context.shown_in.slug, id=context.id,
                            _query={"lang": request.locale_name})
    buffer = io.BytesIO()
    # viewBox only (omitsize), so the stylesheet can size it in millimetres without cropping
    segno.make(url, error="m").save(buffer, kind="svg", border=2, xmldecl=False, svgns=True,
                                    omitsize=True)
    return {"card": card(request, context), "url": url, "qr": Markup(buffer.getvalue().decode())}


def cards_shown_now(request, centre):
    """The notices shown right now; the page stays valid until the next one comes or goes."""
    cards, next_change = schedule_cards(request, centre)
    valid_for(request, seconds_until(next_change))
    return [c for c in cards if c["active"]]


@view_config(route_name="noticeboard.atom", permission="view", decorator=public_page())
def atom(context, request):
    """Atom 1.0 feed of the centre's notices in the reader's language."""
    ns = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", ns)
    lang = request.locale_name
    feed = ElementTree.Element(f"{{{ns}}}feed", {"xml:lang": html_lang(lang)})
    self_url = request.route_url("noticeboard.atom", centre=context.centre.slug,
                                 _query={"lang": lang})

    def sub(parent, tag, text=None, **attrs):
        element = ElementTree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    title = request.localizer.translate(_("Notices: ${centre}",
                                          mapping={"centre": context.centre.name}))
    sub(feed, "title", title)
    sub(feed, "id", self_url)
    sub(feed, "link", rel="self", href=self_url)
    entries = cards_shown_now(request, context.centre)
    updated = max([c["notice"].modified for c in entries], default=utcnow())
    sub(feed, "updated", updated.isoformat())
    for item in entries:
        notice, shown = item["notice"], item["shown"]
        url = request.route_url("noticeboard.notice", centre=context.centre.slug, id=notice.id,
                                _query={"lang": lang})
        entry = sub(feed, "entry", **{"xml:lang": shown["lang"]})
        sub(entry, "title", shown["text"].title)
        sub(entry, "id", f"{request.route_url('noticeboard.index', centre=context.centre.slug)}"
                         f"{notice.id}")
        sub(entry, "link", href=url)
        sub(entry, "updated", notice.modified.isoformat())
        sub(entry, "category", term=notice.category, label=item["category_label"])
        sub(entry, "summary", shown["text"].summary)
        sub(entry, "content", str(shown["body_html"]), type="html")
    body = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body=body, content_type="application/atom+xml", charset="utf-8")


@view_config(route_name="noticeboard.json", permission="view", decorator=public_page())
def json_feed(context, request):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the centre's notices."""
    lang = request.locale_name
    items = []
    for item in cards_shown_now(request, context.centre):
        notice, shown = item["notice"], item["shown"]
        items.append({
            "id": str(notice.id),
            "url": request.route_url("noticeboard.notice", centre=context.centre.slug,
                                     id=notice.id, _query={"lang": lang}),
            "title": shown["text"].title,
            "summary": shown["text"].summary,
            "content_html": str(shown["body_html"]),
            "date_modified": notice.modified.isoformat(),
            "language": shown["lang"],
            "tags": [item["category_label"]],
            "_portal": {"category": notice.category, "priority": notice.priority,
                        "fallback": shown["fallback"], "outdated": shown["outdated"],
                        "dir": shown["dir"],
                        "valid_until": notice.valid_until.isoformat()
                        if notice.valid_until else None},
        })
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": request.localizer.translate(_("Notices: ${centre}",
                                               mapping={"centre": context.centre.name})),
        "home_page_url": request.route_url("noticeboard.index", centre=context.centre.slug,
                                           _query={"lang": lang}),
        "feed_url": request.route_url("noticeboard.json", centre=context.centre.slug,
                                      _query={"lang": lang}),
        "language": html_lang(lang),
        "items": items,
    }
    return Response(json.dumps(feed, ensure_ascii=False), content_type="application/feed+json",
                    charset="utf-8")


# -- staff -------------------------------------------------------------------------------------

@view_config(route_name="noticeboard.manage",
             renderer="plugins.noticeboard:templates/manage.jinja2", permission="notice.manage")
def manage(context, request):
    """The notices of the centre (and of all centres) the viewer may open, with filters."""
    query = select(Notice).where(or_(Notice.centre_id == context.centre_id,
                                     Notice.centre_id.is_(None)))
    filters = {key: request.GET.get(key, "") for key in
               ("scope", "category", "state", "missing", "outdated")}
    if filters["scope"] == "centre":
        query = query.where(Notice.centre_id == context.centre_id)
    elif filters["scope"] == "all":
        query = query.where(Notice.centre_id.is_(None))
    if filters["category"] in CATEGORIES:
        query = query.where(Notice.category == filters["category"])
    if filters["state"]:
        query = query.where(Notice.state == filters["state"])
    rows = []
    for notice in sorted(request.dbsession.scalars(query).all(), key=sort_key):
        bind_content(request, notice)  # its workflow state's ACL decides who sees it here
        if not request.has_permission("view", notice):
            continue
        missing = [code for code in LANGUAGES if code not in notice.texts]
        outdated = [code for code in notice.texts if notice.is_outdated(code)]
        if filters["missing"] in LANGUAGES and filters["missing"] not in missing:
            continue
        if filters["outdated"] and not outdated:
            continue
        rows.append({"card": card(request, notice), "missing": missing, "outdated": outdated})
    workflow = request.registry.portal.workflows["publication"]
    return {"rows": rows, "filters": filters, "categories": CATEGORIES,
            "states": workflow.states, "languages": LANGUAGES}


# -- pictures ----------------------------------------------------------------------------------

@view_config(route_name="noticeboard.image", permission="view")
def image(context, request):
    picture = context.image
    if picture is None:
        raise HTTPNotFound()
    response = Response(body=picture.data, content_type=picture.mime)
    response.etag = f"{context.id}-{int(picture.updated.timestamp())}"
    # a draft's picture is for the staff who may see the draft: never kept by a shared cache
    response.cache_control = "public, max-age=3600" if context.state == "published" \
        else "private, no-store"
    response.conditional_response = True
    return response


@view_config(route_name="noticeboard.image_edit",
             renderer="plugins.noticeboard:templates/image_edit.jinja2", permission="edit")
def image_edit(context, request):
    """Upload, replace or remove the picture, and write its description in every language."""
    errors, alts = [], {code: request.POST.get(f"alt_{code}", "").strip() for code in LANGUAGES}
    if request.method != "POST":
        alts = {code: alt.text for code, alt in context.image.alts.items()} if context.image \
            else {}
    elif "remove" in request.POST:
        context.image = None
        request.flash(_("The picture was removed."))
        return HTTPSeeOther(request.route_path("noticeboard.image_edit",
                                               centre=context.shown_in.slug, id=context.id))
    else:
        upload = request.POST.get("picture")
        picture = context.image
        if getattr(upload, "file", None) is not None:
            try:
                data, mime, width, height = reencode(upload.file)
            except ImageRejected as rejected:
                errors.append(rejected.message)
            else:
                picture = picture or NoticeImage()
                picture.data, picture.mime = data, mime
                picture.width, picture.height, picture.updated = width, height, utcnow()
                context.image = picture
        elif picture is None:
            errors.append(_("Choose a picture."))
        if picture is not None and not alts.get(context.source_language):
            errors.append(_("Describe the picture at least in the notice's own language."))
        if not errors:
            for code, text in alts.items():
                if text:
                    picture.alts[code] = NoticeImageAlt(language=code, text=text[:300])
                else:
                    picture.alts.pop(code, None)
            request.flash(_("The picture was saved."))
            return HTTPSeeOther(request.route_path("noticeboard.image_edit",
                                                   centre=context.shown_in.slug, id=context.id))
        request.response.status = 400
    return {"errors": errors, "alts": alts}
