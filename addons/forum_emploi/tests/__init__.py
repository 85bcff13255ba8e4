from . import test_forum
from . import test_forum_data
from . import test_checkin_desk
from . import test_checkin_concurrency
from . import test_security
from . import test_desk_tour
