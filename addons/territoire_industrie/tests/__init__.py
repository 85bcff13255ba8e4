from . import test_security
from . import test_ui
from . import test_sirene_import
from . import test_company_directory
