from . import test_support_programme
from . import test_support_case
from . import test_support_visit
from . import test_support_visit_security
from . import test_territory_indicator_visit
from . import test_support_club
from . import test_support_digital_diagnostic
