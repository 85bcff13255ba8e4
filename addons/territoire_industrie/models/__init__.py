from . import territory_region
from . import territory_department
from . import territory_epci
from . import territory_commune
from . import territory_industry
from . import territory_establishment
from . import territory_sirene_import
from . import territory_sirene_import_rejection
