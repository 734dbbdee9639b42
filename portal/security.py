"""Authentication, authorisation and CSRF.

* Identity comes from a revocable server-side session (``UserSession``): the cookie holds a random
  token, the database only its keyed hash; a new token is issued at every login.
* Principals: ``system.Everyone``, ``system.Authenticated``, ``u:<id>``, then whatever the
  principal providers registered with ``config.add_principal_provider`` give (the core's, in
  ``principals.py``: ``org:<id>``, ``role:<name>`` for global and centre roles and local roles,
  ``owner``). Views check permissions; the contexts' ACLs map principals to permissions.
* CSRF tokens are bound to the login: a logged-in user's is kept in their ``UserSession`` row
  (so a new one comes with every login and none survives the logout); anonymous forms (the
  login form) keep theirs in a cookie, renewed at login and logout.
* Passwords are hashed with argon2id. Logins are throttled per account name, per address and
  per known device (see :mod:`portal.throttle` and :func:`authenticate`); unknown names cost
  the same password check as known ones.
"""
import hashlib
import hmac
import json
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.csrf import CookieCSRFStoragePolicy
from pyramid.interfaces import ICSRFStoragePolicy
from pyramid.util import strings_differ
from pyramid.security import forget, remember
from sqlalchemy import select, update
from webob.cookies import make_cookie

from .models import User, UserSession
from .models.audit import add_entry
from .models.meta import utcnow
from .throttle import ADDRESS, DEVICE, NAME, clear, locked_seconds, record_failures

SESSION_COOKIE = "portal_session"


class SecurityPolicy:
    def __init__(self, settings):
        self.secret = settings["portal.secret"].encode()
        self.acl = ACLHelper()

    def session_id(self, token):
        return hmac.new(self.secret, token.encode(), hashlib.sha256).hexdigest()

    def current_session(self, request):
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        row = request.dbsession.get(UserSession, self.session_id(token))
        if row is None or row.revoked or row.expires <= utcnow() or not row.user.active:
            return None
        return row

    def identity(self, request):
        return request.user

    def authenticated_userid(self, request):
        user = request.user
        return user.id if user is not None else None

    def effective_principals(self, request, context):
        """Everyone, and for a user their id plus what the principal providers say.

        Computed once per request and context: a page asks for many permissions on one context.
        """
        user = request.user
        if user is None:
            return [Everyone]
        cache = request.__dict__.setdefault("_portal_principals", {})
        key = (id(context), user.id)
        if key not in cache:
            principals = [Everyone, Authenticated, f"u:{user.id}"]
            for provider in request.registry.portal.principal_providers:
                principals.extend(provider.callable(request, context, user))
            cache[key] = (context, principals)  # the context is kept so its id stays unique
        return cache[key][1]

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.effective_principals(request, context), permission)

    def remember(self, request, userid, **kw):
        """Open a new session for ``userid``; returns the Set-Cookie header."""
        settings = request.registry.settings
        token = secrets.token_urlsafe(32)
        row = UserSession(id=self.session_id(token), user_id=userid,
                          expires=utcnow() + timedelta(hours=settings["portal.session_hours"]),
                          csrf_token=new_token())
        request.dbsession.add(row)
        request.session_row = row  # messages flashed after login go to the new session
        return [("Set-Cookie", _cookie(request, token))]

    def forget(self, request, **kw):
        row = request.session_row
        if row is not None:
            row.revoked = True
        return [("Set-Cookie", _cookie(request, "", max_age=0))]


def new_token():
    return secrets.token_urlsafe(32)


class SessionCSRFStoragePolicy:
    """CSRF tokens kept with the login session; a cookie holds the anonymous forms' token."""

    def __init__(self, cookies):
        self.cookies = cookies  # a CookieCSRFStoragePolicy

    def new_csrf_token(self, request):
        row = request.session_row
        if row is None:
            return self.cookies.new_csrf_token(request)
        row.csrf_token = new_token()
        return row.csrf_token

    def get_csrf_token(self, request):
        row = request.session_row
        if row is None:
            return self.cookies.get_csrf_token(request)
        return row.csrf_token or self.new_csrf_token(request)  # sessions older than the column

    def check_csrf_token(self, request, supplied_token):
        expected = self.get_csrf_token(request)
        return not strings_differ(expected.encode(), (supplied_token or "").encode())

    def renew_anonymous_token(self, request):
        """A token seen before a login or logout must not work after it."""
        self.cookies.new_csrf_token(request)


def renew_anonymous_csrf_token(request):
    request.registry.getUtility(ICSRFStoragePolicy).renew_anonymous_token(request)


def is_secure(request):
    return request.registry.settings["portal.https"] or request.scheme == "https"


def _cookie(request, value, max_age=None, name=SESSION_COOKIE):
    return make_cookie(name, value, max_age=max_age, path="/", secure=is_secure(request),
                       httponly=True, samesite="Lax")


def revoke_sessions(dbsession, user):
    """End every session of ``user`` (deactivation, password change)."""
    dbsession.execute(
        update(UserSession).where(UserSession.user_id == user.id).values(revoked=True)
    )


# -- passwords ---------------------------------------------------------------------------------

def password_hasher(settings):
    kwargs = {}
    if "portal.argon2_time_cost" in settings:
        kwargs["time_cost"] = int(settings["portal.argon2_time_cost"])
    if "portal.argon2_memory_cost" in settings:
        kwargs["memory_cost"] = int(settings["portal.argon2_memory_cost"])
    if "portal.argon2_parallelism" in settings:
        kwargs["parallelism"] = int(settings["portal.argon2_parallelism"])
    return PasswordHasher(**kwargs)  # argon2id by default


def hash_password(request_or_registry, password):
    return request_or_registry.registry["password_hasher"].hash(password)


def check_password(registry, user, password):
    """True for the right password of an active ``user``.

    An unknown (None) or inactive user is checked against a dummy hash, so that the answer
    takes as long as for an existing account and tells nothing about which names exist.
    """
    known = user is not None and user.active
    hashed = user.password_hash if known else registry["dummy_password_hash"]
    try:
        return registry["password_hasher"].verify(hashed, password) and known
    except (VerificationError, InvalidHashError):
        return False


# -- login with throttling ---------------------------------------------------------------------

DEVICE_COOKIE = "portal_device"
DEVICE_COOKIE_AGE = 180 * 24 * 3600


class LoginLocked(Exception):
    def __init__(self, seconds):
        super().__init__(seconds)
        self.minutes = max(1, int(seconds // 60) + 1)


def _device_signature(settings, value):
    return hmac.new(settings["portal.secret"].encode(), f"device:{value}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def known_device(request, user):
    """The id in this browser's "known device" cookie when ``user`` logged in from it, or None."""
    parts = request.cookies.get(DEVICE_COOKIE, "").split(".")
    if user is None or len(parts) != 3:
        return None
    user_id, device, signature = parts
    expected = _device_signature(request.registry.settings, f"{user_id}.{device}")
    if not hmac.compare_digest(signature, expected) or user_id != str(user.id):
        return None
    return device


def device_cookie(request, user):
    """The Set-Cookie header marking this browser as a device ``user`` logs in from."""
    value = f"{user.id}.{known_device(request, user) or secrets.token_urlsafe(16)}"
    value += "." + _device_signature(request.registry.settings, value)
    return "Set-Cookie", _cookie(request, value, max_age=DEVICE_COOKIE_AGE, name=DEVICE_COOKIE)


def throttle_scopes(request, user, username):
    """What failed attempts count against: the known device, or else the name and the address.

    A lock on the name (someone guessing elsewhere) or on the address (a shared connection)
    does not keep the owner out of a browser they logged in from before; guessing from that
    browser locks the device instead.
    """
    device = known_device(request, user)
    if device:
        return [(DEVICE, device)]
    return [(NAME, username), (ADDRESS, request.remote_addr or "")]


def authenticate(request, username, password):
    """The active user with these credentials, or None. Raises LoginLocked while throttled."""
    name = username.strip().lower()
    user = request.dbsession.scalars(select(User).where(User.username == name)).first()
    scopes = throttle_scopes(request, user, name)
    wait = locked_seconds(request, scopes)
    if wait:
        raise LoginLocked(wait)
    if check_password(request.registry, user, password):
        # the owner proved who they are: forget their failures (a lock on the name stays
        # when they came in through a known device, for the guesser elsewhere)
        clear(request, [s for s in scopes if s[0] != ADDRESS])
        return user
    record_failures(request, scopes)
    return None


def unlock(request, user):
    """Lift the lock (and forget the failures) on ``user``'s name; for administrators."""
    clear(request, [(NAME, user.username)])


def lock_minutes(request, user):
    """Minutes left of the lock on ``user``'s name, or 0."""
    seconds = locked_seconds(request, [(NAME, user.username)])
    return LoginLocked(seconds).minutes if seconds else 0


def log_in(request, user):
    """Start a fresh session for ``user`` (ending the one this browser had) and return headers."""
    old = request.session_row
    if old is not None:
        old.revoked = True
    request.session_row = None
    request.user = user
    add_entry(request.dbsession, "login", user, object_type="users")
    renew_anonymous_csrf_token(request)
    return remember(request, user.id) + [device_cookie(request, user)]


def log_out(request):
    user = request.user
    if user is not None:
        add_entry(request.dbsession, "logout", user, object_type="users")
    headers = forget(request)
    request.session_row = None  # revoked: its token goes with it
    renew_anonymous_csrf_token(request)
    return headers


# -- flash messages kept in the server-side session --------------------------------------------

def flash(request, message, kind="success"):
    row = request.session_row
    if row is None:
        return
    messages = json.loads(row.flash or "[]")
    messages.append([request.localizer.translate(message), kind])
    row.flash = json.dumps(messages)


def pop_flash(request):
    row = request.session_row
    if row is None or not row.flash:
        return []
    messages = json.loads(row.flash)
    row.flash = None
    return messages


def includeme(config):
    settings = config.get_settings()
    policy = SecurityPolicy(settings)
    hasher = config.registry["password_hasher"] = password_hasher(settings)
    # checked when a name is unknown, with the same cost as a real account's hash
    config.registry["dummy_password_hash"] = hasher.hash(secrets.token_urlsafe(16))
    config.set_security_policy(policy)
    # A view that forgets its permission is for admins only (fail closed).
    config.set_default_permission("admin")
    config.set_csrf_storage_policy(SessionCSRFStoragePolicy(CookieCSRFStoragePolicy(
        httponly=True, samesite="Lax", secure=settings["portal.https"],
    )))
    config.set_default_csrf_options(require_csrf=True)

    config.registry["security_policy"] = policy  # request.session_row (portal/request.py)
