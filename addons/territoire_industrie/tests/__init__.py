from . import test_security
from . import test_ui
from . import test_sirene_import
