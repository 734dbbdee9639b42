"""Public notice pages and feeds per centre and language, and the staff list."""
import io
import json
import re

import deform
import segno
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from markupsafe import Markup
from pyramid.authorization import Allow, Everyone
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.api import (LANGUAGES, Centre, FormView, bind_content, categories, category,
                        centre_factory, content_actions, direction, fallback_chain, html_lang,
                        localized, localizer_for, paginate, permission_filter, permitted,
                        pictogram, public_page, utcnow, valid_for)

from .categories import PRIORITIES
from .i18n import _
from .models import Notice, NoticeImage
from .queries import BOARD_ORDER, board_page, last_modified, next_change
from .schemas import PictureSchema

#: notices per page of the board, and per page of its Atom and JSON feeds
BOARD_SIZE = 30
FEED_SIZE = 50


#: the pages a resident reaches from a poster or a shared link
PUBLIC_NOTICE_ROUTES = ("noticeboard.notice", "noticeboard.poster")


class EndedNotice:
    """An ended or withdrawn notice reached at its public address (an old poster's QR code): its
    readers learn it has ended and find the current board, whoever they are. Nothing of the
    notice itself is shown: a withdrawn text may have been withdrawn for its content."""

    __acl__ = [(Allow, Everyone, "view")]

    def __init__(self, centre_context, notice):
        self.__parent__ = centre_context
        self.__name__ = str(notice.id)
        self.centre = centre_context.centre
        self.centre_id = centre_context.centre_id


def has_ended(notice, now=None):
    """Withdrawn, or published and past its "show until"."""
    if notice.state == "withdrawn":
        return True
    return notice.state == "published" and notice.valid_until is not None and \
        notice.valid_until <= (now or utcnow())


def notice_factory(request):
    """A published-or-not notice of the centre in the address (or of all centres); on its
    public pages, an ended one is an :class:`EndedNotice`."""
    context = centre_factory(request)
    notice = request.dbsession.get(Notice, int(request.matchdict["id"]))
    if notice is None or notice.centre_id not in (None, context.centre_id):
        raise HTTPNotFound()
    if request.matched_route.name in PUBLIC_NOTICE_ROUTES and has_ended(notice):
        return EndedNotice(context, notice)
    bind_content(request, notice)
    notice.shown_in = context.centre  # the centre whose board it is read on
    return notice


def card(request, notice, intervals=None, active=True, lang=None):
    """What every page and feed shows of a notice, in the reader's language (or in ``lang``,
    labels included, for a preview)."""
    lang = lang or request.locale_name
    localizer = localizer_for(request, lang)
    shown = localized(request, notice, lang)
    kind = category(request.registry, notice.category)
    return {
        "notice": notice,
        "id": notice.id,
        "shown": shown,
        "category": kind.name,
        "category_label": localizer.translate(kind.title),
        "pictogram": pictogram(request.registry, kind.name),
        "priority": notice.priority,
        "priority_label": localizer.translate(PRIORITIES[notice.priority]),
        "active": active,
        "intervals": [[int(a.timestamp()), int(b.timestamp())] for a, b in intervals or []],
        "image": picture_of(request, notice, request.matchdict["centre"], lang),
    }


def picture_of(request, notice, centre_slug, lang):
    """The picture of a notice as a page links it, through the board of ``centre_slug``, with
    its description in ``lang`` (or its fallbacks)."""
    picture = notice.image
    if picture is None:
        return None
    alt, alt_lang = picture.alt_for(lang, fallback_chain(request.registry.settings, lang))
    return {"url": request.route_path("noticeboard.image", centre=centre_slug,
                                      id=notice.id,
                                      _query={"v": int(picture.updated.timestamp())}),
            "alt": alt, "lang": html_lang(alt_lang), "dir": direction(alt_lang),
            "width": picture.width, "height": picture.height}


def seconds_until(moment):
    return (moment - utcnow()).total_seconds()


def reader_languages(request):
    """The reader's language and its fallbacks: the texts a public page may show."""
    lang = request.locale_name
    return [lang, *fallback_chain(request.registry.settings, lang)]


def requested_page(request):
    """The page number in ``?page=``: 1 without it, None when it is not written as we write
    it (``?page=01``, ``?page=x``, ``?page=1``): those are sent to the page's own address, so
    the page cache holds one copy of each page."""
    raw = request.GET.get("page")
    if raw is None:
        return 1
    return int(raw) if raw.isdigit() and raw == str(int(raw)) and int(raw) > 1 else None


def page_url(request, route, page, **kw):
    query = {"lang": request.GET["lang"]} if "lang" in request.GET else {}
    if page > 1:
        query["page"] = page
    return request.route_url(route, _query=query, **kw)


def shown_now(request, route, size):
    """``(cards, page, has_next)`` of the notices shown right now on the requested page; the
    page stays valid until the board next changes by itself. A page number out of range or
    written otherwise is redirected to page 1 or to its own address."""
    centre = request.context.centre
    page = requested_page(request)
    if page is not None:
        notices, has_next = board_page(request.dbsession, centre, page, size,
                                       reader_languages(request))
    if page is None or (page > 1 and not notices):
        raise HTTPFound(page_url(request, route, page if page and notices else 1,
                                 centre=centre.slug))
    change = next_change(request.dbsession, centre)
    if change is not None:
        valid_for(request, seconds_until(change))
    return [card(request, notice) for notice in notices], page, has_next


@view_config(route_name="noticeboard.index", request_method="GET", renderer="plugins.noticeboard:templates/index.jinja2",
             permission="view", decorator=public_page(params=("page",)))
def index(context, request):
    cards, number, has_next = shown_now(request, "noticeboard.index", BOARD_SIZE)
    route, slug = "noticeboard.index", context.centre.slug
    page = {"number": number, "has_previous": number > 1, "has_next": has_next,
            "previous_url": page_url(request, route, number - 1, centre=slug),
            "next_url": page_url(request, route, number + 1, centre=slug)}
    return {"cards": cards, "page": page}


@view_config(route_name="noticeboard.notice", request_method="GET",
             renderer="plugins.noticeboard:templates/notice.jinja2", permission="view",
             decorator=public_page())
def notice_page(context, request):
    ends(request, context)
    return {"card": card(request, context)}


def ends(request, notice):
    """A notice's page changes by itself when the notice ends."""
    if notice.valid_until is not None:
        valid_for(request, seconds_until(notice.valid_until))


@view_config(route_name="noticeboard.notice", context=EndedNotice, request_method="GET",
             renderer="plugins.noticeboard:templates/ended.jinja2", permission="view")
@view_config(route_name="noticeboard.poster", context=EndedNotice, request_method="GET",
             renderer="plugins.noticeboard:templates/ended.jinja2", permission="view")
def ended_notice(context, request):
    """410 Gone, in the reader's language, with the way to the centre's current board."""
    request.response.status = 410
    return {"board_url": request.route_path("noticeboard.index", centre=context.centre.slug)}


@view_config(route_name="noticeboard.poster", request_method="GET",
             renderer="plugins.noticeboard:templates/poster.jinja2", permission="view",
             decorator=public_page())
def poster(context, request):
    """An A4 poster in any language, with a QR code to the notice's public page."""
    ends(request, context)
    url = request.route_url("noticeboard.notice", centre=context.shown_in.slug, id=context.id,
                            _query={"lang": request.locale_name})
    buffer = io.BytesIO()
    # viewBox only (omitsize), so the stylesheet can size it in millimetres without cropping
    segno.make(url, error="m").save(buffer, kind="svg", border=2, xmldecl=False, svgns=True,
                                    omitsize=True)
    return {"card": card(request, context), "url": url, "qr": Markup(buffer.getvalue().decode())}


# XML 1.0 has no place for most control characters (Word writes \v for a line break) and lxml
# refuses them: one pasted title would otherwise break the whole feed.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text):
    return NOT_XML.sub(" ", text or "")


class EntryLanguage(BaseEntryExtension):
    """``xml:lang`` on an Atom entry: feedgen sets it on the feed only, and a notice may be shown
    in a fallback language."""

    XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

    def __init__(self):
        self.tag = None

    def language(self, tag):
        self.tag = tag

    def extend_atom(self, entry):
        if self.tag:
            entry.set(self.XML_LANG, self.tag)
        return entry


@view_config(route_name="noticeboard.atom", request_method="GET", permission="view",
             decorator=public_page(params=("page",)))
def atom(context, request):
    """Atom 1.0 feed of the centre's notices in the reader's language, paged (RFC 5005)."""
    lang, slug = request.locale_name, context.centre.slug
    entries, page, has_next = shown_now(request, "noticeboard.atom", FEED_SIZE)
    self_url = request.route_url("noticeboard.atom", centre=slug, _query={"lang": lang})
    feed = FeedGenerator()
    feed.register_extension("entry_language", BaseExtension, EntryLanguage, atom=True, rss=False)
    feed.generator("")  # a public feed need not name the libraries behind it, nor their versions
    feed.language(html_lang(lang))
    feed.title(xml_text(request.localizer.translate(
        _("Notices: ${centre}", mapping={"centre": context.centre.name}))))
    feed.id(self_url)
    feed.link(href=page_url(request, "noticeboard.atom", page, centre=slug), rel="self")
    if has_next:
        feed.link(href=page_url(request, "noticeboard.atom", page + 1, centre=slug), rel="next")
    feed.updated(max([c["notice"].modified for c in entries], default=None) or
                 last_modified(request.dbsession, context.centre))
    id_prefix = request.route_url("noticeboard.index", centre=slug)
    for item in entries:
        notice, shown = item["notice"], item["shown"]
        entry = feed.add_entry(order="append")  # keep the board's order
        entry.entry_language.language(shown["lang"])
        entry.title(xml_text(shown["text"].title))
        entry.id(f"{id_prefix}{notice.id}")
        entry.link(href=request.route_url("noticeboard.notice", centre=slug, id=notice.id,
                                          _query={"lang": lang}))
        entry.updated(notice.modified)
        entry.category(term=notice.category, label=item["category_label"])
        entry.summary(xml_text(shown["text"].summary))
        entry.content(xml_text(shown["body_html"]), type="html")
    return Response(body=feed.atom_str(), content_type="application/atom+xml", charset="utf-8")


@view_config(route_name="noticeboard.json", request_method="GET", permission="view",
             decorator=public_page(params=("page",)))
def json_feed(context, request):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the centre's notices, paged."""
    lang = request.locale_name
    items = []
    cards, page, has_next = shown_now(request, "noticeboard.json", FEED_SIZE)
    for item in cards:
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
    if has_next:
        feed["next_url"] = page_url(request, "noticeboard.json", page + 1,
                                    centre=context.centre.slug)
    # by hand: feedgen writes only Atom and RSS, and Pyramid's JSON renderer escapes non-ASCII
    return Response(json.dumps(feed, ensure_ascii=False), content_type="application/feed+json",
                    charset="utf-8")


# -- staff -------------------------------------------------------------------------------------

@view_config(route_name="noticeboard.manage", request_method="GET",
             renderer="plugins.noticeboard:templates/manage.jinja2", permission="notice.manage")
def manage(context, request):
    """The notices of the centre (and of all centres) the viewer may open, with filters, a page
    at a time: filters and order in SQL, the permission check on the rows of the page only."""
    workflow = request.registry.portal.workflows["publication"]
    filters = {key: request.GET.get(key, "") for key in
               ("scope", "category", "state", "missing", "outdated")}
    page = paginate(request, manage_query(request, context, filters, workflow),
                    keep=permitted(request, "view", lambda notice: bind_content(request, notice)))
    rows = [{"card": card(request, notice),
             "missing": [code for code in LANGUAGES if code not in notice.texts],
             "outdated": [code for code in notice.texts if notice.is_outdated(code)],
             "actions": content_actions(request, notice)}
            for notice in page.items]
    return {"rows": rows, "page": page, "filters": filters,
            "categories": {c.name: c.title for c in categories(request.registry)},
            "states": workflow.states, "languages": LANGUAGES}


def manage_query(request, context, filters, workflow):
    """The manage list in SQL: the filters, what the viewer may open (roughly: each row of the
    page is checked), the board's order, and the texts and picture each row shows."""
    query = select(Notice).where(or_(Notice.centre_id == context.centre_id,
                                     Notice.centre_id.is_(None)),
                                 permission_filter(request, Notice, "view"))
    if filters["scope"] == "centre":
        query = query.where(Notice.centre_id == context.centre_id)
    elif filters["scope"] == "all":
        query = query.where(Notice.centre_id.is_(None))
    if filters["category"] in request.registry.portal.categories:
        query = query.where(Notice.category == filters["category"])
    if filters["state"] in workflow.states:
        query = query.where(Notice.state == filters["state"])
    if filters["missing"] in LANGUAGES:
        query = query.where(Notice.where_missing(filters["missing"]))
    if filters["outdated"]:
        query = query.where(Notice.where_outdated())
    return query.order_by(*BOARD_ORDER).options(
        selectinload(Notice.texts), selectinload(Notice.image).selectinload(NoticeImage.texts))


@view_config(route_name="noticeboard.preview", request_method="GET",
             renderer="plugins.noticeboard:templates/preview.jinja2", permission="view")
def preview(context, request):
    """The notice as residents read it in ``?language=xx``, inside the staff member's pages:
    the interface stays in their own language (``language`` is not ``lang``: no cookie, no
    change of the profile), only the notice is in the language previewed."""
    lang = request.GET.get("language")
    if lang not in LANGUAGES:
        lang = request.locale_name
    return {"card": card(request, context, lang=lang), "language": lang,
            "languages": LANGUAGES, "direction": direction(lang), "tag": html_lang(lang)}


def notice_details(request, notice):
    """What the decision page shows of a notice beyond its fields: its picture, and where its
    preview is (the card residents read). A notice for every centre is linked through the
    first active centre."""
    centre = notice.centre or request.dbsession.scalars(
        select(Centre).where(Centre.active.is_(True)).order_by(Centre.name, Centre.id)).first()
    if centre is None:
        return None
    return {"picture": picture_of(request, notice, centre.slug, request.locale_name),
            "picture_url": request.route_path("noticeboard.image_edit", centre=centre.slug,
                                              id=notice.id),
            "preview_url": request.route_path("noticeboard.preview", centre=centre.slug,
                                              id=notice.id)}


# -- pictures ----------------------------------------------------------------------------------

@view_config(route_name="noticeboard.image", request_method="GET", permission="view")
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


@view_config(route_name="noticeboard.image_edit", permission="edit")
class PictureForm(FormView):
    """Upload, replace or remove the picture, and describe it in the notice's language (and any
    other; translators add the rest through the translation desk). Nothing is stored unless the
    whole form is valid."""

    schema_factory = PictureSchema
    template = "plugins.noticeboard:templates/image_edit.jinja2"
    title = _("Picture")
    formid = "picture-form"

    def buttons(self):
        buttons = super().buttons()
        if self.context.image is not None:
            buttons.append(deform.Button(
                "remove", self.request.localizer.translate(_("Remove the picture")),
                css_class="btn-outline-danger"))
        return buttons

    def __call__(self):
        if self.request.method == "POST" and "remove" in self.request.POST:
            self.context.image = None
            return self.redirect(self.own_url(), _("The picture was removed."))
        return super().__call__()

    def own_url(self):
        return self.request.route_path("noticeboard.image_edit",
                                       centre=self.context.shown_in.slug, id=self.context.id)

    def appstruct(self):
        picture = self.context.image
        texts = picture.texts.items() if picture is not None else ()
        return {"descriptions": {f"alt_{code}": text.alt for code, text in texts}}

    def success(self, appstruct):
        notice, user = self.context, self.request.user
        alts = {code: appstruct["descriptions"][f"alt_{code}"].strip() for code in LANGUAGES}
        picture = notice.image or NoticeImage(source_language=notice.source_language,
                                              revision=1)
        if appstruct["picture"] is not None:
            picture.data, picture.mime, picture.width, picture.height = appstruct["picture"]
            picture.updated = utcnow()
        picture.source_language = notice.source_language
        source = picture.texts.get(picture.source_language)
        if source is None or source.alt != alts[picture.source_language]:  # else nothing outdates
            picture.set_text(picture.source_language, alt=alts[picture.source_language],
                             translator=user)
        for code, text in alts.items():
            if code == picture.source_language:
                continue
            if text:
                if code not in picture.texts or picture.texts[code].alt != text:
                    picture.set_text(code, alt=text, translator=user)
            else:
                picture.texts.pop(code, None)
        notice.image = picture
        return self.redirect(self.own_url(), _("The picture was saved."))
