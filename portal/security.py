"""Authentication, authorisation and CSRF.

* Identity comes from a revocable server-side session (``UserSession``): the cookie holds a random
  token, the database only its keyed hash; a new token is issued at every login.
* Principals: ``system.Everyone``, ``system.Authenticated``, ``u:<id>``, then whatever the
  principal providers registered with ``config.add_principal_provider`` give (the core's, in
  ``principals.py``: ``org:<id>``, ``role:<name>`` for global and centre roles and local roles,
  ``owner``). Views check permissions; the contexts' ACLs map principals to permissions.
* Passwords are hashed with argon2id; logins are throttled per account name.
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
from pyramid.security import forget, remember
from sqlalchemy import select, update
from webob.cookies import make_cookie

from .models import LoginThrottle, User, UserSession
from .models.audit import add_entry
from .models.meta import utcnow

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
                          expires=utcnow() + timedelta(hours=settings["portal.session_hours"]))
        request.dbsession.add(row)
        request.session_row = row  # messages flashed after login go to the new session
        return [("Set-Cookie", _cookie(request, token))]

    def forget(self, request, **kw):
        row = request.session_row
        if row is not None:
            row.revoked = True
        return [("Set-Cookie", _cookie(request, "", max_age=0))]


def _cookie(request, value, max_age=None):
    secure = request.registry.settings["portal.https"] or request.scheme == "https"
    return make_cookie(SESSION_COOKIE, value, max_age=max_age, path="/", secure=secure,
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
    try:
        return registry["password_hasher"].verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# -- login with throttling ---------------------------------------------------------------------

class LoginLocked(Exception):
    def __init__(self, minutes):
        self.minutes = minutes


def authenticate(request, username, password):
    """The active user with these credentials, or None. Raises LoginLocked while throttled."""
    settings = request.registry.settings
    key = username.strip().lower()
    throttle = request.dbsession.get(LoginThrottle, key)
    now = utcnow()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        seconds = (throttle.locked_until - now).total_seconds()
        raise LoginLocked(max(1, int(seconds // 60) + 1))
    user = request.dbsession.scalars(select(User).where(User.username == key)).first()
    if user is not None and user.active and check_password(request.registry, user, password):
        if throttle:
            request.dbsession.delete(throttle)
        return user
    if throttle is None:
        throttle = LoginThrottle(username=key, failures=0)
        request.dbsession.add(throttle)
    throttle.failures += 1
    if throttle.failures >= settings["portal.login_max_failures"]:
        throttle.failures = 0
        throttle.locked_until = now + timedelta(seconds=settings["portal.login_lockout_seconds"])
    return None


def log_in(request, user):
    """Start a fresh session for ``user`` (ending the one this browser had) and return headers."""
    old = request.session_row
    if old is not None:
        old.revoked = True
    request.session_row = None
    request.user = user
    add_entry(request.dbsession, "login", user, object_type="users")
    return remember(request, user.id)


def log_out(request):
    user = request.user
    if user is not None:
        add_entry(request.dbsession, "logout", user, object_type="users")
    return forget(request)


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
    config.registry["password_hasher"] = password_hasher(settings)
    config.set_security_policy(policy)
    # A view that forgets its permission is for admins only (fail closed).
    config.set_default_permission("admin")
    config.set_csrf_storage_policy(CookieCSRFStoragePolicy(
        httponly=True, samesite="Lax", secure=settings["portal.https"],
    ))
    config.set_default_csrf_options(require_csrf=True)

    def session_row(request):
        return policy.current_session(request)

    def user(request):
        row = request.session_row
        return row.user if row is not None else None

    config.add_request_method(session_row, reify=True)
    config.add_request_method(user, reify=True)
    config.add_request_method(flash)
    config.add_request_method(pop_flash)
