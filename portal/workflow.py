"""A small state machine for content: each state maps principals to permissions (the ACL), each
transition moves between states and is guarded by a permission of its own.

A state's ACL may name principals resolved against the context: ``"org:{organisation_id}"``
grants the organisation that owns the object (an entry whose attribute is empty is left out).
A transition may have a ``guard(request, context)`` that returns a reason (a translatable
message) when the step is not possible now, and ``after`` callbacks run once it is done; every
step publishes :class:`portal.events.ContentTransitioned`.
"""
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Deny, Everyone

from sqlalchemy import select

from .events import ContentTransitioned
from .models.audit import AuditEntry, add_entry
from .models.meta import utcnow


@dataclass(frozen=True)
class Transition:
    name: str
    title: Any
    from_states: tuple
    to_state: str
    needs_comment: bool = False
    guard: Optional[Callable] = None  # (request, context) -> None, or why not
    after: tuple = ()  # callbacks (request, context, transition) once the step is done

    @property
    def permission(self):
        return f"transition.{self.name}"


@dataclass
class State:
    name: str
    title: Any
    acl: dict = field(default_factory=dict)  # principal -> permissions
    #: permissions nobody has in this state, administrators included (a published record
    #: changes only through its own correction step)
    denied: tuple = ()


class WorkflowError(Exception):
    """The step is not possible; ``reason`` (translatable) says why, when known."""

    def __init__(self, name, reason=None):
        super().__init__(name)
        self.reason = reason


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

    def acl(self, state, context=None):
        """The ACL of content in ``state``; nothing is inherited from the centre or the site."""
        denied = self.states[state].denied
        entries = [(Deny, Everyone, tuple(denied))] if denied else []
        entries.append((Allow, "role:admin", ALL_PERMISSIONS))
        for principal, permissions in self.states[state].acl.items():
            principal = resolve_principal(principal, context)
            if principal is not None:
                entries.append((Allow, principal, tuple(permissions)))
        entries.append(DENY_ALL)
        return entries

    def transitions_from(self, state):
        return [t for t in self.transitions.values() if state in t.from_states]

    def allowed_transitions(self, request, content):
        return [t for t in self.transitions_from(content.state)
                if request.has_permission(t.permission, content)]

    def blocked_by(self, request, content, transition):
        """Why ``transition`` cannot run now (a translatable message), or None."""
        if transition.guard is not None:
            return transition.guard(request, content)
        return None

    def apply(self, request, content, name, comment=""):
        transition = self.transitions.get(name)
        if transition is None or content.state not in transition.from_states:
            raise WorkflowError(name)
        if transition.needs_comment and not comment.strip():
            raise WorkflowError(name)
        reason = self.blocked_by(request, content, transition)
        if reason is not None:
            raise WorkflowError(name, reason)
        from_state = content.state
        content.state = transition.to_state
        content.modified = utcnow()
        add_entry(request.dbsession, f"transition:{name}", content, summary=comment.strip())
        if "__acl__" in vars(content):  # bound by bind_content: follow the new state
            content.__acl__ = self.acl(content.state, content)
        for callback in transition.after:
            callback(request, content, transition)
        request.registry.notify(ContentTransitioned(content, request, transition, from_state,
                                                    comment.strip()))
        return transition


def resolve_principal(principal, context):
    """``"org:{organisation_id}"`` -> ``"org:7"`` for the context; None if it has no value."""
    if "{" not in principal:
        return principal
    if context is None:
        return None
    name = principal[principal.index("{") + 1:principal.index("}")]
    value = getattr(context, name, None)
    return principal.replace("{" + name + "}", str(value)) if value is not None else None


def returned_reasons(request, contents):
    """``{content id: reason}`` for those of ``contents`` whose last step needed a reason (a
    manager returned it) and that are still where that step left them. The reason is the
    step's comment in the audit log, read for all of ``contents`` in one query."""
    contents = [c for c in contents if c.id is not None]
    if not contents:
        return {}
    entries = request.dbsession.execute(
        select(AuditEntry.object_type, AuditEntry.object_id, AuditEntry.action,
               AuditEntry.summary)
        .where(AuditEntry.object_type.in_({c.type for c in contents}),
               AuditEntry.object_id.in_([str(c.id) for c in contents]),
               AuditEntry.action.like("transition:%"))
        .order_by(AuditEntry.id.desc())).all()
    last = {}
    for object_type, object_id, action, summary in entries:
        last.setdefault((object_type, object_id), (action.partition(":")[2], summary))
    portal = request.registry.portal
    reasons = {}
    for content in contents:
        found = last.get((content.type, str(content.id)))
        info = portal.content_types.get(content.type)
        workflow = portal.workflows.get(info.workflow) if info and info.workflow else None
        step = workflow.transitions.get(found[0]) if found and workflow else None
        if step is not None and step.needs_comment and content.state == step.to_state and found[1]:
            reasons[content.id] = found[1]
    return reasons
