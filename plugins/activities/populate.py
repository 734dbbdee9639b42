"""Demo data: a weekly programme per centre from several partners, in four languages (the
other five fall back), one cancelled and one moved class, and a request waiting in Ušivak."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.api import Centre, Organisation, User

from .booking import Conflict, book
from .models import Activity, CentreSetting, OccurrenceChange, RoomSetting

# organisation, room words (first room whose name has one), category, target group, languages,
# interpretation, capacity, weekdays, start, minutes, texts (en, ar, fa, bs)
PROGRAMME = [
    ("drc", ("classroom",), "education", "everyone", "en,bs", False, 20, "MO,WE", "10:00", 90,
     ("English class for beginners", "درس اللغة الإنجليزية للمبتدئين",
      "کلاس انگلیسی برای مبتدی‌ها", "Engleski za početnike")),
    ("unhcr", ("legal", "classroom"), "legal", "everyone", "ar,fa,ps,en", True, 8, "TU,TH",
     "10:00", 120,
     ("Legal counselling", "استشارة قانونية", "مشاوره حقوقی", "Pravno savjetovanje")),
    ("unicef", ("child", "family"), "child_protection", "children_6_12", "ar,fa,en", False, 25,
     "MO,WE,FR", "14:00", 120,
     ("Play and learn for children", "لعب وتعلم للأطفال", "بازی و یادگیری برای کودکان",
      "Igra i učenje za djecu")),
    ("stc", ("mother", "women", "family"), "health", "women", "ar,fa,bn,en", True, 12, "TU",
     "15:00", 60,
     ("Mother and baby group", "مجموعة الأمهات والرضع", "گروه مادر و نوزاد",
      "Grupa za majke i bebe")),
    ("iom", ("clinic",), "health", "everyone", "en,bs", True, None, "WE", "09:00", 180,
     ("Doctor's visit", "زيارة الطبيب", "ویزیت پزشک", "Posjeta ljekara")),
    ("drc", ("women", "family", "classroom"), "activities", "women", "ar,fa,ur", False, 15,
     "TH", "16:00", 90,
     ("Women's group: sewing and tea", "مجموعة النساء: خياطة وشاي", "گروه زنان: خیاطی و چای",
      "Ženska grupa: šivanje i čaj")),
    ("unhcr", ("hall", "classroom"), "asylum", "everyone", "ar,fa,ps,ur,en", True, 40, "FR",
     "11:00", 60,
     ("Information on the asylum procedure", "معلومات عن إجراءات اللجوء",
      "اطلاعات درباره روند پناهندگی", "Informacije o postupku azila")),
    ("unicef", ("sports", "hall"), "activities", "youth_13_17", "", False, 30, "SA", "10:00", 120,
     ("Football for young people", "كرة القدم للشباب", "فوتبال برای نوجوانان",
      "Fudbal za mlade")),
]

LANGS = ("en", "ar", "fa", "bs")


def pick_room(centre, words):
    for word in words:
        for room in centre.rooms:
            if word in room.name.lower():
                return room
    return None


def populate_demo(dbsession, registry):
    settings = registry.settings
    # this week where the centres are (at 23:30 UTC on a Sunday it is Monday in Sarajevo)
    today = datetime.now(ZoneInfo(settings["portal.default_timezone"])).date()
    monday = today - timedelta(days=today.weekday())
    first_day = monday - timedelta(weeks=4)
    organisations = {o.slug: o for o in dbsession.scalars(select(Organisation))}
    owner = dbsession.scalars(select(User).where(User.username == "manager-usivak")).first()
    for centre in dbsession.scalars(select(Centre).order_by(Centre.id)):
        tz = ZoneInfo(centre.timezone)
        for room in centre.rooms:
            if "clinic" in room.name.lower():
                dbsession.add(RoomSetting(room_id=room.id, buffer_minutes=15))  # cleaning
        dbsession.flush()
        for (org, words, category, group, languages, interpretation, capacity, days, start,
             minutes, texts) in PROGRAMME:
            if org not in organisations:
                continue
            room = pick_room(centre, words)
            activity = Activity(
                centre_id=centre.id, organisation_id=organisations[org].id,
                room_id=room.id if room else None, owner=owner, category=category,
                target_group=group, languages=languages, interpretation=interpretation,
                capacity=capacity, duration_minutes=minutes, freq="weekly", interval=1,
                byday=days, until=first_day + timedelta(weeks=30), exdates="",
                start_local=datetime.combine(first_day, time.fromisoformat(start)),
                state="confirmed", state_reason="", source_language="en", sequence=0)
            for lang, text in zip(LANGS, texts):
                activity.set_text(lang, title=text, description="")
            dbsession.add(activity)
            dbsession.flush()
            try:
                book(dbsession, activity, tz, settings)
            except Conflict:
                dbsession.delete(activity)
                dbsession.flush()
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).first()
    if usivak is not None:
        demo_changes(dbsession, usivak, monday, settings)
        dbsession.add(CentreSetting(centre_id=usivak.id, require_approval=True))
        request = Activity(
            centre_id=usivak.id, organisation_id=organisations["unhcr"].id,
            room_id=pick_room(usivak, ("classroom 2",)).id,
            owner=dbsession.scalars(select(User).where(User.username == "partner-unhcr")).first(),
            category="education", target_group="everyone", languages="bs,en",
            interpretation=True, capacity=15, duration_minutes=90, freq="weekly", interval=1,
            byday="TU", count=8, exdates="", start_local=datetime.combine(
                monday + timedelta(days=8), time(12, 0)),
            state="requested", state_reason="", source_language="en", sequence=0)
        request.set_text("en", title="Bosnian for everyday life", description="")
        dbsession.add(request)
        dbsession.flush()
        book(dbsession, request, ZoneInfo(usivak.timezone), settings)


def demo_changes(dbsession, centre, monday, settings):
    """This week's Wednesday English class is cancelled; Thursday's counselling moves."""
    activities = dbsession.scalars(select(Activity).where(Activity.centre_id == centre.id)).all()
    by_title = {a.source_text.title: a for a in activities}
    english = by_title.get("English class for beginners")
    if english is not None:
        english.changes.append(OccurrenceChange(
            original_start=datetime.combine(monday + timedelta(days=2), time(10, 0)),
            cancelled=True, reason="The teacher is ill. Next class on Monday."))
        english.changes[-1].set_text("ar", reason="المعلمة مريضة. الدرس القادم يوم الاثنين.")
        english.changes[-1].set_text("fa", reason="معلم بیمار است. کلاس بعدی روز دوشنبه.")
        english.changes[-1].set_text(
            "bs", reason="Nastavnica je bolesna. Sljedeći čas u ponedjeljak.")
        english.sequence += 1
    counselling = by_title.get("Legal counselling")
    if counselling is not None:
        counselling.changes.append(OccurrenceChange(
            original_start=datetime.combine(monday + timedelta(days=3), time(10, 0)),
            new_start=datetime.combine(monday + timedelta(days=3), time(13, 0)),
            reason="Moved to the afternoon this week."))
        counselling.sequence += 1
    dbsession.flush()
    tz = ZoneInfo(centre.timezone)
    for activity in (english, counselling):
        if activity is not None:
            book(dbsession, activity, tz, settings)
