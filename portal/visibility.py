"""Which rows of a content model the viewer might have a permission on, as an SQL condition.

Staff lists fetch a page in SQL and check each row with ``request.has_permission``. This
condition leaves out, in the database, the rows that check would refuse anyway (another
representative's draft, a withdrawn page for a translator), so a page costs what it shows. It
is a superset, never narrower than the check: it reads the workflow's ACL per state and knows
what the core's principal providers can give; when a plugin adds a principal provider of its
own (which may give anything), or a content type has an ACL of its own, it keeps those rows.
"""
from pyramid.authorization import Authenticated, Everyone
from sqlalchemy import and_, false, or_, select, true

from .models.local_roles import LocalRole


def _granting(state, permission):
    """Principals a state's ACL grants ``permission`` to (``role:admin`` gets everything the
    state does not deny)."""
    if permission in state.denied:
        return []
    return ["role:admin"] + [principal for principal, permissions in state.acl.items()
                             if permission in permissions]


class _Viewer:
    """What the core's principal providers can give the viewer, as SQL conditions on a row."""

    def __init__(self, request, model):
        self.model = model
        self.user = user = request.user
        if user is None:
            return
        roles = user.current_roles
        self.global_roles = {a.role for a in roles if a.centre_id is None}
        self.centre_roles = {}
        for assignment in roles:
            if assignment.centre_id is not None:
                self.centre_roles.setdefault(assignment.role, set()).add(assignment.centre_id)
        self.local_roles = set(request.dbsession.scalars(
            select(LocalRole.role).where(LocalRole.user_id == user.id).distinct()))

    def holds(self, principal):
        """A condition on the row under which the viewer has ``principal`` there, or None."""
        user, model = self.user, self.model
        if principal == Everyone:
            return true()
        if user is None:
            return None  # anonymous visitors are Everyone and nothing else
        if principal in (Authenticated, f"u:{user.id}"):
            return true()
        if principal == "owner":
            return model.owner_id == user.id
        if principal.startswith("role:"):
            role = principal[len("role:"):]
            if role in self.global_roles or role in self.local_roles:
                return true()
            if role in self.centre_roles:
                return model.centre_id.in_(sorted(self.centre_roles[role]))
            return None
        if principal.startswith("org:") and user.organisation_id is not None:
            if "{" not in principal:
                return true() if principal == f"org:{user.organisation_id}" else None
            column = getattr(model, principal[principal.index("{") + 1:principal.index("}")], None)
            return column == user.organisation_id if column is not None else true()
        return None  # no core provider gives it


def permission_filter(request, model, permission):
    """SQL condition keeping every row of ``model`` (``Content`` or a content type) on which the
    viewer may have ``permission`` once bound with ``bind_content``; check the rows shown."""
    portal = request.registry.portal
    if any(provider.plugin != "portal" for provider in portal.principal_providers):
        return true()
    viewer = _Viewer(request, model)
    if viewer.user is not None and "admin" in viewer.global_roles:
        return true()
    kinds = []
    for name, info in portal.content_types.items():
        if not (issubclass(info.factory, model) or issubclass(model, info.factory)):
            continue
        if getattr(info.factory, "__acl__", None) is not None:
            kinds.append(model.type == name)  # its own ACL decides, row by row
            continue
        workflow = portal.workflows.get(info.workflow) if info.workflow else None
        if workflow is None:
            continue  # administrators only
        states = []
        for state in workflow.states.values():
            held = [c for c in map(viewer.holds, _granting(state, permission)) if c is not None]
            if held:
                states.append(and_(model.state == state.name, or_(*held)))
        if states:
            kinds.append(and_(model.type == name, or_(*states)))
    return or_(*kinds) if kinds else false()
