from . import test_support_programme
from . import test_support_case
from . import test_transfer_offer
from . import test_transfer_matching
from . import test_transfer_security
from . import test_procurement_threshold
from . import test_tender_response
from . import test_procurement_event
