"""A small state machine for content: each state maps principals to permissions (the ACL), each
transition moves between states and is guarded by a permission of its own."""
from dataclasses import dataclass, field
from typing import Any

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow

from .models.audit import add_entry
from .models.meta import utcnow


@dataclass(frozen=True)
class Transition:
    name: str
    title: Any
    from_states: tuple
    to_state: str
    needs_comment: bool = False

    @property
    def permission(self):
        return f"transition.{self.name}"


@dataclass
class State:
    name: str
    title: Any
    acl: dict = field(default_factory=dict)  # principal -> permissions


class WorkflowError(Exception):
    pass


class Workflow:
    def __init__(self, name, initial, states, transitions):
        self.name = name
        self.initial = initial
        self.states = {state.name: state for state in states}
        self.transitions = {transition.name: transition for transition in transitions}
        if initial not in self.states:
            raise ValueError(f"workflow {name}: unknown initial state {initial!r}")
        for transition in transitions:
            unknown = set(transition.from_states + (transition.to_state,)) - set(self.states)
            if unknown:
                raise ValueError(f"workflow {name}: transition {transition.name} names {unknown}")

    def acl(self, state):
        """The ACL of content in ``state``; nothing is inherited from the centre or the site."""
        entries = [(Allow, "role:admin", ALL_PERMISSIONS)]
        for principal, permissions in self.states[state].acl.items():
            entries.append((Allow, principal, tuple(permissions)))
        entries.append(DENY_ALL)
        return entries

    def transitions_from(self, state):
        return [t for t in self.transitions.values() if state in t.from_states]

    def allowed_transitions(self, request, content):
        return [t for t in self.transitions_from(content.state)
                if request.has_permission(t.permission, content)]

    def apply(self, request, content, name, comment=""):
        transition = self.transitions.get(name)
        if transition is None or content.state not in transition.from_states:
            raise WorkflowError(name)
        if transition.needs_comment and not comment.strip():
            raise WorkflowError(name)
        content.state = transition.to_state
        content.modified = utcnow()
        add_entry(request.dbsession, f"transition:{name}", content, object_type="content",
                  summary=comment.strip())
        content.__acl__ = self.acl(content.state)
        return transition
