from . import territory_reference_load_wizard
from . import territory_sirene_import_wizard
from . import territory_company_lookup_wizard
