"""Reception centres, their rooms, and which plugins each centre has turned off."""
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .meta import Base


class Centre(Base):
    __tablename__ = "centres"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Sarajevo")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    rooms: Mapped[list["Room"]] = relationship(
        back_populates="centre", cascade="all, delete-orphan", order_by="Room.name"
    )
    disabled_plugins: Mapped[list["CentrePluginSetting"]] = relationship(
        cascade="all, delete-orphan"
    )

    __audit__ = True

    @property
    def audit_centre_id(self):
        return self.id

    @property
    def audit_label(self):
        return self.name

    def plugin_enabled(self, plugin):
        return all(setting.plugin != plugin for setting in self.disabled_plugins)

    def __str__(self):
        return self.name


class Room(Base):
    __tablename__ = "rooms"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[Optional[int]] = mapped_column(Integer)
    centre: Mapped[Centre] = relationship(back_populates="rooms")

    __audit__ = True

    @property
    def audit_label(self):
        return self.name

    def __str__(self):
        return self.name


class CentrePluginSetting(Base):
    """A row means: this plugin is turned off for this centre."""

    __tablename__ = "centre_disabled_plugins"
    __table_args__ = (UniqueConstraint("centre_id", "plugin"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"))
    plugin: Mapped[str] = mapped_column(String(100))

    __audit__ = True
