"""A state's ``denied`` permissions: nobody has them there, administrators included."""
from pyramid.authorization import ACLHelper, Everyone

from portal.api import State, Transition, Workflow
from portal.visibility import _granting

RECORD = Workflow("test.record", initial="draft", states=[
    State("draft", "Draft", {"role:editor": ("view", "edit")}),
    State("published", "Published", {"system.Everyone": ("view",), "role:editor": ("correct",)},
          denied=("edit",)),
], transitions=[Transition("publish", "Publish", ("draft",), "published")])


class Record:
    pass


def allowed(state, principals, permission):
    record = Record()
    record.__acl__ = RECORD.acl(state, record)
    # every request's principals include Everyone
    return bool(ACLHelper().permits(record, [Everyone, *principals], permission))


def test_a_denied_permission_is_refused_to_everyone_even_administrators():
    assert allowed("draft", ["role:admin"], "edit")
    assert allowed("draft", ["role:editor"], "edit")
    assert not allowed("published", ["role:admin"], "edit")
    assert not allowed("published", ["role:editor"], "edit")
    # what the state does not deny stays the administrators'
    assert allowed("published", ["role:admin"], "delete")
    assert allowed("published", ["role:editor"], "correct")


def test_staff_lists_leave_out_rows_in_a_state_that_denies_the_permission():
    assert _granting(RECORD.states["draft"], "edit") == ["role:admin", "role:editor"]
    assert _granting(RECORD.states["published"], "edit") == []
    assert _granting(RECORD.states["published"], "view") == ["role:admin", "system.Everyone"]
