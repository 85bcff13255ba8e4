from . import territory_reference_load_wizard
from . import territory_sirene_import_wizard
from . import territory_company_lookup_wizard
from . import territory_coverage_report
from . import territory_coverage_report_line
