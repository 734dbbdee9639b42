"""Which populators (demo data loaders) have run on this database, so each runs once."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base, UTCDateTime, utcnow


class PopulatorRun(Base):
    __tablename__ = "populator_runs"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)  # the populator's name
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __audit__ = False  # the loader's own bookkeeping; the rows a populator adds are audited
    __public__ = False  # no public page shows it: writing it invalidates no page
