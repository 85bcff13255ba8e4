from . import support_subsidy_override
from . import support_subsidy_report_wizard
