"""Forgetting the order of casting in PostgreSQL's own files.

PostgreSQL appends each new row to its table's heap and stamps it with the id of the
transaction that wrote it (``xmin``, a counter): during voting, both the ballots' physical
order (``ctid``) and their ``xmin`` follow the order of casting, and so do the spent codes'
(an UPDATE writes a new row version). SQLite has no such order: the tables are ``WITHOUT
ROWID``, stored in the order of their random keys.

Before anything is counted or published, ``forget_order_of_casting`` rewrites both tables in
one transaction: their rows go to a temporary table, the tables are emptied with ``TRUNCATE``
(a new, empty file: the old one, with its order and its dead row versions, is unlinked at
commit, not left as garbage for VACUUM), and the rows come back sorted by their random keys,
all written by that one transaction. Afterwards ``ctid`` follows the random keys and every
row has the same ``xmin``.

Writing into pre-allocated slots instead (empty rows made with the codes, a ballot filling a
random one) would not help: on PostgreSQL an UPDATE writes a new row version at a free place
with a new ``xmin``, in the order of casting again.

What remains is documented in README: the write-ahead log (and any archive or replica of it)
keeps the inserts of the voting period in order until its segments are recycled.
"""
from sqlalchemy import text

#: table -> its random key, the order the rows are written back in
TABLES = {"elections_ballots": "id", "elections_codes": "code_hash"}


def forget_order_of_casting(dbsession):
    dbsession.flush()
    connection = dbsession.connection()
    if connection.dialect.name != "postgresql":
        return False
    for table, key in TABLES.items():
        copy = f"elections_rewrite_{table}"
        connection.execute(text(f"CREATE TEMPORARY TABLE {copy} ON COMMIT DROP AS "
                                f"SELECT * FROM {table}"))
        connection.execute(text(f"TRUNCATE {table}"))
        connection.execute(text(f"INSERT INTO {table} SELECT * FROM {copy} ORDER BY {key}"))
        connection.execute(text(f"DROP TABLE {copy}"))
    return True
