from . import support_results
from . import support_results_line
from . import support_convention_annual
from . import support_transfer_matching
from . import support_transfer_matching_line
from . import support_subsidy_override
from . import support_subsidy_report_wizard
