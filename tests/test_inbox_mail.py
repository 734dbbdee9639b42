"""E-mail notifications through pyramid_mailer, delivered to a real SMTP server (aiosmtpd)
started by the test: sent only when the transaction commits, in the recipient's language."""
import socket
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
import transaction
from aiosmtpd.controller import Controller
from pyramid.config import Configurator
from pyramid.request import Request
from sqlalchemy import select

from portal.i18n import _
from portal.models import Centre, Page, User
from portal.notifications import notify


class Inbox:
    """An SMTP server's handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def mail_portal(app_settings, dbengine, smtp):
    controller, _inbox = smtp
    settings = {**app_settings, "portal.dbengine": dbengine, "mail.enabled": "true",
                "mail.host": "127.0.0.1", "mail.port": str(controller.port),
                "mail.default_sender": "portal@example.org"}
    with Configurator(settings=settings) as config:
        config.include("portal")
    return config.make_wsgi_app()


def text_of(message):
    """The body, without the bidi isolates around the values people typed."""
    text = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    return text.replace("\u2068", "").replace("\u2069", "")


def subject_of(message):
    return str(make_header(decode_header(message["Subject"])))


def test_a_returned_proposal_is_mailed_to_the_proposer_who_opted_in(
        mail_portal, client_for, login_as, dbsession, smtp):
    _controller, received = smtp
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    rep.language = "fr"
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=centre, state="submitted", source_language="en", owner=rep)
    page.set_text("en", title="Football on Sunday")
    dbsession.add(page)
    client = client_for(mail_portal)
    login_as(client, "rep-usivak")
    form = client.get("/profile").forms["deform"]
    form["email_notifications"] = True
    refused = form.submit("save", status=400)  # opting in needs an address
    assert "adresse e-mail pour recevoir" in refused.text
    form = refused.forms["deform"]
    form["email"] = "amra@example.org"
    form.submit("save", status=303)
    assert (rep.email, rep.email_notifications) == ("amra@example.org", True)

    manager = client.__class__(client.app)
    login_as(manager, "manager-usivak")
    refused = manager.get(f"/content/{page.id}").forms["transition-reject"].submit(
        expect_errors=True)
    assert refused.status_int == 400 and received.messages == []  # nothing was done
    form = manager.get(f"/content/{page.id}").forms["transition-reject"]
    form["comment"] = "Quel terrain ?"
    form.submit().follow()
    [(recipients, message)] = received.messages
    assert recipients == ["amra@example.org"]
    assert subject_of(message) == "Portail de participation : une nouvelle notification"
    body = text_of(message)
    assert "« Football on Sunday » vous a été renvoyé. Motif : Quel terrain ?" in body
    assert f"http://localhost/content/{page.id}" in body
    assert message["From"] == "portal@example.org"


def test_mail_is_sent_only_when_the_transaction_commits(mail_portal, dbsession, smtp):
    _controller, received = smtp
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    rep.email, rep.email_notifications = "amra@example.org", True
    request = Request.blank("/", base_url="http://localhost")
    request.registry = mail_portal.registry
    request.tm = transaction.TransactionManager(explicit=True)
    request.dbsession = dbsession
    request.user = None

    request.tm.begin()
    notify(request, rep, _("“${title}” was published."), mapping={"title": "Water"})
    request.tm.abort()
    assert received.messages == []
    request.tm.begin()
    notify(request, rep, _("“${title}” was published."), mapping={"title": "Water"})
    assert received.messages == []  # not before the commit
    request.tm.commit()
    [(recipients, message)] = received.messages
    assert text_of(message).startswith("“Water” was published.")


def test_without_mail_settings_nothing_is_mailed(app, testapp, dbsession, smtp):
    """Mail is off by default: the notification is only in the inbox."""
    _controller, received = smtp
    assert "mail.enabled" not in app.registry.settings
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    rep.email, rep.email_notifications = "amra@example.org", True
    request = Request.blank("/")
    request.registry, request.dbsession = app.registry, dbsession
    request.tm = transaction.TransactionManager(explicit=True)
    request.tm.begin()
    [note] = notify(request, rep, _("“${title}” was published."), mapping={"title": "Water"})
    request.tm.commit()
    assert note.user_id == rep.id and received.messages == []
