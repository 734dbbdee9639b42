"""Demo minutes: six months of monthly dialogue meetings per centre (published), the next one
in preparation, and action items in every state, reviewed from meeting to meeting."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.api import Centre, Organisation, User, grant_local_role, utcnow

from .models import (ActionItem, ActionUpdate, AgendaItem, Attendance, Concern, Decision,
                     Meeting)

#: (category, concern, decision, action, party) per language; one used per agenda item
TOPICS = [
    ("food", {
        "en": ("Food", "The evening meal comes late and is often cold.",
               "Dinner will be served from 18:00, warm.", "Buy two more food warmers.")},
        {"ar": ("الطعام", "وجبة العشاء تأتي متأخرة وغالبًا باردة.",
                "سيُقدَّم العشاء من الساعة 18:00 ساخنًا.", "شراء جهازين آخرين لتسخين الطعام."),
         "ur": ("کھانا", "رات کا کھانا دیر سے آتا ہے اور اکثر ٹھنڈا ہوتا ہے۔",
                "رات کا کھانا 18:00 سے گرم دیا جائے گا۔", "کھانا گرم رکھنے کی دو مزید مشینیں خریدیں۔"),
         "bs": ("Hrana", "Večera kasni i često je hladna.",
                "Večera će se služiti od 18:00, topla.", "Kupiti još dva grijača za hranu.")},
        "management"),
    ("health", {
        "en": ("Health", "There is no doctor at the clinic on weekends.",
               "A doctor will come on Saturdays from 10:00 to 14:00.",
               "Agree a Saturday shift with the health centre.")},
        {"ar": ("الصحة", "لا يوجد طبيب في العيادة في عطلة نهاية الأسبوع.",
                "سيأتي طبيب يوم السبت من 10:00 إلى 14:00.", "الاتفاق مع المركز الصحي على مناوبة يوم السبت."),
         "ur": ("صحت", "ہفتے کے آخر میں کلینک میں کوئی ڈاکٹر نہیں ہوتا۔",
                "ہفتے کے دن 10:00 سے 14:00 تک ڈاکٹر آئے گا۔", "صحت مرکز کے ساتھ ہفتے کی ڈیوٹی طے کریں۔"),
         "bs": ("Zdravlje", "Vikendom nema doktora u ambulanti.",
                "Doktor će dolaziti subotom od 10:00 do 14:00.", "Dogovoriti subotnju smjenu s domom zdravlja.")},
        "organisation"),
    ("education", {
        "en": ("School", "Children wait a long time to start school.",
               "Classes in the centre start next month.",
               "Give the list of school-age children to the school.")},
        {"ar": ("المدرسة", "ينتظر الأطفال وقتًا طويلًا لبدء المدرسة.",
                "تبدأ الدروس في المركز الشهر القادم.", "تسليم قائمة الأطفال في سن الدراسة إلى المدرسة."),
         "ur": ("اسکول", "بچوں کو اسکول شروع کرنے کے لیے بہت انتظار کرنا پڑتا ہے۔",
                "مرکز میں کلاسیں اگلے مہینے شروع ہوں گی۔", "اسکول جانے والے بچوں کی فہرست اسکول کو دیں۔"),
         "bs": ("Škola", "Djeca dugo čekaju da krenu u školu.",
                "Nastava u centru počinje sljedeći mjesec.", "Dati školi spisak djece školskog uzrasta.")},
        "representatives"),
    ("transport", {
        "en": ("Transport", "The bus to the city is always full.",
               "An extra bus will run on Tuesdays.", "Ask the bus company for a second bus.")},
        {"ar": ("النقل", "الحافلة إلى المدينة ممتلئة دائمًا.",
                "ستعمل حافلة إضافية أيام الثلاثاء.", "طلب حافلة ثانية من شركة الحافلات."),
         "ur": ("آمد و رفت", "شہر جانے والی بس ہمیشہ بھری ہوتی ہے۔",
                "منگل کو ایک اضافی بس چلے گی۔", "بس کمپنی سے دوسری بس مانگیں۔"),
         "bs": ("Prevoz", "Autobus do grada je uvijek pun.",
                "Utorkom će voziti dodatni autobus.", "Zatražiti drugi autobus od prevoznika.")},
        "management"),
]

TITLES = {"en": "Community dialogue", "ar": "حوار المجتمع", "ur": "کمیونٹی مکالمہ",
          "bs": "Dijalog sa zajednicom"}
SUMMARIES = {"en": "What was decided and who does what by when.",
             "ar": "ما تقرر ومن يفعل ماذا ومتى.",
             "ur": "کیا طے ہوا اور کون کیا کب تک کرے گا۔",
             "bs": "Šta je odlučeno i ko šta radi do kada."}

#: per published meeting (oldest first): the statuses its action items end up with
FATES = [("done", "dropped"), ("done", "done"), ("done", "in_progress"), ("in_progress", "open"),
         ("open", "done"), ("open", "open")]


def write(obj, texts):
    """Write the English source then the translations of ``texts`` (lang -> values)."""
    obj.set_text("en", **texts["en"])
    for lang, values in texts.items():
        if lang != "en":
            obj.set_text(lang, **values)


def populate_demo(dbsession, registry):
    now = utcnow()
    secretary = dbsession.scalars(select(User).where(User.username == "rep-usivak")).first()
    manager = dbsession.scalars(select(User).where(User.username == "manager-usivak")).first()
    unhcr = dbsession.scalars(select(Organisation).where(Organisation.slug == "unhcr")).first()
    for centre in dbsession.scalars(select(Centre).order_by(Centre.id)).all():
        zone = ZoneInfo(centre.timezone)
        today = now.astimezone(zone).date()
        meetings = []
        for index in range(7):  # six published, monthly; the seventh in ten days, a draft
            months_ago = 6 - index
            day = today - timedelta(days=30 * months_ago) if months_ago else today + timedelta(10)
            starts = datetime.combine(day, time(11, 0), zone)
            meeting = Meeting(centre=centre, state="published" if months_ago else "draft",
                              source_language="en", revision=1, owner=manager,
                              kind="dialogue", starts_at=starts,
                              room_id=centre.rooms[0].id if centre.rooms else None,
                              created=starts - timedelta(days=1),
                              modified=starts + timedelta(days=2))
            titled = {lang: {"title": f"{title} {index + 1}", "summary": SUMMARIES[lang]}
                      for lang, title in TITLES.items()}
            write(meeting, titled)
            dbsession.add(meeting)
            meeting.attendance = [
                Attendance(group="representatives", language="ar", count=3),
                Attendance(group="representatives", language="fa", count=2),
                Attendance(group="representatives", language="ur", count=1),
                Attendance(group="management", count=2),
                Attendance(group="organisation", organisation_id=unhcr.id, count=1)]
            meetings.append(meeting)
            if not months_ago:
                break
            for position, topic_index in enumerate((index % 4, (index + 1) % 4), 1):
                kind, english, others, party = TOPICS[topic_index]
                texts = {**english, **others}
                item = AgendaItem(meeting=meeting, position=position, source_language="en")
                write(item, {lang: {"title": t[0]} for lang, t in texts.items()})
                concern = Concern(meeting=meeting, agenda_item=item, category=kind,
                                  source_language="en")
                write(concern, {lang: {"text": t[1]} for lang, t in texts.items()})
                decision = Decision(meeting=meeting, agenda_item=item, source_language="en")
                write(decision, {lang: {"text": t[2]} for lang, t in texts.items()})
                action = ActionItem(
                    meeting=meeting, centre_id=centre.id, concern=concern, party=party,
                    organisation_id=unhcr.id if party == "organisation" else None,
                    due_date=day + timedelta(days=21), status="open", source_language="en",
                    created=starts)
                write(action, {lang: {"what": t[3]} for lang, t in texts.items()})
                dbsession.add(item)
                dbsession.add(action)
                fate = FATES[index][position - 1]
                if fate != "open":
                    # reviewed at the next meeting (its date), in its record
                    reviewer_day = starts + timedelta(days=30)
                    review = ActionUpdate(action=action, status=fate, at=reviewer_day,
                                          source_language="en")
                    review.set_text("en", note={"done": "Done as agreed.",
                                                "dropped": "Not possible: no budget this year.",
                                                "in_progress": "Started, not finished yet."}[fate])
                    action.status = fate
                    action.closed_at = reviewer_day if fate in ("done", "dropped") else None
                    dbsession.add(review)
                    action._reviewed_in = index + 1
        dbsession.flush()
        for action in dbsession.scalars(select(ActionItem).where(
                ActionItem.centre_id == centre.id)).all():
            later = getattr(action, "_reviewed_in", None)
            for update in action.updates:
                update.meeting_id = meetings[later].id if later is not None else None
        grant_local_role(dbsession, meetings[-1], secretary if centre.slug == "usivak"
                         else manager, "secretary")
