"""A page cache for anonymous readers (residents, kiosks), with ETag revalidation.

Views opt in with ``@view_config(..., decorator=public_page())``. A page is stored per scheme,
host, path, the query parameters the page reads (``public_page(params=(...))``; ``lang`` is read
by every page and counts through the language) and language, together with the *change
version*: the change counters of its centre and the global one (see ``models/changes.py``),
bumped in every writing transaction. A page is served from the cache, or answered with ``304 Not
Modified``, only while nothing it may show has changed since it was rendered; checking that
costs one query on a table of a row per centre. Pages whose content changes with the clock alone
must not opt in, or must pass ``max_age``.

The ETag is a hash of the page's bytes: a page rendered again after a change elsewhere, or after
it was pushed out of the cache, keeps its tag while it shows the same, and kiosks keep their
``304``s. Concurrent misses for one page wait for the first reader's render instead of each
rendering it (see :meth:`PageCache.render_slot`).
"""
import gzip
import hashlib
import logging
import time
from contextlib import contextmanager
from functools import lru_cache
from threading import Event, Lock
from urllib.parse import urlencode, urlsplit

from cachetools import LRUCache
from pyramid.exceptions import ConfigurationError
from pyramid.response import Response
from pyramid.settings import aslist
from webob import Request as WebObRequest
from webob.acceptparse import create_accept_encoding_header
from webob.exc import HTTPBadRequest
from .i18n import LANGUAGE_COOKIE, choose_locale, language_cookie, normalize, remembers_language
from .models import changes
from .models.changes import GLOBAL, read_counters
from .security import SESSION_COOKIE

log = logging.getLogger(__name__)

CACHE_FLAG = "portal.public_page"
PARAMS_FLAG = "portal.public_page.params"
CENTRE_FLAG = "portal.public_page.centre"
MAX_BYTES = 64 * 1024 * 1024
MAX_PATHS = 20000
MAX_KEPT = 10000  # entries of kept public data (lists of a few dozen rows each)
PUBLISHED_BYTES = 16 * 1024 * 1024
#: how long a reader waits for another's render of the same page before rendering it too
RENDER_WAIT = 30


class PageCache:
    """Stored pages by key, least recently used first out when they pass ``max_bytes`` (body
    and gzipped body); ``params`` remembers which query parameters each path reads, so a repeat
    with parameters the page ignores is answered from the same entry."""

    def __init__(self, max_bytes=MAX_BYTES):
        self.entries = LRUCache(maxsize=max_bytes, getsizeof=entry_size)
        self.params = {}
        self.rendering = {}  # key -> Event set when its render is done
        self.lock = Lock()

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.params.clear()

    def params_of(self, path):
        return self.params.get(path)

    def remember_params(self, path, params):
        with self.lock:
            if len(self.params) >= MAX_PATHS and path not in self.params:
                self.params.clear()  # rare (real pages are few); relearnt as pages render
            self.params[path] = params

    def get(self, key):
        with self.lock:
            return self.entries.get(key)

    @property
    def enabled(self):
        """``portal.page_cache_bytes = 0`` turns storing off (bench/ measures pages so)."""
        return self.entries.maxsize > 0

    def put(self, key, entry):
        with self.lock:
            if entry_size(entry) <= self.entries.maxsize:  # a larger page is never stored
                self.entries[key] = entry

    @contextmanager
    def render_slot(self, key):
        """One render per key at a time: yields True to the reader who renders, False to the
        readers who waited for that render (they look in the cache again, and render
        themselves only when the page could not be stored)."""
        with self.lock:
            running = self.rendering.get(key)
            if running is None:
                running = self.rendering[key] = Event()
                mine = True
            else:
                mine = False
        if not mine:
            running.wait(RENDER_WAIT)
            yield False
            return
        try:
            yield True
        finally:
            with self.lock:
                del self.rendering[key]
            running.set()


def entry_size(entry):
    return len(entry["body"]) + len(entry["gzip"] or b"")


class ChangeVersion:
    """The change counters (``models/changes.py``), read at most every ``ttl`` seconds, and at
    once after this process committed a change (its writer's next page shows it).

    Read on a connection of its own, outside the request's transaction, so a cache hit never
    starts one; the test suite's session (``app.dbsession``) is used when present, because its
    changes are not committed. A page of one centre depends on that centre's counter and the
    global one; a page of no centre on every counter.
    """

    def __init__(self, engine, ttl):
        self.engine = engine
        self.ttl = ttl
        self.value = None
        self.read_at = 0.0
        self.commits_seen = changes.local_commits

    def counters(self, request):
        session = request.environ.get("app.dbsession")
        if session is not None:
            return read_counters(session.connection())
        now, commits = time.monotonic(), changes.local_commits
        if self.value is None or now - self.read_at >= self.ttl or commits != self.commits_seen:
            with self.engine.connect() as connection:
                self.value = read_counters(connection)
            self.read_at, self.commits_seen = now, commits
        return self.value

    @staticmethod
    def of_page(counters, centre_id):
        if centre_id is None:
            return str(sum(counters.values()))
        return f"{counters.get(GLOBAL, 0)}.{counters.get(centre_id, 0)}"

    def __call__(self, request, centre_id):
        return self.of_page(self.counters(request), centre_id)


class KeptData:
    """Public data read from the database, kept between requests by key beside the change
    version it was read at (see :func:`kept`); bounded by its number of entries, or with
    ``sizeof(value)`` by their total size (least recently read first out)."""

    def __init__(self, max_entries=MAX_KEPT, sizeof=None):
        self.entries = LRUCache(maxsize=max_entries, getsizeof=(
            (lambda entry: sizeof(entry[1])) if sizeof is not None else None))
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            return self.entries.get(key)

    def put(self, key, version, value):
        with self.lock:
            try:
                self.entries[key] = (version, value)
            except ValueError:  # larger than the whole store: not kept
                pass

    def clear(self):
        with self.lock:
            self.entries.clear()


def kept(request, key, centre_id, load, store="portal.kept"):
    """``load()``, kept between requests while the change version of ``centre_id`` (its counter
    and the global one; None: every counter) stays the same, as the page cache keeps pages.

    For what every anonymous reader may see alike (the list of centres, which series a centre's
    feed holds): the counters move only when such data changes. The version is read before
    ``load()``, so a change committed meanwhile makes the next reader load again. ``key`` is
    hashable and names the data (start it with the plugin's name).

    A request that has written (its transaction moved a counter) reads without keeping: it sees
    its own changes, which may yet be rolled back. ``store`` names the registry's
    :class:`KeptData` (the core's own bounded by size: ``portal.published``)."""
    if request.environ.get(changes.WROTE):
        return load()
    version = request.registry["change_version"](request, centre_id)
    store = request.registry[store]
    found = store.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = load()
    store.put(key, version, value)
    return value


def page_centre_id(context):
    """The centre a page shows (a notice of every centre shown in one: that one), or None."""
    shown_in = getattr(context, "shown_in", None)
    if shown_in is not None:
        return shown_in.id
    return getattr(context, "centre_id", None)


def public_page(max_age=None, params=()):
    """View decorator: this page is the same for every anonymous reader of one language.

    ``params`` names the query parameters the page reads besides ``lang``; the view (and its
    template) sees only those, so a page rendered for ``?x=1`` is the page for every reader.
    A view whose page changes with the clock sets ``request.environ[CACHE_FLAG]`` to the number
    of seconds it stays valid (see :func:`valid_for`).
    """
    params = tuple(sorted(set(params) - {"lang"}))

    def decorator(view):
        def wrapper(context, request):
            request.environ.setdefault(CACHE_FLAG, max_age or 0)
            request.environ[PARAMS_FLAG] = params
            request.environ[CENTRE_FLAG] = page_centre_id(context)
            request.query_string = urlencode(kept_query(request.GET, params + ("lang",)))
            return view(context, request)

        return wrapper

    return decorator


def valid_for(request, seconds):
    """The page being rendered changes by itself after ``seconds`` (e.g. a notice expires)."""
    current = request.environ.get(CACHE_FLAG) or None
    seconds = max(1, int(seconds))
    request.environ[CACHE_FLAG] = min(current, seconds) if current else seconds


def kept_query(query, params):
    """The pairs of ``query`` (a MultiDict) whose names are in ``params``, in a fixed order."""
    return sorted((k, v) for k, v in query.items() if k in params)


def path_of(environ):
    """The page's path as the server gave it (WSGI's latin-1 string): the same key for the
    tween that stores a page and for the app that answers repeats, without WebOb's quoting."""
    return environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")


def page_key(request, params, locale, path=None):
    """Scheme, host, path, the query the page reads, and the language (``lang`` counts there)."""
    return (request.scheme, request.host.lower(), path or path_of(request.environ),
            urlencode(kept_query(request.GET, params)), locale)


def host_name(host):
    """``Host`` without the port; IPv6 literals keep their brackets."""
    host = host.lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if ":" in host else host


def sets_cookies(response):
    """A cookie other than the reader's language: the page is this visitor's own."""
    return any(k.lower() == "set-cookie" and not v.startswith(f"{LANGUAGE_COOKIE}=")
               for k, v in response.headerlist)


def is_anonymous(request):
    return SESSION_COOKIE not in request.cookies


# 304s by hand, not WebOb's conditional_response: the fast path skips Pyramid for speed (bench/)
def not_modified(etag):
    # a bare Response: building an HTTPNotModified exception costs more than the whole answer
    return Response(status=304, headerlist=[("ETag", f'"{etag}"'), ("Vary", VARY)])


VARY = "Cookie, Accept-Language, Accept-Encoding"
FOREVER = 365 * 24 * 3600


def page_cache_tween_factory(handler, registry):
    """Stores public pages as Pyramid renders them (``CachedPagesApp`` answers repeats)."""
    cache, change_version = registry["page_cache"], registry["change_version"]

    def tween(request):
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            return handler(request)
        # read before rendering: a change committed meanwhile makes the stored page outdated
        counters = change_version.counters(request)
        response = handler(request)
        max_age = request.environ.get(CACHE_FLAG)
        params = request.environ.get(PARAMS_FLAG, ())
        centre_id = request.environ.get(CENTRE_FLAG)
        version = change_version.of_page(counters, centre_id)
        if max_age is None or response.status_int != 200 or request.user is not None or \
                sets_cookies(response):
            return response
        etag = content_tag(response.body)
        response.headers["ETag"] = f'"{etag}"'
        response.headers["Cache-Control"] = "no-cache"  # revalidate, cheap thanks to the ETag
        response.headers["Vary"] = VARY
        headers = [(k, v) for k, v in response.headerlist
                   if k.lower() not in ("set-cookie", "content-length")]
        entry = {"version": version, "centre_id": centre_id, "etag": etag, "body": response.body,
                 "gzip": compressed(response.body, cache.enabled) if len(response.body) > 1024 and (
                     cache.enabled or accepts_gzip(request.headers.get("Accept-Encoding")))
                 else None,  # with storing off, only for a reader who takes it
                 "headers": headers, "expires": time.time() + (max_age or FOREVER),
                 "remembers_language": remembers_language(request, response)}
        key = page_key(request, params, request.locale_name)

        def store(request, answer):
            # a response callback added after the view's own ones (a CSRF token's cookie):
            # it sees every cookie the page sets
            if sets_cookies(answer):
                del answer.headers["ETag"]
                return
            cache.remember_params(path_of(request.environ), params)
            cache.put(key, entry)

        request.add_response_callback(store)
        if etag in request.if_none_match:
            return not_modified(etag)
        return cached_response(request, entry)

    return tween


class CachedPagesApp:
    """WSGI in front of the Pyramid app: checks the Host, answers repeat anonymous requests for
    stored pages.

    A request for a host not in ``portal.allowed_hosts`` gets 400 before anything else runs, so a
    forged ``Host`` is never rendered into a page, let alone stored. With ``portal.public_url``
    set, every request is seen by Pyramid as addressed to it (absolute URLs in feeds, posters).
    A cache hit or a 304 costs a dictionary lookup here, without Pyramid's request pipeline;
    everything else goes to Pyramid unchanged.
    """

    def __init__(self, router):
        self.router = router
        self.registry = router.registry
        self.cache = router.registry["page_cache"]
        self.change_version = router.registry["change_version"]
        self.settings = router.registry.settings
        self.allowed_hosts = self.settings["portal.allowed_hosts"]
        self.public_url = self.settings["portal.public_url"]

    def __call__(self, environ, start_response):
        request = WebObRequest(environ)
        if self.allowed_hosts and host_name(request.host) not in self.allowed_hosts:
            return HTTPBadRequest()(environ, start_response)
        if self.public_url:
            scheme, netloc = self.public_url
            environ["wsgi.url_scheme"], environ["HTTP_HOST"] = scheme, netloc
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or not self.cache.enabled or \
                SESSION_COOKIE in environ.get("HTTP_COOKIE", ""):
            return self.router(environ, start_response)
        path = path_of(environ)
        params = self.cache.params_of(path)
        if params is None:  # not a public page, or one not rendered yet
            return self.router(environ, start_response)
        key = page_key(request, params, choose_locale(request, self.settings), path)
        answer = self.stored(request, key)
        if answer is None:
            with self.cache.render_slot(key) as mine:
                if not mine:  # another reader rendered it meanwhile
                    answer = self.stored(request, key)
                if answer is None:
                    return self.router(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body] if environ["REQUEST_METHOD"] == "GET" else []

    def stored(self, request, key):
        """``(status, headers, body)`` from the cache (the page, or 304), or None when it has no
        current copy. Plain WSGI, without a Response object: this is the path every repeat
        reader takes."""
        entry = self.cache.get(key)
        if entry is None or entry["expires"] <= time.time() or \
                entry["version"] != self.change_version(request, entry["centre_id"]):
            return None
        etag = entry["etag"]
        if f'"{etag}"' in request.environ.get("HTTP_IF_NONE_MATCH", ""):
            return "304 Not Modified", [("ETag", f'"{etag}"'), ("Vary", VARY)], b""
        headers, body = representation(entry, request.environ.get("HTTP_ACCEPT_ENCODING"))
        chosen = normalize(request.GET.get("lang"))
        if chosen and entry["remembers_language"] and \
                request.cookies.get(LANGUAGE_COOKIE) != chosen:
            headers.append(("Set-Cookie", language_cookie(chosen, self.settings["portal.https"])))
        return "200 OK", headers, body


#: hashlib lets other threads run while it hashes this much or more at once
GIL_FREE_HASH = 2048


def content_tag(body):
    """The ETag: what the page shows, whatever rendered it and when. SHA-256 (cut to 96 bits)
    rather than BLAKE2: processors hash it in hardware, twice as fast on a 36 kB feed.

    Fed in pieces smaller than hashlib's threshold, so it keeps the interpreter's lock: given
    away for the few microseconds of a page's hash, the lock came back only after another
    thread's turn, and under waitress the hash of a 36 kB feed cost four times its own time."""
    digest, view = hashlib.sha256(), memoryview(body)
    for start in range(0, len(view), GIL_FREE_HASH - 1):
        digest.update(view[start:start + GIL_FREE_HASH - 1])
    return digest.hexdigest()[:24]


def representation(entry, accept_encoding):
    """``(headers, body)`` of a stored page: gzipped when the reader accepts it (kiosk feeds
    get large)."""
    headers = list(entry["headers"])
    if entry["gzip"] is not None and accepts_gzip(accept_encoding):
        body = entry["gzip"]
        headers.append(("Content-Encoding", "gzip"))
    else:
        body = entry["body"]
    headers.append(("Content-Length", str(len(body))))
    return headers, body


def cached_response(request, entry):
    """The stored page as a Response (the first reader's, from the tween)."""
    headers, body = representation(entry, request.headers.get("Accept-Encoding"))
    return Response(headerlist=headers, app_iter=[body])


def parse_public_url(value):
    """``https://portal.example.org`` -> ``("https", "portal.example.org")``; empty -> None."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path.strip("/"):
        raise ConfigurationError(
            "portal.public_url must be a scheme and host, like https://portal.example.org: "
            f"{value!r}")
    return parts.scheme, parts.netloc


@lru_cache(maxsize=256)  # browsers send a handful of distinct headers
def compressed(body, stored):
    """gzip of a page: thorough when it is stored and served many times, quick (as web servers
    do for dynamic pages) when it is compressed again for every reader."""
    return gzip.compress(body, 6 if stored else 1)


@lru_cache(maxsize=256)  # browsers and kiosks send a handful of distinct headers
def accepts_gzip(accept_encoding):
    """Only when asked for: without ``Accept-Encoding`` any coding is allowed by the letter of
    HTTP, but ``curl``, scripts and some feed readers then get bytes they cannot read."""
    return accept_encoding is not None and \
        bool(create_accept_encoding_header(accept_encoding).acceptable_offers(["gzip"]))


def includeme(config):
    registry = config.registry
    settings = registry.settings
    settings["portal.allowed_hosts"] = {host_name(h) for h in
                                        aslist(settings.get("portal.allowed_hosts", ""))}
    settings["portal.public_url"] = parse_public_url(settings.get("portal.public_url", ""))
    if not settings["portal.allowed_hosts"]:
        if not settings.get("portal.demo_data"):
            raise ConfigurationError(
                "portal.allowed_hosts must name the host names the portal is reached by "
                "(space-separated): a forged Host header must not reach a page")
        log.warning("portal.allowed_hosts is empty: any Host header is answered")
    registry["page_cache"] = PageCache(
        int(settings.get("portal.page_cache_bytes", MAX_BYTES)))
    registry["portal.kept"] = KeptData()
    # anonymous readers' content items (portal/published.py), bounded by the size of their texts
    from .published import item_size  # published imports this module

    registry["portal.published"] = KeptData(
        int(settings.get("portal.published_cache_bytes", PUBLISHED_BYTES)), item_size)
    registry["change_version"] = ChangeVersion(
        registry["dbengine"], float(registry.settings.get("portal.page_cache_ttl", 1)))
    # above pyramid_tm: a cache hit starts no transaction
    config.add_tween("portal.caching.page_cache_tween_factory", over="pyramid_tm.tm_tween_factory",
                     under="portal.models.sqlite_retry_tween_factory")
