"""Login, logout and the user's own profile (language, password)."""
import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from ..forms import CSRFSchema, FormView, field_error
from ..i18n import LANGUAGES, _
from ..security import LoginLocked, authenticate, log_in, log_out, revoke_sessions


class LoginSchema(CSRFSchema):
    username = colander.SchemaNode(colander.String(), title=_("User name"),
                                   widget=deform.widget.TextInputWidget(
                                       attributes={"autocomplete": "username"}))
    password = colander.SchemaNode(colander.String(), title=_("Password"),
                                   widget=deform.widget.PasswordWidget(
                                       attributes={"autocomplete": "current-password"}))
    came_from = colander.SchemaNode(colander.String(), widget=deform.widget.HiddenWidget(),
                                    missing="")


def too_many_attempts(locked):
    return _("Too many failed attempts. Try again in ${minutes} minutes.",
             mapping={"minutes": locked.minutes})


def safe_target(request, target):
    """Only same-site paths may be redirected to after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return request.route_path("home")


@view_config(route_name="login", permission=NO_PERMISSION_REQUIRED)
class LoginView(FormView):
    schema_factory = LoginSchema
    title = _("Log in")
    button_title = _("Log in")
    template = "portal:templates/login.jinja2"
    error = None

    def appstruct(self):
        return {"came_from": self.request.params.get("came_from", "")}

    def success(self, appstruct):
        try:
            user = authenticate(self.request, appstruct["username"], appstruct["password"])
        except LoginLocked as locked:
            return self.failed(too_many_attempts(locked), appstruct)
        if user is None:
            return self.failed(_("Wrong user name or password."), appstruct)
        headers = log_in(self.request, user)
        # without a page to go back to, each role lands on its dashboard
        target = appstruct["came_from"] or self.request.route_path("dashboard")
        return HTTPSeeOther(safe_target(self.request, target), headers=headers)

    def failed(self, message, appstruct):
        form = self.form()
        appstruct = {**appstruct, "password": ""}
        self.error = message
        return self.render(form.render(appstruct), form, status=400)


@view_config(route_name="logout", request_method="POST", permission=NO_PERMISSION_REQUIRED)
def logout(request):
    headers = log_out(request)
    return HTTPSeeOther(request.route_path("home"), headers=headers)


def language_choices():
    return [("", _("Automatic"))] + list(LANGUAGES.items())


class ProfileSchema(CSRFSchema):
    language = colander.SchemaNode(
        colander.String(), title=_("Language"), missing="",
        widget=deform.widget.SelectWidget(values=language_choices()),
        validator=colander.OneOf([""] + list(LANGUAGES)),
    )
    email = colander.SchemaNode(
        colander.String(), title=_("E-mail address"), missing="",
        validator=colander.All(colander.Email(), colander.Length(max=200)),
        widget=deform.widget.TextInputWidget(attributes={"autocomplete": "email",
                                                         "maxlength": "200", "dir": "ltr"}),
    )
    email_notifications = colander.SchemaNode(
        colander.Boolean(), title=_("Also send my notifications by e-mail"), missing=False,
    )
    current_password = colander.SchemaNode(
        colander.String(), title=_("Current password"), missing="",
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": "current-password"}),
    )
    new_password = colander.SchemaNode(
        colander.String(), title=_("New password"), missing="",
        validator=colander.Length(min=10),
        widget=deform.widget.CheckedPasswordWidget(),
        description=_("At least 10 characters. Leave empty to keep the current password."),
    )

    def validator(self, node, value):
        if value["email_notifications"] and not value["email"]:
            raise field_error(node, _("Give an e-mail address to receive notifications."),
                              "email")
        if value["new_password"]:
            request = node.bindings["request"]
            try:  # throttled like the login: a stolen session must not become a guessing tool
                user = authenticate(request, request.user.username, value["current_password"])
            except LoginLocked as locked:
                raise colander.Invalid(node["current_password"], too_many_attempts(locked)) \
                    from None
            if user is None:
                raise colander.Invalid(node["current_password"], _("This is not your password."))


@view_config(route_name="profile", permission="authenticated")
class ProfileView(FormView):
    schema_factory = ProfileSchema
    title = _("My profile")

    def appstruct(self):
        user = self.request.user
        return {"language": user.language or "", "email": user.email or "",
                "email_notifications": user.email_notifications}

    def success(self, appstruct):
        user = self.request.user
        user.language = appstruct["language"] or None
        user.email = appstruct["email"] or None
        user.email_notifications = appstruct["email_notifications"]
        if appstruct["new_password"]:
            user.password_hash = self.request.registry["password_hasher"].hash(
                appstruct["new_password"])
            revoke_sessions(self.request.dbsession, user)  # every other device is logged out
            headers = log_in(self.request, user)
            self.request.flash(_("Your password was changed."))
            return HTTPSeeOther(self.request.route_path("profile"), headers=headers)
        return self.redirect(self.request.route_path("profile"), _("Saved."))
