"""Site administration: centres, organisations, users and roles, plugins, the audit log."""
from zoneinfo import available_timezones

import colander
import deform
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import select

from ..forms import CSRFSchema, FormView
from ..i18n import LANGUAGES, _
from ..models import AuditEntry, Centre, Organisation, RoleAssignment, User
from ..models.audit import add_entry
from ..security import lock_minutes, revoke_sessions, unlock

SLUG = colander.Regex(r"^[a-z0-9][a-z0-9-]{1,48}$",
                      msg=_("Use 2 to 50 small letters, digits and dashes."))


@view_config(route_name="admin", renderer="portal:templates/admin/index.jinja2",
             permission="admin")
def admin_index(request):
    return {}


@view_config(route_name="admin.plugins", renderer="portal:templates/admin/plugins.jinja2",
             permission="admin")
def plugins(request):
    """Installed and enabled plugins, read back from the introspector."""
    introspector = request.registry.introspector
    enabled = {item["introspectable"].discriminator
               for item in introspector.get_category("portal plugins")}
    contributions = {}
    for category in ("portal content types", "portal nav items", "portal kiosk panels",
                     "portal dashboard tiles", "portal roles", "portal migrations"):
        for item in introspector.get_category(category):
            intr = item["introspectable"]
            contributions.setdefault(intr["plugin"], []).append((category, intr.title))
    rows = [
        {"name": info.name, "distribution": info.distribution, "version": info.version,
         "package": info.package, "enabled": info.name in enabled,
         "contributions": contributions.get(info.name, [])}
        for info in request.registry.portal.installed.values()
    ]
    return {"rows": rows, "core": contributions.get("portal", [])}


def audit_entries(request, centre_id=None, limit=200):
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if centre_id is not None:
        query = query.where(AuditEntry.centre_id == centre_id)
    action = request.GET.get("action")
    if action:
        query = query.where(AuditEntry.action == action)
    return request.dbsession.scalars(query.limit(limit)).all()


@view_config(route_name="admin.audit", renderer="portal:templates/audit.jinja2",
             permission="admin")
def admin_audit(request):
    return {"entries": audit_entries(request)}


# -- centres ---------------------------------------------------------------------------------

@view_config(route_name="admin.centres", renderer="portal:templates/admin/centres.jinja2",
             permission="admin")
def centres(request):
    return {"centres": request.dbsession.scalars(select(Centre).order_by(Centre.name)).all()}


@colander.deferred
def unique_centre_slug(node, kw):
    def validate(node, value):
        current = kw.get("object")
        found = kw["request"].dbsession.scalars(select(Centre).where(Centre.slug == value)).first()
        if found is not None and found is not current:
            raise colander.Invalid(node, _("This short name is already taken."))
    return colander.All(SLUG, validate)


class CentreSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"),
                               validator=colander.Length(min=2, max=200))
    slug = colander.SchemaNode(colander.String(), title=_("Short name (in addresses)"),
                               validator=unique_centre_slug)
    timezone = colander.SchemaNode(colander.String(), title=_("Time zone"),
                                   default="Europe/Sarajevo",
                                   validator=colander.OneOf(sorted(available_timezones())))
    active = colander.SchemaNode(colander.Boolean(), title=_("Active"), default=True,
                                 missing=False)


class ObjectFormView(FormView):
    """Add or edit one row of ``model``; ``object`` is None when adding."""

    model = None
    fields = ()
    list_route = None

    def __init__(self, context, request):
        super().__init__(context, request)
        self.object = None
        if "id" in request.matchdict:
            try:
                self.object = request.dbsession.get(self.model, int(request.matchdict["id"]))
            except ValueError:
                self.object = None
            if self.object is None:
                raise HTTPNotFound()

    def schema(self):
        return self.schema_factory().bind(request=self.request, context=self.context,
                                          object=self.object)

    def appstruct(self):
        if self.object is None:
            return {}
        return {name: getattr(self.object, name) for name in self.fields}

    def success(self, appstruct):
        if self.object is None:
            self.object = self.model()
            self.request.dbsession.add(self.object)
        for name in self.fields:
            setattr(self.object, name, appstruct[name])
        self.request.dbsession.flush()
        return self.redirect(self.request.route_path(self.list_route), _("Saved."))


@view_config(route_name="admin.centre_add", permission="admin")
@view_config(route_name="admin.centre_edit", permission="admin")
class CentreForm(ObjectFormView):
    model = Centre
    schema_factory = CentreSchema
    fields = ("name", "slug", "timezone", "active")
    list_route = "admin.centres"
    title = _("Centre")


# -- organisations ---------------------------------------------------------------------------

ORGANISATION_KINDS = [("un_agency", _("UN agency")), ("ngo", _("NGO")),
                      ("authority", _("Public authority")), ("other", _("Other"))]


class OrganisationSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"),
                               validator=colander.Length(min=2, max=200))
    slug = colander.SchemaNode(colander.String(), title=_("Short name"), validator=SLUG)
    kind = colander.SchemaNode(colander.String(), title=_("Kind"),
                               widget=deform.widget.SelectWidget(values=ORGANISATION_KINDS),
                               validator=colander.OneOf([k for k, _t in ORGANISATION_KINDS]))


@view_config(route_name="admin.organisations",
             renderer="portal:templates/admin/organisations.jinja2", permission="admin")
def organisations(request):
    return {"organisations": request.dbsession.scalars(
        select(Organisation).order_by(Organisation.name)).all()}


@view_config(route_name="admin.organisation_add", permission="admin")
@view_config(route_name="admin.organisation_edit", permission="admin")
class OrganisationForm(ObjectFormView):
    model = Organisation
    schema_factory = OrganisationSchema
    fields = ("name", "slug", "kind")
    list_route = "admin.organisations"
    title = _("Organisation")


# -- users and roles -------------------------------------------------------------------------

@view_config(route_name="admin.users", renderer="portal:templates/admin/users.jinja2",
             permission="admin")
def users(request):
    return {"users": request.dbsession.scalars(select(User).order_by(User.username)).all()}


@colander.deferred
def organisation_widget(node, kw):
    orgs = kw["request"].dbsession.scalars(select(Organisation).order_by(Organisation.name))
    return deform.widget.SelectWidget(values=[("", "—")] + [(str(o.id), o.name) for o in orgs])


@colander.deferred
def unique_username(node, kw):
    def validate(node, value):
        current = kw.get("object")
        found = kw["request"].dbsession.scalars(select(User).where(User.username == value)).first()
        if found is not None and found is not current:
            raise colander.Invalid(node, _("This user name is already taken."))
    return colander.All(colander.Regex(r"^[a-z0-9][a-z0-9._-]{1,99}$",
                                       msg=_("Use small letters, digits, dots and dashes.")),
                        validate)


class UserSchema(CSRFSchema):
    username = colander.SchemaNode(colander.String(), title=_("User name"),
                                   validator=unique_username,
                                   preparer=lambda v: v.strip().lower() if isinstance(v, str) else v)
    full_name = colander.SchemaNode(colander.String(), title=_("Full name"),
                                    validator=colander.Length(min=2, max=200))
    email = colander.SchemaNode(colander.String(), title=_("Email"), missing=None,
                                validator=colander.Email())
    organisation_id = colander.SchemaNode(colander.String(), title=_("Organisation"),
                                          missing="", widget=organisation_widget)
    language = colander.SchemaNode(
        colander.String(), title=_("Language"), missing="",
        widget=deform.widget.SelectWidget(values=[("", "—")] + list(LANGUAGES.items())))
    active = colander.SchemaNode(colander.Boolean(), title=_("Active"), default=True,
                                 missing=False,
                                 description=_("Deactivating a user ends all their sessions."))
    password = colander.SchemaNode(
        colander.String(), title=_("New password"), missing="",
        validator=colander.Length(min=10), widget=deform.widget.CheckedPasswordWidget(),
        description=_("At least 10 characters. Leave empty to keep the current password."))

    def validator(self, node, value):
        if node.bindings.get("object") is None and not value["password"]:
            raise colander.Invalid(node["password"], _("A new user needs a password."))


@view_config(route_name="admin.user_add", permission="admin")
@view_config(route_name="admin.user_edit", permission="admin")
class UserForm(ObjectFormView):
    model = User
    schema_factory = UserSchema
    template = "portal:templates/admin/user_edit.jinja2"
    list_route = "admin.users"
    title = _("User")

    def __call__(self):
        if self.request.method == "POST" and "unlock" in self.request.POST and self.object:
            unlock(self.request, self.object)
            add_entry(self.request.dbsession, "unlock", self.object)
            self.request.flash(_("The account was unlocked."))
            return HTTPSeeOther(self.request.route_path("admin.user_edit", id=self.object.id))
        return super().__call__()

    @property
    def lock_minutes(self):
        """Minutes the account stays locked after failed logins (0: not locked)."""
        return lock_minutes(self.request, self.object) if self.object is not None else 0

    def appstruct(self):
        user = self.object
        if user is None:
            return {"active": True}
        return {"username": user.username, "full_name": user.full_name, "email": user.email,
                "organisation_id": str(user.organisation_id or ""),
                "language": user.language or "", "active": user.active}

    def success(self, appstruct):
        user = self.object
        if user is None:
            user = self.object = User()
            self.request.dbsession.add(user)
        was_active = user.active
        user.username = appstruct["username"]
        user.full_name = appstruct["full_name"]
        user.email = appstruct["email"]
        user.organisation_id = int(appstruct["organisation_id"]) if appstruct[
            "organisation_id"] else None
        user.language = appstruct["language"] or None
        user.active = appstruct["active"]
        if appstruct["password"]:
            user.password_hash = self.request.registry["password_hasher"].hash(
                appstruct["password"])
        self.request.dbsession.flush()
        if appstruct["password"] or (was_active and not user.active):
            revoke_sessions(self.request.dbsession, user)
        return self.redirect(self.request.route_path("admin.user_roles", id=user.id),
                             _("Saved."))


@colander.deferred
def role_widget(node, kw):
    roles = kw["request"].registry.portal.roles.values()
    return deform.widget.SelectWidget(
        values=[(r.name, kw["request"].localizer.translate(r.title)) for r in roles])


@colander.deferred
def role_validator(node, kw):
    return colander.OneOf(list(kw["request"].registry.portal.roles))


@colander.deferred
def centre_widget(node, kw):
    centres = kw["request"].dbsession.scalars(select(Centre).order_by(Centre.name))
    return deform.widget.SelectWidget(
        values=[("", _("All centres"))] + [(str(c.id), c.name) for c in centres])


class RoleSchema(CSRFSchema):
    role = colander.SchemaNode(colander.String(), title=_("Role"), widget=role_widget,
                               validator=role_validator)
    centre_id = colander.SchemaNode(colander.String(), title=_("Centre"), missing="",
                                    widget=centre_widget)

    def validator(self, node, value):
        role = node.bindings["request"].registry.portal.roles[value["role"]]
        if role.centre_scoped and not value["centre_id"]:
            raise colander.Invalid(node["centre_id"], _("This role is held in one centre."))
        if not role.centre_scoped and value["centre_id"]:
            raise colander.Invalid(node["centre_id"], _("This role is held in all centres."))


@view_config(route_name="admin.user_roles", permission="admin")
class UserRolesView(ObjectFormView):
    model = User
    schema_factory = RoleSchema
    template = "portal:templates/admin/user_roles.jinja2"
    title = _("Roles")
    button_title = _("Add role")

    def __call__(self):
        remove = self.request.POST.get("remove")
        if self.request.method == "POST" and remove:
            for assignment in list(self.object.roles):
                if str(assignment.id) == remove:
                    self.object.roles.remove(assignment)
            self.request.flash(_("Role removed."))
            return HTTPSeeOther(self.request.route_path("admin.user_roles", id=self.object.id))
        return super().__call__()

    def appstruct(self):
        return {}

    def success(self, appstruct):
        centre_id = int(appstruct["centre_id"]) if appstruct["centre_id"] else None
        exists = any(a.role == appstruct["role"] and a.centre_id == centre_id
                     for a in self.object.roles)
        if not exists:
            self.object.roles.append(RoleAssignment(role=appstruct["role"], centre_id=centre_id))
        return self.redirect(self.request.route_path("admin.user_roles", id=self.object.id),
                             _("Role added."))
