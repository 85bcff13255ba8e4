from . import support_results_xlsx
from . import support_transfer_offer_sheet
from . import support_transfer_match_sheet
from . import subsidy_xlsx
