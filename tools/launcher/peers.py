"""``./suite test --peers``: Odoo's own test suites of the stock modules we extend.

Our addons inherit Odoo's event, booth, CRM and contact screens; a stock user (an event
manager without a Job Forums group, a salesman) must keep working on them. Odoo's tests of
those modules, run unchanged with our addons installed, prove it: their post_install tests
load every view and field of ours, as Odoo's own test users.
"""

from . import paths

# Stock modules whose suites run, installed with ours: the ones we depend on (mail, whose
# suite alone takes longer than all of ours, aside) and event_crm, which joins two of them.
# Not event_sale & co.: we do not depend on them, they are not installed.
MODULES = ("contacts", "calendar", "event", "event_booth", "crm", "event_crm")


def plan():
    """The modules to install and the Odoo --test-tags that select the peers' suites."""
    return [*paths.SUITE_MODULES, *MODULES], ",".join(f"/{module}" for module in MODULES)
