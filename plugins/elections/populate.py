"""Demo data: per centre a finished election (results, count report, roster) and one election
in its voting phase, whose demo voting codes ``make run`` prints (``demo_codes``)."""
import random
from datetime import timedelta

from sqlalchemy import select

from portal.api import Centre, User, grant_local_role, utcnow

from .ballots import cast
from .codes import code_hash
from .models import Candidate, Contest, Election, VotingCode
from .results import count_contest, publish

TITLES = {"en": "Community representatives 2026", "bs": "Predstavnici zajednice 2026",
          "fr": "Représentants de la communauté 2026", "ar": "ممثلو المجتمع 2026",
          "fa": "نمایندگان جامعه ۲۰۲۶", "fa_AF": "نمایندگان جامعه ۲۰۲۶",
          "ps": "د ټولنې استازي ۲۰۲۶", "ur": "کمیونٹی نمائندے 2026",
          "bn": "সম্প্রদায়ের প্রতিনিধি ২০২৬"}
NEXT_TITLES = {"en": "By-election: women's representative", "bs": "Dopunski izbori: predstavnica žena",
               "fr": "Élection partielle : représentante des femmes", "ar": "انتخابات فرعية: ممثلة النساء",
               "fa": "انتخابات میان‌دوره‌ای: نماینده زنان", "fa_AF": "انتخابات میان‌دوره‌ای: نماینده زنان",
               "ps": "منځمهاله ټاکنې: د ښځو استازې", "ur": "ضمنی انتخاب: خواتین کی نمائندہ",
               "bn": "উপনির্বাচন: নারী প্রতিনিধি"}
CONTESTS = [
    ({"en": "Arabic-speaking community", "ar": "المجتمع الناطق بالعربية", "fr": "Communauté arabophone",
      "bs": "Zajednica koja govori arapski"}, 2, "scottish-stv", 1),
    ({"en": "Persian, Dari and Pashto speakers", "fa": "فارسی، دری و پشتو زبانان",
      "ps": "فارسي، دري او پښتو ويونکي", "bs": "Govornici perzijskog, darija i paštu"}, 1, "plurality", 0),
]
NAMES = [("Amal", "sun", True), ("Karim", "boat", False), ("Huda", "flower", True),
         ("Omar", "tree", False), ("Samir", "key", False)]
NAMES2 = [("Farid", "star", False), ("Zahra", "moon", True), ("Nasrin", "bird", True)]
STATEMENTS = {"en": "I will bring our questions to the centre's meetings every month.",
              "ar": "سأحمل أسئلتنا إلى اجتماعات المركز كل شهر.",
              "fa": "هر ماه پرسش‌های ما را به جلسات مرکز می‌برم."}



def demo_codes(slug, contest_index):
    """Demo codes per centre and vote: DEMO + centre letter + vote number, then digits."""
    return [f"D{slug[:2].upper()}{contest_index}{letter}-{digits}"
            for letter, digits in zip("ABCDE", ("22222", "33333", "44444", "55555", "66666"))]


def _election(dbsession, centre, titles, start):
    election = Election(centre_id=centre.id, source_language="en", nominations_open=start,
                        nominations_close=start + timedelta(days=7),
                        voting_open=start + timedelta(days=14),
                        voting_close=start + timedelta(days=21), term_months=12)
    for lang, title in titles.items():
        election.set_text(lang, title=title)
    dbsession.add(election)
    return election


def _contest(election, titles, seats, method, reserved, names):
    contest = Contest(source_language="en", seats=seats, method=method, reserved_seats=reserved,
                      vacancy_rule="countback" if method == "scottish-stv" else "next-in-count")
    for lang, title in titles.items():
        contest.set_text(lang, title=title)
    election.contests.append(contest)
    for name, symbol, woman in names:
        candidate = Candidate(source_language="en", name=name, symbol=symbol, in_group=woman,
                              nominated_by_self=True, consent_given=utcnow().date())
        for lang, statement in STATEMENTS.items():
            candidate.set_text(lang, statement=statement)
        contest.candidates.append(candidate)
    return contest


def populate_demo(dbsession, registry):
    settings = registry.settings
    now = utcnow()
    rng = random.Random(12)
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).first()
    officer = dbsession.scalars(select(User).where(User.username == "manager-usivak")).first()
    for centre in dbsession.scalars(select(Centre).order_by(Centre.id)).all():
        # a finished election, counted and published
        done = _election(dbsession, centre, TITLES, now - timedelta(days=40))
        for titles, seats, method, reserved in CONTESTS:
            _contest(done, titles, seats, method, reserved,
                     NAMES if method == "scottish-stv" else NAMES2)
        dbsession.flush()
        if centre.slug == "usivak" and rep is not None:
            done.contests[0].candidates[1].user_id = rep.id
        for contest in done.contests:
            ids = [c.id for c in contest.candidates]
            for _ in range(40):
                ranking = rng.sample(ids, rng.randint(1, len(ids))) if contest.ranked \
                    else [rng.choice(ids)]
                cast(dbsession, contest, ranking)
            dbsession.flush()
            count_contest(dbsession, contest)
        publish(dbsession, done)
        # an election in its voting phase, with demo codes
        running = _election(dbsession, centre, NEXT_TITLES, now - timedelta(days=15))
        running.voting_close = now + timedelta(days=30)
        contest = _contest(running, {"en": "Women's representative", "ar": "ممثلة النساء",
                                     "fa": "نماینده زنان", "bs": "Predstavnica žena"},
                           1, "scottish-stv", 0, [("Mariam", "heart", True), ("Leila", "leaf", True),
                                                  ("Sara", "bell", True)])
        dbsession.flush()
        for code in demo_codes(centre.slug, 1):
            dbsession.add(VotingCode(code_hash=code_hash(settings, code), contest_id=contest.id))
        if officer is not None and centre.slug == "usivak":
            grant_local_role(dbsession, running, officer, "election_officer")
            grant_local_role(dbsession, done, officer, "election_officer")
    dbsession.flush()


