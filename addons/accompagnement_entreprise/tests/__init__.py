from . import test_support_programme
from . import test_support_case
from . import test_support_results
from . import test_support_indicator
from . import test_support_results_reports
from . import test_support_coverage
