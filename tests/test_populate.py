"""Demo data per populator: each runs once per database, a plugin enabled later gets its own."""
from sqlalchemy import text

from portal.migrations import upgrade

from .conftest import populate

CORE_COUNTS = ("select count(*) from centres", "select count(*) from rooms",
               "select count(*) from users", "select count(*) from organisations",
               "select count(*) from content where type = 'page'")


def scalars(engine, queries):
    with engine.connect() as connection:
        return [connection.execute(text(query)).scalar() for query in queries]


def plugins_of(populators):
    return [populator.plugin for populator in populators]


def test_a_plugin_enabled_later_gets_its_demo_data_without_the_core_loaded_twice(fresh_portal):
    engine = fresh_portal.engine
    core_only = fresh_portal("")
    upgrade(core_only.registry, engine)
    assert plugins_of(populate(core_only).loaded) == ["portal"]
    core_counts = scalars(engine, CORE_COUNTS)
    assert core_counts[0] == 6

    with_notices = fresh_portal("noticeboard")
    upgrade(with_notices.registry, engine)
    assert plugins_of(populate(with_notices).loaded) == ["noticeboard"]
    assert scalars(engine, CORE_COUNTS) == core_counts
    centres_with_notices, owners = scalars(engine, (
        "select count(distinct centre_id) from content where type = 'notice'",
        "select count(distinct owner_id) from content where type = 'notice'",
    ))
    assert centres_with_notices == 6 and owners == 1

    third = populate(with_notices)
    assert third.loaded == [] and third.taken_as_is == []
    assert scalars(engine, CORE_COUNTS) == core_counts


def test_a_database_filled_before_populators_were_recorded_is_taken_as_it_is(fresh_portal):
    engine = fresh_portal.engine
    core_only = fresh_portal("")
    upgrade(core_only.registry, engine)
    populate(core_only)
    with engine.begin() as connection:
        connection.execute(text("delete from populator_runs"))  # as before they were recorded
    core_counts = scalars(engine, CORE_COUNTS)

    taken = populate(core_only)
    assert plugins_of(taken.taken_as_is) == ["portal"] and taken.loaded == []
    assert scalars(engine, CORE_COUNTS) == core_counts

    with_notices = fresh_portal("noticeboard")
    upgrade(with_notices.registry, engine)
    assert plugins_of(populate(with_notices).loaded) == ["noticeboard"]
    assert scalars(engine, CORE_COUNTS) == core_counts
