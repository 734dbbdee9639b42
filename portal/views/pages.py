"""The core's information pages (house rules, opening hours, contacts of a centre)."""
import colander
from pyramid.view import view_config

from ..i18n import _
from .content import add_content_view


class PageFields(colander.MappingSchema):
    position = colander.SchemaNode(colander.Integer(), title=_("Display order"), missing=100,
                                   default=100, validator=colander.Range(0, 10000),
                                   description=_("Pages with a lower number come first."))


AddPageView = view_config(route_name="page.add", permission="page.add")(add_content_view("page"))
