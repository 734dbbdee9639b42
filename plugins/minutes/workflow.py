"""The record's way from the secretary's draft to residents: draft -> submitted -> approved ->
published; a manager may return it (with a comment) from submitted or approved to the draft,
and the secretary may take a submitted record back to the draft before a manager acts on it."""
from portal.api import State, Transition, Workflow

from .i18n import _

#: what the secretary (a local role on one meeting) may do while writing
WRITING = ("view", "edit", "translate", "transition.submit")


def action_items_complete(request, meeting):
    """The guard of submission: every action item names who answers for it and by when."""
    if any(action.missing_details for action in meeting.actions):
        return _("Every action item needs a responsible party and a due date before the "
                 "record is submitted.")
    return None


MEETING = Workflow("minutes.meeting", initial="draft", states=[
    State("draft", _("Draft"), {
        "role:centre_manager": WRITING + ("delete", "minutes.appoint"),
        "role:secretary": WRITING,
        "role:translator": ("view", "translate"),
        "role:protection_officer": ("view",),
    }),
    State("submitted", _("Submitted"), {
        "role:centre_manager": ("view", "translate", "transition.approve", "transition.return"),
        "role:secretary": ("view", "translate", "transition.take_back"),
        "role:translator": ("view", "translate"),
        "role:protection_officer": ("view",),
    }),
    State("approved", _("Approved"), {
        "role:centre_manager": ("view", "translate", "transition.publish", "transition.return"),
        "role:secretary": ("view", "translate"),
        "role:translator": ("view", "translate"),
        "role:protection_officer": ("view",),
    }),
    State("published", _("Published"), {
        "system.Everyone": ("view",),
        "role:centre_manager": ("translate", "minutes.correct"),
        "role:secretary": ("translate", "minutes.correct"),
        "role:translator": ("translate",),
    }, denied=("edit",)),  # corrected with a dated note, never silently changed
], transitions=[
    Transition("submit", _("Submit for approval"), ("draft",), "submitted",
               guard=action_items_complete),
    Transition("approve", _("Approve"), ("submitted",), "approved"),
    Transition("return", _("Return with a comment"), ("submitted", "approved"), "draft",
               needs_comment=True),
    Transition("take_back", _("Take back to the draft"), ("submitted",), "draft"),
    Transition("publish", _("Publish"), ("approved",), "published"),
])
