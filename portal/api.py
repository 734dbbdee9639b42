"""Everything a plugin may import from the core, and nothing else.

Plugins (under ``plugins/`` and third-party distributions) import the core only through this
module; ``tests/test_plugin_api.py`` fails when a plugin reaches into another core module. The
README's "Writing a plugin" section documents each name with its signature. The configuration
directives themselves (``config.add_content_type``, ``config.add_kiosk_panel``...) are methods of
Pyramid's configurator, added by :mod:`portal.directives`.
"""
from .caching import kept, public_page, valid_for
from .categories import categories, category, category_validator, category_widget, pictogram
from .events import (Announcement, ContentAdded, ContentModified, ContentRemoved,
                     ContentTransitioned)
from .fields import FileInputWidget, LocalDateTime
from .forms import AddFormView, CSRFSchema, EditFormView, FormView, Refused, field_error
from .i18n import (LANGUAGES, babel_locale, direction, fallback_chain, first_available,
                   forget_language, html_lang, localizer_for)
from .models import (AuditEntry, Centre, Content, ContentText, Organisation, RoleAssignment,
                     Room, User)
from .models.local_roles import grant_local_role, local_roles, revoke_local_role
from .models.meta import Base, UTCDateTime, utcnow
from .models.texts import TextField, Translatable, text_model
from .directory import centres_using
from .navigation import viewer_centres
from .notifications import notify
from .paging import paginate, permitted
from .resources import bind_content, centre_context, centre_factory
from .throttle import clear as throttle_clear
from .throttle import locked_seconds as throttle_locked_seconds
from .throttle import record_failure as throttle_failure
from .views.content import add_content_view, content_actions, localized
from .visibility import permission_filter
from .workflow import State, Transition, Workflow, WorkflowError

__all__ = [
    # models and columns
    "Base", "UTCDateTime", "utcnow", "Centre", "Room", "Organisation", "User", "Content",
    "ContentText", "RoleAssignment", "AuditEntry",
    # text per language for any model
    "Translatable", "TextField", "text_model",
    # route contexts and security
    "centre_factory", "centre_context", "bind_content", "grant_local_role", "revoke_local_role",
    "local_roles",
    # workflows and events
    "Workflow", "State", "Transition", "WorkflowError", "ContentAdded", "ContentModified",
    "ContentTransitioned", "ContentRemoved", "Announcement",
    # the inbox, the centres a dashboard tile looks at, those a home page tile links to
    "notify", "viewer_centres", "centres_using",
    # forms and views
    "CSRFSchema", "FormView", "AddFormView", "EditFormView", "Refused", "field_error",
    "LocalDateTime", "FileInputWidget", "add_content_view", "localized", "content_actions",
    # the shared vocabulary of categories
    "categories", "category", "pictogram", "category_widget", "category_validator",
    # staff lists a page at a time
    "paginate", "permitted", "permission_filter",
    # page cache, and public data kept while the change counters stay the same
    "public_page", "valid_for", "kept",
    # failed attempts of a plugin's own (wrong voting codes)
    "throttle_failure", "throttle_locked_seconds", "throttle_clear",
    # languages
    "LANGUAGES", "babel_locale", "direction", "fallback_chain", "first_available", "html_lang",
    "localizer_for", "forget_language",
]
