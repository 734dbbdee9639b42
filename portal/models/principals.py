"""Organisations, users, their centre-scoped roles, server-side sessions and login throttling."""
from datetime import date, datetime
from typing import Optional

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .meta import Base, UTCDateTime, utcnow


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30), default="ngo")  # un_agency, ngo, authority

    __audit__ = True

    @property
    def audit_label(self):
        return self.name

    def __str__(self):
        return self.name


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[Optional[str]] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    language: Mapped[Optional[str]] = mapped_column(String(10))
    #: notifications are also sent to ``email`` (when the portal sends e-mail at all)
    email_notifications: Mapped[bool] = mapped_column(Boolean, default=False)
    organisation_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    organisation: Mapped[Optional[Organisation]] = relationship()
    roles: Mapped[list["RoleAssignment"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def current_roles(self):
        """The role assignments that hold today: a term that ended is over. What every
        permission check reads (principals, the centres a viewer works in, SQL visibility)."""
        today = utcnow().date()
        return [assignment for assignment in self.roles if assignment.current(today)]

    __audit__ = True
    __public__ = False  # no public page shows it: writing it invalidates no page
    #: never written to the audit log
    __audit_exclude__ = {"password_hash"}

    @property
    def audit_label(self):
        return self.username

    def __str__(self):
        return self.full_name or self.username


class RoleAssignment(Base):
    """A role held globally (``centre_id`` empty) or in one centre."""

    __tablename__ = "role_assignments"
    __table_args__ = (UniqueConstraint("user_id", "role", "centre_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(50))
    centre_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"))
    #: last day of a role held for a term (an elected representative); empty: no end
    ends: Mapped[Optional[date]] = mapped_column(Date)
    user: Mapped[User] = relationship(back_populates="roles")
    centre = relationship("Centre")

    def current(self, today=None):
        """Whether the role still holds (its term, if any, has not ended)."""
        return self.ends is None or self.ends >= (today or utcnow().date())

    __audit__ = True
    __public__ = False  # no public page shows it: writing it invalidates no page

    @property
    def audit_label(self):
        return self.role  # not the user: loading it here would query inside the flush


class UserSession(Base):
    """A login. The cookie holds a random token; only its keyed hash is stored here."""

    __tablename__ = "user_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    flash: Mapped[Optional[str]] = mapped_column(Text)  # JSON list of pending messages
    csrf_token: Mapped[Optional[str]] = mapped_column(String(64))  # bound to this login
    user: Mapped[User] = relationship()

    __audit__ = False
    __public__ = False  # no public page shows it: writing it invalidates no page


class LoginThrottle(Base):
    """Failed password attempts per account name, address or known device (see ``throttle.py``).

    Kept for names that do not exist too, so nothing leaks; the key is a keyed hash, so no typed
    name or address is stored.
    """

    __tablename__ = "login_throttle"
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)  # name, address, device
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __audit__ = False
    __public__ = False  # no public page shows it: writing it invalidates no page
