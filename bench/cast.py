#!/usr/bin/env python3
"""Casting benchmark (not a test): 20 kiosks casting ranked ballots at once.

Usage: bench/cast.py [--kiosks 20] [--ballots 15]
Seeds a fresh SQLite database with the demo data and one open STV vote with a code per ballot,
serves the portal and a bare Pyramid hello world (the baseline) on waitress (4 threads), then
runs ``--kiosks`` threads that each cast ``--ballots`` ballots through the voting pages as a
kiosk does (open the page, code, ballot, review, cast: 4 requests). The baseline gets the same
number of requests from the same threads. Prints ballots per second, the cast's latency, the
ratio of the portal's request rate to the baseline's, and checks that every receipt is one
stored ballot and every code was used once (target: no ballot lost or duplicated).
"""
import argparse
import http.cookiejar
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import PYTHON, free_port, serve  # noqa: E402

SETUP = """
import sys, json
from datetime import timedelta
from pyramid.paster import get_app
import transaction
app = get_app(sys.argv[1])
from sqlalchemy import select
from portal.api import Centre, utcnow
from plugins.elections.models import Election, Contest, Candidate
from plugins.elections.codes import generate
session = app.registry["dbsession_factory"]()
centre = session.scalars(select(Centre).where(Centre.slug == "usivak")).one()
now = utcnow()
election = Election(centre_id=centre.id, source_language="en",
                    nominations_open=now - timedelta(days=9), nominations_close=now - timedelta(days=8),
                    voting_open=now - timedelta(hours=1), voting_close=now + timedelta(hours=5))
election.set_text("en", title="Benchmark")
contest = Contest(source_language="en", seats=2, method="scottish-stv")
contest.set_text("en", title="Benchmark vote")
election.contests.append(contest)
for i, symbol in enumerate(["sun", "moon", "star", "tree", "boat", "fish"]):
    candidate = Candidate(source_language="en", name=f"Candidate {i + 1}", symbol=symbol)
    candidate.set_text("en", statement="")
    contest.candidates.append(candidate)
session.add(election)
session.flush()
codes = generate(session, app.registry.settings, contest, int(sys.argv[2]))
print(json.dumps({"contest": contest.id, "candidates": [c.id for c in contest.candidates],
                  "codes": codes}))
session.commit()
"""

COUNT = """
import sys
from pyramid.paster import get_app
app = get_app(sys.argv[1])
from sqlalchemy import func, select
from plugins.elections.models import Ballot, VotingCode
session = app.registry["dbsession_factory"]()
contest = int(sys.argv[2])
print(len(session.scalars(select(Ballot.tracker).where(Ballot.contest_id == contest)).all()),
      session.scalar(select(func.count()).select_from(VotingCode).where(
          VotingCode.contest_id == contest, VotingCode.used.is_(True))))
"""


def prepare(workdir, ballots):
    ini = workdir / "bench.ini"
    text = (ROOT / "development.ini").read_text()
    text = text.replace("sqlite:///%(here)s/var/portal.sqlite", f"sqlite:///{workdir}/portal.sqlite")
    text = text.replace("%(here)s/static", str(ROOT / "static")).replace(
        "%(here)s/locale", str(ROOT / "locale"))
    text = text.replace("pyramid.reload_templates = true", "pyramid.reload_templates = false")
    text = text.replace("[logger_root]\nlevel = INFO", "[logger_root]\nlevel = WARN")
    text = re.sub(r"(?ms)^\[logger_portal\].*?qualname = portal",
                  "[logger_portal]\nlevel = WARN\nhandlers =\nqualname = portal", text)
    ini.write_text(text)
    bin_dir = ROOT / ".venv" / "bin"
    subprocess.run([bin_dir / "portal-migrate", ini], check=True, capture_output=True)
    subprocess.run([bin_dir / "portal-populate", ini], check=True, capture_output=True)
    import json
    out = subprocess.run([PYTHON, "-c", SETUP, ini, str(ballots)], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return ini, json.loads(out.strip().splitlines()[-1])


def cast(base, contest, code, ranking):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    url = f"{base}/elections/usivak/station/{contest}?lang=en"
    page = opener.open(url).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    marks = {f"rank-{cid}": str(n) for n, cid in enumerate(ranking, 1)}
    for step in ("code", "review", "cast"):
        data = urllib.parse.urlencode({"csrf_token": token, "code": code, "step": step, **marks})
        page = opener.open(url, data.encode()).read().decode()
    found = re.search(r'class="el-tracker"><bdi dir="ltr">([^<]+)<', page)
    return found.group(1) if found else None


def hello(base, _contest, _code, _ranking):
    for _ in range(4):  # as many requests as a cast
        urllib.request.urlopen(base + "/").read()
    return "ok"


def run(kiosks, jobs, action, base, contest):
    """Each kiosk works through its share of ``jobs``; returns (seconds, latencies, results)."""
    results, latencies, lock = [], [], threading.Lock()

    def kiosk(share):
        for code, ranking in share:
            start = time.perf_counter()
            value = action(base, contest, code, ranking)
            with lock:
                latencies.append(time.perf_counter() - start)
                results.append(value)

    threads = [threading.Thread(target=kiosk, args=(jobs[i::kiosks],)) for i in range(kiosks)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, latencies, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--ballots", type=int, default=15, help="per kiosk")
    args = parser.parse_args()
    total = args.kiosks * args.ballots
    workdir = Path(tempfile.mkdtemp(prefix="portal-cast-"))
    ini, seeded = prepare(workdir, total)
    ports = {"portal": free_port(), "baseline": free_port()}
    servers = {"portal": serve("portal", ports["portal"], ini),
               "baseline": serve("baseline", ports["baseline"])}
    try:
        ids = seeded["candidates"]
        jobs = [(code, ids[i % 6:] + ids[:i % 6]) for i, code in enumerate(seeded["codes"])]
        seconds, latencies, trackers = run(args.kiosks, jobs, cast,
                                           f"http://127.0.0.1:{ports['portal']}",
                                           seeded["contest"])
        base_seconds, _, _ = run(args.kiosks, jobs, hello,
                                 f"http://127.0.0.1:{ports['baseline']}", None)
    finally:
        for server in servers.values():
            server.kill()
    stored, used = map(int, subprocess.run(
        [PYTHON, "-c", COUNT, ini, str(seeded["contest"])], check=True, capture_output=True,
        text=True, cwd=ROOT).stdout.split())
    receipts = [t for t in trackers if t]
    latencies.sort()
    rows = [
        ("ballots cast", f"{len(receipts)} of {total}", "all"),
        ("ballots stored / codes used", f"{stored} / {used}", f"{total} / {total}"),
        ("duplicated trackers", str(len(receipts) - len(set(receipts))), "0"),
        ("ballots per second", f"{total / seconds:.1f}", ""),
        ("cast latency p50 (4 requests)", f"{statistics.median(latencies) * 1000:.0f} ms", ""),
        ("cast latency p95", f"{latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms", "< 2000 ms"),
        ("request rate vs baseline", f"{base_seconds / seconds:.2f} x", ""),
    ]
    print(f"{args.kiosks} kiosks, {args.ballots} ballots each, SQLite, waitress 4 threads")
    for name, value, target in rows:
        print(f"  {name:32} {value:>14}   {target}")
    ok = len(receipts) == stored == used == total and len(set(receipts)) == total
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
