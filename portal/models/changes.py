"""Change counters: what the page cache compares to know a stored page is still current.

Every flush that writes a public-relevant row bumps the counter of the row's centre (rows of no
centre bump the global one, ``centre_id = 0``) with ``value = value + 1`` in the writing
transaction itself: the bump becomes visible exactly when the data does, whatever order
transactions commit in, and concurrent writers of one centre serialise on its row. Models that
no public page shows say ``__public__ = False`` (sessions, throttles, the audit log, users and
their roles): a login invalidates nothing. A row that is public only sometimes (content in a
workflow state nobody may read) says so with a ``changes_public_pages()`` method: editing a draft
invalidates nothing either. Bulk ``update()``/``delete()``/``insert()`` statements bump the
global counter.
"""
from sqlalchemy import BigInteger, Integer, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base

GLOBAL = 0


class ChangeCounter(Base):
    __tablename__ = "change_counters"
    centre_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger)

    __audit__ = False
    __public__ = False


def is_public(cls_or_obj):
    return getattr(cls_or_obj, "__public__", True)


def changes_public_pages(obj):
    """Whether writing ``obj`` now can change what an anonymous reader sees."""
    if not is_public(obj):
        return False
    hook = getattr(obj, "changes_public_pages", None)
    return hook() if hook is not None else True


def centres_of(obj):
    """The counters a change to ``obj`` bumps: its centre now and before (a move), or global."""
    if obj.__tablename__ == "centres":
        ids = {obj.id}  # its name shows on its own pages and on lists of every centre
    elif hasattr(obj, "audit_centre_id"):
        ids = {obj.audit_centre_id}
    elif "centre_id" in inspect(obj).mapper.column_attrs:
        history = inspect(obj).attrs.centre_id.history
        ids = {obj.centre_id, *history.deleted}
    else:
        ids = {None}
    return {GLOBAL if centre_id is None else centre_id for centre_id in ids}


#: bumped after each commit of this process that moved a counter: readers of the counters that
#: keep them for a while (``caching.ChangeVersion``) read them again at once, so whoever made a
#: change sees it on their next page (other processes see it within their ``ttl``)
local_commits = 0
BUMPED = "portal.changes.bumped"
#: in the environ of a request that moved a counter (``caching.kept`` then keeps nothing: the
#: request sees its own changes, which may yet be rolled back)
WROTE = "portal.changes.wrote"


def bump(connection, centre_ids, session=None):
    """``value + 1`` per centre, creating missing rows; sorted, so writers lock in one order."""
    if session is not None:
        session.info[BUMPED] = True
        request = session.info.get("request")
        if request is not None:
            request.environ[WROTE] = True
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    table = ChangeCounter.__table__
    for centre_id in sorted(centre_ids):
        stmt = dialect.insert(table).values(centre_id=centre_id, value=1)
        connection.execute(stmt.on_conflict_do_update(
            index_elements=[table.c.centre_id], set_={"value": table.c.value + 1}))


def bump_after_flush(session, flush_context):
    centres = set()
    deleted = [state.obj() for state, (isdelete, listonly) in flush_context.states.items()
               if isdelete and not listonly and state.obj() is not None]
    for obj in (*session.new, *session.dirty, *session.deleted, *deleted):
        if (obj not in session.dirty or session.is_modified(obj)) and changes_public_pages(obj):
            centres |= centres_of(obj)
    if centres:
        bump(session.connection(), centres, session)


def bump_on_bulk_statement(orm_execute_state):
    state = orm_execute_state
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper or mapper_of(getattr(state.statement, "table", None))
    if mapper is not None and not is_public(mapper.class_):
        return
    bump(state.session.connection(), {GLOBAL}, state.session)


def mapper_of(table):
    """The mapper of a statement written against a Table rather than a class (throttles)."""
    if table is None:
        return None
    return next((m for m in Base.registry.mappers if m.local_table is table), None)


def read_counters(connection):
    return dict(connection.execute(select(ChangeCounter.centre_id, ChangeCounter.value)).all())


def count_local_commit(session):
    global local_commits
    if session.info.pop(BUMPED, False):
        local_commits += 1


def forget_bump(session):
    session.info.pop(BUMPED, None)


def install(session_factory):
    event.listen(session_factory, "after_flush", bump_after_flush)
    event.listen(session_factory, "after_commit", count_local_commit)
    event.listen(session_factory, "after_rollback", forget_bump)
    event.listen(session_factory, "do_orm_execute", bump_on_bulk_statement)
