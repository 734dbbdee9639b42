"""What the benchmarks share: a seeded database, servers on waitress, their memory."""
import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
WAITRESS = {"threads": 4}  # the same for every server
NOTICE_CENTRE, NOTICE_COUNT = "blazuj", 2000
# activities: weekly series over a year in one centre (feed, week view); a room full of them
FEED_CENTRE, FEED_SERIES = "miral", 50
CHECK_CENTRE, CHECK_SERIES = "borici", 500


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(kind, port, ini=None):
    code = (
        "import sys; from waitress import serve; sys.path.insert(0, %r);" % str(ROOT)
        + ("from bench.baseline import make_app; app = make_app();" if kind == "baseline" else
           f"from pyramid.paster import get_app; app = get_app({str(ini)!r});")
        + f"serve(app, host='127.0.0.1', port={port}, threads={WAITRESS['threads']}, _quiet=True)"
    )
    process = subprocess.Popen([str(PYTHON), "-c", code], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except Exception:
            time.sleep(0.1)
    process.kill()
    sys.exit(f"the {kind} server did not start")


def etag_of(url):
    """The page's ETag, after checking that sending it back really gives 304."""
    tag = urllib.request.urlopen(url).headers["ETag"]
    request = urllib.request.Request(url, headers={"If-None-Match": tag})
    try:
        urllib.request.urlopen(request)
    except urllib.error.HTTPError as answer:
        if answer.code == 304:
            return tag
    sys.exit(f"{url} does not answer 304 to its own ETag")


def rss_mib(process):
    """Resident memory of a server process, from /proc."""
    status = Path(f"/proc/{process.pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def seed(workdir):
    ini = workdir / "bench.ini"
    text = (ROOT / "development.ini").read_text()
    text = text.replace("sqlite:///%(here)s/var/portal.sqlite", f"sqlite:///{workdir}/portal.sqlite")
    text = text.replace("%(here)s/static", str(ROOT / "static")).replace("%(here)s/locale",
                                                                         str(ROOT / "locale"))
    text = text.replace("pyramid.reload_templates = true", "pyramid.reload_templates = false")
    text = re.sub(r"(?ms)^\[logger_portal\].*?qualname = portal", "[logger_portal]\nlevel = WARN\nhandlers =\nqualname = portal", text)
    text = text.replace("[logger_root]\nlevel = INFO", "[logger_root]\nlevel = WARN")
    ini.write_text(text)
    bin_dir = ROOT / ".venv" / "bin"
    subprocess.run([bin_dir / "portal-migrate", ini], check=True, capture_output=True)
    subprocess.run([bin_dir / "portal-populate", ini], check=True, capture_output=True)
    # a centre with many active notices in nine languages
    subprocess.run([PYTHON, ROOT / "bench" / "seed_notices.py", ini, NOTICE_CENTRE,
                    str(NOTICE_COUNT)], check=True, cwd=ROOT)
    return ini


def session_cookie(base, username, password="portal-demo"):
    """Log in as ``username`` through the login form; the ``Cookie`` header of the session."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = browser.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "username": username,
                                   "password": password, "save": "save"}).encode()
    browser.open(f"{base}/login", data)
    session = next(c.value for c in jar if c.name == "portal_session")
    return f"Cookie: portal_session={session}"
