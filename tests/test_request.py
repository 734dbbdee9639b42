"""The portal's request class: its properties are declared on it, so Pyramid gives no request
a class of its own (building one per request, and collecting it, was a visible share of an
uncached page)."""
import transaction
from pyramid.scripting import prepare

from portal.request import PortalRequest


def test_every_request_is_a_portal_request_with_its_transaction_manager(app):
    env = prepare(registry=app.registry)
    try:
        request = env["request"]
        assert type(request) is PortalRequest  # no per-request subclass for pyramid_tm's tm
        manager = request.tm  # pyramid_tm's, as configured (tm.manager_hook in the tests)
        assert isinstance(manager, transaction.TransactionManager) and request.tm is manager
    finally:
        env["closer"]()
