from . import test_security
from . import test_ui
from . import test_reference_loader
from . import test_territory_industry
from . import test_res_partner
from . import test_performance
from . import test_sirene_import
from . import test_company_directory
