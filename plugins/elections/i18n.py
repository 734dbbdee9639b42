"""The plugin's gettext domain."""
from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("elections")
