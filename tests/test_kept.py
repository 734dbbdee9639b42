"""Public data kept between requests while the change counters stay the same (``kept``)."""
from sqlalchemy import select

from portal.api import kept
from portal.models import Centre, Organisation, Page
from portal.models.changes import WROTE


def centre_id(dbsession, slug):
    return dbsession.scalars(select(Centre.id).where(Centre.slug == slug)).one()


def counting_loader():
    loads = []

    def load():
        loads.append(len(loads) + 1)
        return len(loads)
    return load, loads


def test_kept_until_its_centre_or_the_global_counter_moves(dummy_request, dbsession):
    usivak, blazuj = centre_id(dbsession, "usivak"), centre_id(dbsession, "blazuj")
    load, loads = counting_loader()
    key = ("test", "usivak")
    assert kept(dummy_request, key, usivak, load) == 1
    assert kept(dummy_request, key, usivak, load) == 1  # nothing changed: not loaded again
    dbsession.get(Centre, blazuj).name = "Blažuj, renamed"
    dbsession.flush()  # another centre's counter: still kept
    assert kept(dummy_request, key, usivak, load) == 1
    dbsession.get(Centre, usivak).name = "Ušivak, renamed"
    dbsession.flush()
    assert kept(dummy_request, key, usivak, load) == 2
    dbsession.add(Organisation(slug="new-ngo", name="A new NGO"))  # no centre: the global one
    dbsession.flush()
    assert kept(dummy_request, key, usivak, load) == 3
    assert loads == [1, 2, 3]


def test_a_key_for_every_centre_moves_with_any_of_them(dummy_request, dbsession):
    load, loads = counting_loader()
    kept(dummy_request, "test-all", None, load)
    dbsession.get(Centre, centre_id(dbsession, "blazuj")).name = "Blažuj, renamed"
    dbsession.flush()
    assert kept(dummy_request, "test-all", None, load) == 2


def test_a_request_that_wrote_keeps_nothing(dummy_request, dbsession):
    """It would keep what it sees of its own changes, which may yet be rolled back."""
    usivak = centre_id(dbsession, "usivak")
    dummy_request.environ[WROTE] = True
    load, loads = counting_loader()
    assert kept(dummy_request, "test-wrote", usivak, load) == 1
    assert kept(dummy_request, "test-wrote", usivak, load) == 2
    del dummy_request.environ[WROTE]
    assert kept(dummy_request, "test-wrote", usivak, load) == 3  # nothing was kept for it
    assert kept(dummy_request, "test-wrote", usivak, load) == 3


def test_a_request_that_writes_a_public_change_is_marked(testapp, login_as, dbsession):
    """The mark comes from the flush that moved a counter, in the request's own session; a
    page that only reads is not marked."""
    page = dbsession.scalars(select(Page).where(
        Page.centre_id == centre_id(dbsession, "usivak"), Page.state == "published")).first()
    login_as(testapp, "manager-usivak")
    edit = testapp.get(f"/content/{page.id}/edit")
    assert not edit.request.environ.get(WROTE)
    form = edit.forms["deform"]
    form["title"] = "House rules, revised"
    saved = form.submit("save")
    assert saved.status_int == 303 and saved.request.environ.get(WROTE) is True


def test_a_store_bounded_by_size_drops_the_least_recently_read():
    from portal.caching import KeptData

    store = KeptData(100, sizeof=len)
    store.put("a", "1", "x" * 40)
    store.put("b", "1", "y" * 40)
    assert store.get("a") == ("1", "x" * 40)  # read: "b" goes first
    store.put("c", "1", "z" * 40)
    assert store.get("b") is None and store.get("a") and store.get("c")
    store.put("huge", "1", "h" * 101)  # larger than the store: not kept, nothing dropped
    assert store.get("huge") is None and store.get("a") and store.get("c")
