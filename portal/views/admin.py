"""Site administration: centres, organisations, users and roles, plugins, the audit log."""
from zoneinfo import available_timezones

import colander
import deform
from markupsafe import Markup
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..forms import AddFormView, CSRFSchema, EditFormView, FormView
from ..i18n import LANGUAGES, _
from ..models import Centre, Organisation, RoleAssignment, User
from ..models.audit import add_entry
from ..paging import paginate
from ..security import lock_minutes, revoke_sessions, unlock

SLUG = colander.Regex(r"^[a-z0-9][a-z0-9-]{1,48}$",
                      msg=_("Use 2 to 50 small letters, digits and dashes."))


@view_config(route_name="admin", request_method="GET", renderer="portal:templates/admin/index.jinja2",
             permission="admin")
def admin_index(request):
    return {}


@view_config(route_name="admin.plugins", request_method="GET", renderer="portal:templates/admin/plugins.jinja2",
             permission="admin")
def plugins(request):
    """Installed and enabled plugins, read back from the introspector."""
    introspector = request.registry.introspector
    enabled = {item["introspectable"].discriminator
               for item in introspector.get_category("portal plugins")}
    contributions = {}
    for category in ("portal content types", "portal nav items", "portal kiosk panels",
                     "portal centre panels", "portal dashboard tiles", "portal roles",
                     "portal migrations"):
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


# -- centres ---------------------------------------------------------------------------------

@view_config(route_name="admin.centres", request_method="GET", renderer="portal:templates/admin/centres.jinja2",
             permission="admin")
def centres(request):
    page = paginate(request, select(Centre).order_by(Centre.name, Centre.id)
                    .options(selectinload(Centre.rooms)))
    return {"centres": page.items, "page": page}


def unique_slug(model):
    """A short name in the address that no other row of ``model`` has yet."""

    @colander.deferred
    def deferred(node, kw):
        def validate(node, value):
            current = kw.get("object")
            found = kw["request"].dbsession.scalars(
                select(model).where(model.slug == value)).first()
            if found is not None and found is not current:
                raise colander.Invalid(node, _("This short name is already taken."))
        return colander.All(SLUG, validate)

    return deferred


class CentreSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"),
                               validator=colander.Length(min=2, max=200))
    slug = colander.SchemaNode(colander.String(), title=_("Short name (in addresses)"),
                               validator=unique_slug(Centre))
    timezone = colander.SchemaNode(colander.String(), title=_("Time zone"),
                                   default="Europe/Sarajevo",
                                   validator=colander.OneOf(sorted(available_timezones())))
    active = colander.SchemaNode(colander.Boolean(), title=_("Active"), default=True,
                                 missing=False)


def row_in_address(request, model):
    """The row of ``model`` whose id is in the address; 404 if there is none."""
    try:
        row = request.dbsession.get(model, int(request.matchdict["id"]))
    except ValueError:
        row = None
    if row is None:
        raise HTTPNotFound()
    return row


class AdminAddForm(AddFormView):
    """Add a row of ``factory`` (a model); back to ``list_route``."""

    list_route = None

    def success_url(self, obj):
        return self.request.route_path(self.list_route)


class AdminEditForm(EditFormView):
    """Edit the row of ``model`` whose id is in the address; back to ``list_route``."""

    model = None
    list_route = None

    def edited(self):
        return row_in_address(self.request, self.model)

    def success_url(self):
        return self.request.route_path(self.list_route)


class CentreForm:
    schema_factory = CentreSchema
    list_route = "admin.centres"
    title = _("Centre")


@view_config(route_name="admin.centre_add", permission="admin")
class AddCentre(CentreForm, AdminAddForm):
    factory = Centre


@view_config(route_name="admin.centre_edit", permission="admin")
class EditCentre(CentreForm, AdminEditForm):
    model = Centre


# -- organisations ---------------------------------------------------------------------------

ORGANISATION_KINDS = [("un_agency", _("UN agency")), ("ngo", _("NGO")),
                      ("authority", _("Public authority")), ("other", _("Other"))]


class OrganisationSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"),
                               validator=colander.Length(min=2, max=200))
    slug = colander.SchemaNode(colander.String(), title=_("Short name"),
                               validator=unique_slug(Organisation))
    kind = colander.SchemaNode(colander.String(), title=_("Kind"),
                               widget=deform.widget.SelectWidget(values=ORGANISATION_KINDS),
                               validator=colander.OneOf([k for k, _t in ORGANISATION_KINDS]))


@view_config(route_name="admin.organisations", request_method="GET",
             renderer="portal:templates/admin/organisations.jinja2", permission="admin")
def organisations(request):
    page = paginate(request, select(Organisation).order_by(Organisation.name, Organisation.id))
    return {"organisations": page.items, "page": page}


class OrganisationForm:
    schema_factory = OrganisationSchema
    list_route = "admin.organisations"
    title = _("Organisation")


@view_config(route_name="admin.organisation_add", permission="admin")
class AddOrganisation(OrganisationForm, AdminAddForm):
    factory = Organisation


@view_config(route_name="admin.organisation_edit", permission="admin")
class EditOrganisation(OrganisationForm, AdminEditForm):
    model = Organisation


# -- users and roles -------------------------------------------------------------------------

@view_config(route_name="admin.users", request_method="GET", renderer="portal:templates/admin/users.jinja2",
             permission="admin")
def users(request):
    page = paginate(request, select(User).order_by(User.username, User.id).options(
        selectinload(User.roles).selectinload(RoleAssignment.centre)))
    return {"users": page.items, "page": page}


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


class UserForm:
    """A user's account; a new password or deactivation ends the user's sessions."""

    schema_factory = UserSchema
    title = _("User")
    success_message = _("Saved.")

    def apply(self, user, appstruct):
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

    def roles_url(self, user):
        return self.request.route_path("admin.user_roles", id=user.id)


@view_config(route_name="admin.user_add", permission="admin")
class AddUser(UserForm, AdminAddForm):
    def appstruct(self):
        return {"active": True}

    def add(self, appstruct):
        user = User()
        self.request.dbsession.add(user)
        self.apply(user, appstruct)
        return user

    def success_url(self, user):
        return self.roles_url(user)


@view_config(route_name="admin.user_edit", permission="admin")
class EditUser(UserForm, AdminEditForm):
    """The account, its lock after failed logins, and the button that lifts it."""

    model = User
    template = "portal:templates/admin/user_edit.jinja2"

    def __call__(self):
        if self.request.method == "POST" and "unlock" in self.request.POST:
            unlock(self.request, self.object)
            add_entry(self.request.dbsession, "unlock", self.object)
            self.request.flash(_("The account was unlocked."))
            return HTTPSeeOther(self.request.route_path("admin.user_edit", id=self.object.id))
        return super().__call__()

    @property
    def lock_minutes(self):
        """Minutes the account stays locked after failed logins (0: not locked)."""
        return lock_minutes(self.request, self.object)

    def appstruct(self):
        user = self.object
        return {"username": user.username, "full_name": user.full_name, "email": user.email,
                "organisation_id": str(user.organisation_id or ""),
                "language": user.language or "", "active": user.active}

    def edit(self, appstruct):
        self.apply(self.object, appstruct)

    def success_url(self):
        return self.roles_url(self.object)


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


class RemoveRoleSchema(CSRFSchema):
    assignment = colander.SchemaNode(colander.Integer(), widget=deform.widget.HiddenWidget())

    def validator(self, node, value):
        if value["assignment"] not in {a.id for a in node.bindings["object"].roles}:
            raise colander.Invalid(node, _("This role was already removed."))


class RemoveRoleForm(FormView):
    """The small form on each role of the user roles page: its one button removes the role."""

    schema_factory = RemoveRoleSchema
    button_title = _("Remove")
    inline = True

    def __init__(self, page, assignment=None):
        super().__init__(page.context, page.request)
        self.page = page
        self.formid = f"remove-role-{assignment.id}" if assignment else "remove-role"

    def bind_kw(self):
        return {**super().bind_kw(), "object": self.page.user}

    def buttons(self):
        return [deform.Button("remove", self.request.localizer.translate(self.button_title),
                              css_class="btn-sm btn-outline-danger")]

    def render(self, form_html, form, status=200):
        # refused (the role was removed meanwhile): the page again, saying so above the list
        translate = self.request.localizer.translate
        self.page.removal_errors = [translate(message) for message in form.error.messages()]
        page_form = self.page.form()
        return self.page.render(page_form.render(self.page.initial_values()), page_form, status)

    def success(self, appstruct):
        user = self.page.user
        for assignment in list(user.roles):
            if assignment.id == appstruct["assignment"]:
                user.roles.remove(assignment)
        return self.redirect(self.request.route_path("admin.user_roles", id=user.id),
                             _("Role removed."))


@view_config(route_name="admin.user_roles", permission="admin")
class UserRolesView(AddFormView):
    """A user's roles, each with a form removing it, and a form adding one."""

    schema_factory = RoleSchema
    template = "portal:templates/admin/user_roles.jinja2"
    title = _("Roles")
    button_title = _("Add role")
    success_message = _("Role added.")
    removal_errors = ()

    def __init__(self, context, request):
        super().__init__(context, request)
        self.user = row_in_address(request, User)

    def __call__(self):
        if self.request.method == "POST" and "remove" in self.request.POST:
            return RemoveRoleForm(self)()
        return super().__call__()

    def removal_form(self, assignment):
        form = RemoveRoleForm(self, assignment).form()
        return Markup(form.render({"assignment": assignment.id}))

    def add(self, appstruct):
        centre_id = int(appstruct["centre_id"]) if appstruct["centre_id"] else None
        for assignment in self.user.roles:
            if assignment.role == appstruct["role"] and assignment.centre_id == centre_id:
                return assignment
        assignment = RoleAssignment(role=appstruct["role"], centre_id=centre_id)
        self.user.roles.append(assignment)
        return assignment

    def success_url(self, assignment):
        return self.request.route_path("admin.user_roles", id=self.user.id)
