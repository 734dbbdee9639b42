"""What a centre manager runs for their own centre: plugins on/off, rooms."""
import colander
import deform
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config


from ..forms import AddFormView, CSRFSchema, EditFormView, FormView
from ..i18n import _
from ..models import CentrePluginSetting, Room


@colander.deferred
def plugin_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(
        values=[(name, name) for name in kw["request"].registry.portal.plugins])


@colander.deferred
def plugin_validator(node, kw):
    return colander.ContainsOnly(list(kw["request"].registry.portal.plugins))


class CentreSettingsSchema(CSRFSchema):
    # check boxes: none ticked (an empty form) switches every plugin off in this centre
    enabled = colander.SchemaNode(colander.Set(), title=_("Plugins in this centre"),
                                  missing=set(), widget=plugin_widget,
                                  validator=plugin_validator)


@view_config(route_name="centre.settings", permission="manage_centre")
class CentreSettings(FormView):
    """Plugins on and off, for the manager's own centre."""

    schema_factory = CentreSettingsSchema
    template = "portal:templates/centre_settings.jinja2"
    title = _("Centre settings")
    formid = "centre-plugins"

    def appstruct(self):
        centre = self.context.centre
        return {"enabled": {name for name in self.request.registry.portal.plugins
                            if centre.plugin_enabled(name)}}

    def success(self, appstruct):
        centre, plugins = self.context.centre, self.request.registry.portal.plugins
        wanted = appstruct["enabled"]
        for setting in list(centre.disabled_plugins):
            if setting.plugin in wanted or setting.plugin not in plugins:
                centre.disabled_plugins.remove(setting)
        disabled = {s.plugin for s in centre.disabled_plugins}
        for name in plugins:
            if name not in wanted and name not in disabled:
                centre.disabled_plugins.append(CentrePluginSetting(plugin=name))
        return self.redirect(self.request.route_path("centre.settings", centre=centre.slug),
                             _("Saved."))


class RoomSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Room name"),
                               validator=colander.Length(min=2, max=200))
    capacity = colander.SchemaNode(colander.Integer(), title=_("Capacity (people)"),
                                   missing=None, validator=colander.Range(1, 10000))


class RoomForm:
    """The centre's rooms, with a form to add one (or edit the one in the address)."""

    schema_factory = RoomSchema
    template = "portal:templates/rooms.jinja2"
    title = _("Rooms")

    def rooms_url(self):
        return self.request.route_path("centre.rooms", centre=self.context.centre.slug)


@view_config(route_name="centre.rooms", permission="manage_centre")
class AddRoom(RoomForm, AddFormView):
    def add(self, appstruct):
        room = Room(centre=self.context.centre, name=appstruct["name"],
                    capacity=appstruct["capacity"])
        self.request.dbsession.add(room)
        return room

    def success_url(self, room):
        return self.rooms_url()


@view_config(route_name="centre.room_edit", permission="manage_centre")
class EditRoom(RoomForm, EditFormView):
    def edited(self):
        room_id = self.request.matchdict["room"]
        room = next((r for r in self.context.centre.rooms if str(r.id) == room_id), None)
        if room is None:
            raise HTTPNotFound()
        return room

    def success_url(self):
        return self.rooms_url()
