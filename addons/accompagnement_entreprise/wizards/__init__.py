from . import support_transfer_matching
from . import support_transfer_matching_line
