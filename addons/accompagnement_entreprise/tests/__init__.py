from . import test_support_programme
from . import test_support_case
