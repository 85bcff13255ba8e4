from . import support_transfer_offer_sheet
from . import support_transfer_match_sheet
