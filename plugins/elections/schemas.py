"""The officers' and managers' forms."""
import colander
import deform

from portal.api import CSRFSchema, FileInputWidget, LocalDateTime, field_error

from .i18n import _
from .symbols import SYMBOLS, free_symbols

METHOD_TITLES = {"plurality": _("Most votes (each voter marks up to the number of seats)"),
                 "approval": _("Approval (each voter marks every candidate they accept)"),
                 "scottish-stv": _("Ranked (single transferable vote, Scottish rules)")}
VACANCY_TITLES = {"next-in-count": _("Next in the count"),
                  "countback": _("Countback of the same ballots"),
                  "by-election": _("By-election")}


class ElectionFields(CSRFSchema):
    title = colander.SchemaNode(colander.String(), title=_("Name of the election"),
                                validator=colander.Length(min=2, max=200))
    nominations_open = colander.SchemaNode(LocalDateTime(), title=_("Nominations open"))
    nominations_close = colander.SchemaNode(LocalDateTime(), title=_("Nominations close"))
    voting_open = colander.SchemaNode(LocalDateTime(), title=_("Voting opens"))
    voting_close = colander.SchemaNode(LocalDateTime(), title=_("Voting closes"))
    term_months = colander.SchemaNode(
        colander.Integer(), title=_("Term of the representatives, in months"), default=12,
        validator=colander.Range(1, 60))

    def validator(self, node, value):
        order = ["nominations_open", "nominations_close", "voting_open", "voting_close"]
        for earlier, later in zip(order, order[1:]):
            if value[later] <= value[earlier]:
                raise field_error(node, _("Each date must come after the one before."), later)


class ContestFields(CSRFSchema):
    title = colander.SchemaNode(colander.String(), title=_("Name of the vote"),
                                description=_("For example: Arabic-speaking community"),
                                validator=colander.Length(min=2, max=200))
    seats = colander.SchemaNode(colander.Integer(), title=_("Seats"), default=1,
                                validator=colander.Range(1, 20))
    method = colander.SchemaNode(
        colander.String(), title=_("How votes are counted"), default="plurality",
        widget=deform.widget.SelectWidget(values=list(METHOD_TITLES.items())),
        validator=colander.OneOf(list(METHOD_TITLES)))
    reserved_seats = colander.SchemaNode(
        colander.Integer(), title=_("Seats reserved for women"), default=0, missing=0,
        validator=colander.Range(0, 20),
        description=_("At least this many seats go to candidates marked as women."))
    vacancy_rule = colander.SchemaNode(
        colander.String(), title=_("When a seat falls vacant"), default="next-in-count",
        widget=deform.widget.SelectWidget(values=list(VACANCY_TITLES.items())),
        validator=colander.OneOf(list(VACANCY_TITLES)))

    def validator(self, node, value):
        if value["reserved_seats"] > value["seats"]:
            raise field_error(node, _("More reserved seats than seats."), "reserved_seats")


@colander.deferred
def symbol_widget(node, kw):
    localizer = kw["request"].localizer
    return deform.widget.SelectWidget(values=[(name, localizer.translate(SYMBOLS[name]))
                                              for name in free_symbols(kw["context"])])


@colander.deferred
def symbol_validator(node, kw):
    return colander.OneOf(free_symbols(kw["context"]))


class Photo(colander.SchemaType):
    """An uploaded photo, kept as JPEG bytes (re-encoded: no hidden data such as GPS)."""

    def serialize(self, node, appstruct):
        return colander.null  # a file field starts empty

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, b"", "") or not getattr(cstruct, "file", None):
            return None
        from io import BytesIO

        from PIL import Image, ImageOps
        Image.MAX_IMAGE_PIXELS = 40_000_000
        try:
            image = Image.open(cstruct.file)
            if image.width * image.height > 40_000_000:
                raise ValueError
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((600, 600))
        except Exception:
            raise colander.Invalid(node, _("This file is not a photo we can read.")) from None
        out = BytesIO()
        image.save(out, "JPEG", quality=85)
        return out.getvalue()


class CandidateFields(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name on the ballot"),
                               description=_("A first name or a nickname is enough."),
                               validator=colander.Length(min=1, max=100))
    symbol = colander.SchemaNode(colander.String(), title=_("Symbol"), widget=symbol_widget,
                                 validator=symbol_validator)
    statement = colander.SchemaNode(
        colander.String(), title=_("Statement"), missing="",
        widget=deform.widget.TextAreaWidget(rows=4), validator=colander.Length(max=1000))
    in_group = colander.SchemaNode(colander.Boolean(), title=_("Counts for the seats reserved for women"),
                                   missing=False)
    nominated_by_self = colander.SchemaNode(
        colander.Boolean(), title=_("The candidate nominated themselves"), missing=False)
    consent = colander.SchemaNode(
        colander.Boolean(), title=_("The candidate agrees to stand"),
        validator=colander.Function(lambda value: value is True,
                                    msg=_("A candidate must agree to stand.")))
    photo_consent = colander.SchemaNode(
        colander.Boolean(), title=_("The candidate agrees that their photo is shown"),
        missing=False)
    photo = colander.SchemaNode(Photo(), title=_("Photo (optional)"), missing=None,
                                widget=FileInputWidget(accept="image/jpeg,image/png,image/webp"))
    username = colander.SchemaNode(
        colander.String(), title=_("Account of the candidate (optional)"), missing="",
        description=_("If elected, this account becomes a community representative."),
        validator=colander.Length(max=100))

    def validator(self, node, value):
        if value["photo"] is not None and not value["photo_consent"]:
            raise field_error(node, _("A photo is shown only with the candidate's consent."),
                              "photo")


class OfficerFields(CSRFSchema):
    username = colander.SchemaNode(colander.String(), title=_("Account name"),
                                   validator=colander.Length(min=1, max=100))


class CodesFields(CSRFSchema):
    number = colander.SchemaNode(colander.Integer(), title=_("How many codes"), default=40,
                                 validator=colander.Range(1, 2000),
                                 description=_("Eight slips print on one A4 page."))
