from . import event_type
from . import forum_zone
from . import event_booth
from . import forum_exhibitor
from . import forum_job_offer
from . import event_registration
from . import event_event
from . import forum_interview
