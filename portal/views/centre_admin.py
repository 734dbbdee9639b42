"""What a centre manager runs for their own centre: plugins on/off, rooms."""
import colander
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config


from ..forms import CSRFSchema, FormView
from ..i18n import _
from ..models import CentrePluginSetting, Room


@view_config(route_name="centre.settings", renderer="portal:templates/centre_settings.jinja2",
             permission="manage_centre")
def centre_settings(context, request):
    centre = context.centre
    plugins = request.registry.portal.plugins
    if request.method == "POST":
        wanted = set(request.POST.getall("enabled"))
        for setting in list(centre.disabled_plugins):
            if setting.plugin in wanted or setting.plugin not in plugins:
                centre.disabled_plugins.remove(setting)
        disabled = {s.plugin for s in centre.disabled_plugins}
        for name in plugins:
            if name not in wanted and name not in disabled:
                centre.disabled_plugins.append(CentrePluginSetting(plugin=name))
        request.flash(_("Saved."))
        return HTTPSeeOther(request.route_path("centre.settings", centre=centre.slug))
    return {"plugins": [{"name": name, "info": info, "enabled": centre.plugin_enabled(name)}
                        for name, info in plugins.items()]}


class RoomSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Room name"),
                               validator=colander.Length(min=2, max=200))
    capacity = colander.SchemaNode(colander.Integer(), title=_("Capacity (people)"),
                                   missing=None, validator=colander.Range(1, 10000))


@view_config(route_name="centre.rooms", permission="manage_centre")
@view_config(route_name="centre.room_edit", permission="manage_centre")
class RoomsView(FormView):
    """The centre's rooms, with a form to add one (or edit the one in the address)."""

    schema_factory = RoomSchema
    template = "portal:templates/rooms.jinja2"
    title = _("Rooms")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.room = None
        if "room" in request.matchdict:
            room_id = request.matchdict["room"]
            self.room = next((r for r in context.centre.rooms if str(r.id) == room_id), None)
            if self.room is None:
                raise HTTPNotFound()

    def appstruct(self):
        if self.room is None:
            return {}
        return {"name": self.room.name, "capacity": self.room.capacity}

    def success(self, appstruct):
        room = self.room or Room(centre=self.context.centre)
        room.name, room.capacity = appstruct["name"], appstruct["capacity"]
        self.request.dbsession.add(room)
        return self.redirect(self.request.route_path("centre.rooms",
                                                     centre=self.context.centre.slug),
                             _("Saved."))
