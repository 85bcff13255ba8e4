from . import test_support_programme
