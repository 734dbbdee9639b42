"""The core's principal providers: who a logged-in user is in front of one context.

Each provider is ``provider(request, context, user) -> iterable of principals``, registered with
``config.add_principal_provider`` (plugins add their own the same way). The security policy adds
``system.Everyone``, ``system.Authenticated`` and ``u:<id>`` itself.
"""
from sqlalchemy import inspect

from .models.local_roles import object_key, preload_roles, roles_on


def organisation_principals(request, context, user):
    """``org:<id>``: ACL entries such as "the organising partner may edit" name it."""
    return [f"org:{user.organisation_id}"] if user.organisation_id else []


def held_roles(user, centre_id):
    """Roles ``user`` holds globally or in the centre ``centre_id`` (a term that ended is over)."""
    return [a.role for a in user.current_roles if a.centre_id is None or a.centre_id == centre_id]


def role_principals(request, context, user):
    """``role:<name>`` for every global role and every role held in the context's centre."""
    return [f"role:{role}" for role in held_roles(user, getattr(context, "centre_id", None))]


def owner_principals(request, context, user):
    """``owner`` of the context, only while the owner still holds a role in its centre."""
    if getattr(context, "owner_id", None) != user.id:
        return []
    return ["owner"] if held_roles(user, getattr(context, "centre_id", None)) else []


def lineage_keys(context):
    """``object_key`` of every database object from ``context`` up its ``__parent__`` chain."""
    keys = []
    while context is not None:
        state = inspect(context, raiseerr=False)
        if state is not None and getattr(state, "mapper", None) is not None and state.identity:
            keys.append(object_key(context))
        context = getattr(context, "__parent__", None)
    return keys


def local_role_principals(request, context, user):
    """``role:<name>`` for roles granted on the context or an object above it; a centre-bound
    one (``add_centre_bound_local_role``) only while the user holds a current role in the
    context's centre (a representative whose term ended is no longer the secretary)."""
    roles = roles_on(request.dbsession, user.id, lineage_keys(context))
    bound = roles & request.registry.portal.centre_bound_local_roles
    if bound:
        centre_id = getattr(context, "centre_id", None)
        # a global role (no centre) holds in every centre
        holds = any(a.centre_id in (centre_id, None) for a in user.current_roles)
        if centre_id is None or not holds:
            roles = roles - bound
    return [f"role:{role}" for role in sorted(roles)]


def preload_local_roles(request, contexts):
    """Look up the viewer's local roles on all ``contexts`` (the rows of a list) in one query,
    so that a permission check per row costs no query per row."""
    user = request.user
    if user is not None:
        preload_roles(request.dbsession, user.id,
                      [key for context in contexts if context is not None
                       for key in lineage_keys(context)])
