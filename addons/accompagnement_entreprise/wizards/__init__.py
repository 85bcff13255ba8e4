from . import support_results
from . import support_results_line
from . import support_convention_annual
