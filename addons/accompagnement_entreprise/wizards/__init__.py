from . import support_case_close_wizard
from . import support_case_reassign_wizard
from . import support_case_lead_wizard
