"""Demo data: the core's populator and the runner that calls every registered populator once."""
from dataclasses import dataclass, field

from sqlalchemy import exists, select

from .directives import CORE
from .models import Centre, Organisation, Page, PopulatorRun, RoleAssignment, Room, User

DEMO_PASSWORD = "portal-demo"

CENTRES = [
    # slug, name, rooms
    ("usivak", "TRC Ušivak", ["Classroom 1", "Classroom 2", "Child-friendly space", "Clinic",
                              "Legal counselling office"]),
    ("blazuj", "TRC Blažuj", ["Community hall", "Classroom", "Clinic", "Sports field"]),
    ("bira", "TRC Bira", ["Classroom", "Women's space", "Clinic"]),
    ("miral", "TRC Miral", ["Classroom", "Community hall", "Clinic"]),
    ("sedra", "TRC Sedra", ["Family room", "Child-friendly space", "Clinic"]),
    ("borici", "TRC Borići", ["Family room", "Classroom", "Mother and baby corner"]),
]

ORGANISATIONS = [
    ("unhcr", "UNHCR", "un_agency"),
    ("unicef", "UNICEF", "un_agency"),
    ("iom", "IOM", "un_agency"),
    ("drc", "Danish Refugee Council", "ngo"),
    ("stc", "Save the Children", "ngo"),
]

ACCOUNTS = [
    # username, full name, role, centre slug (None: global), organisation
    ("admin", "Portal Administrator", "admin", None, None),
    ("manager-usivak", "Amra Hodžić", "centre_manager", "usivak", None),
    ("rep-usivak", "Farid Rahimi", "community_rep", "usivak", None),
    ("partner-unhcr", "Lejla Begić", "partner", "usivak", "unhcr"),
    ("protection-usivak", "Nermin Kovač", "protection_officer", "usivak", "unhcr"),
    ("translator", "Samira Haddad", "translator", None, None),
]

HOUSE_RULES = {
    "en": ("House rules", "Quiet hours are from 22:00 to 07:00. Meals are served in the dining "
           "hall. Ask the information desk if you need help."),
    "ar": ("قواعد المركز", "ساعات الهدوء من 22:00 حتى 07:00. تقدَّم الوجبات في قاعة الطعام. "
           "اسأل مكتب الاستعلامات إذا احتجت إلى مساعدة."),
    "fa": ("مقررات مرکز", "ساعات سکوت از ۲۲:۰۰ تا ۰۷:۰۰ است. غذا در سالن غذاخوری سرو می‌شود. "
           "اگر کمک لازم دارید از میز اطلاعات بپرسید."),
    "bs": ("Kućni red", "Vrijeme mira je od 22:00 do 07:00. Obroci se služe u trpezariji. "
           "Ako trebate pomoć, pitajte na info pultu."),
}


def populate_core(dbsession, registry):
    centres = {}
    for slug, name, rooms in CENTRES:
        centre = Centre(slug=slug, name=name, timezone="Europe/Sarajevo")
        centre.rooms = [Room(name=room) for room in rooms]
        dbsession.add(centre)
        centres[slug] = centre
    organisations = {}
    for slug, name, kind in ORGANISATIONS:
        organisations[slug] = Organisation(slug=slug, name=name, kind=kind)
        dbsession.add(organisations[slug])
    dbsession.flush()
    password_hash = registry["password_hasher"].hash(DEMO_PASSWORD)
    users = {}
    for username, full_name, role, centre, organisation in ACCOUNTS:
        user = User(username=username, full_name=full_name, password_hash=password_hash,
                    organisation=organisations.get(organisation))
        user.roles = [RoleAssignment(role=role, centre_id=centres[centre].id if centre else None)]
        dbsession.add(user)
        users[username] = user
    dbsession.flush()
    for centre in centres.values():
        page = Page(centre=centre, state="published", source_language="en",
                    owner=users["manager-usivak"], position=10)
        for lang, (title, body) in HOUSE_RULES.items():
            page.set_text(lang, title=title, summary=body.split(".")[0], body=body)
        dbsession.add(page)
    # one source edit after translation: the translations of Ušivak's rules are now outdated
    rules = dbsession.scalars(select(Page).where(Page.centre == centres["usivak"])).first()
    rules.set_text("en", title="House rules",
                   summary="Quiet hours are from 22:00 to 07:00",
                   body=HOUSE_RULES["en"][1] + " Visitors must register at the gate.")


@dataclass
class Populated:
    """What one run of the populators did."""

    loaded: list = field(default_factory=list)  # the populators that ran, in order
    taken_as_is: list = field(default_factory=list)  # recorded as run without running them

    @property
    def core_loaded(self):
        return any(populator.plugin == CORE for populator in self.loaded)


def has_centres(dbsession):
    return dbsession.scalar(select(exists().select_from(Centre)))


def run_populators(dbsession, registry):
    """Run, in order, each registered populator that has not run on this database yet.

    A populator that ran is recorded by name, so a plugin enabled later gets its demo data on the
    next run and nothing is loaded twice. A database that holds centres but no record was filled
    before populators were recorded (every populator enabled then ran at once) or by hand: it is
    taken as it is, every populator registered now is recorded as run, and nothing is loaded.
    """
    populators = registry.portal.populators
    done = set(dbsession.scalars(select(PopulatorRun.name)))
    if not done and has_centres(dbsession):
        dbsession.add_all(PopulatorRun(name=populator.name) for populator in populators)
        dbsession.flush()
        return Populated(taken_as_is=list(populators))
    result = Populated()
    for populator in populators:
        if populator.name not in done:
            populator.callable(dbsession, registry)
            dbsession.add(PopulatorRun(name=populator.name))
            dbsession.flush()
            result.loaded.append(populator)
    return result
