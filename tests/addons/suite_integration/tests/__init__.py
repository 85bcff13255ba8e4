from . import test_french_translations
from . import test_suite_roles
from . import test_forum_case_activity
from . import test_stock_users
from . import test_role_matrix
from . import test_screenshots
from . import test_reference_vintage_references
from . import test_bad_inputs
