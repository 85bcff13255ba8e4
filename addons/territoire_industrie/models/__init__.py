from . import territory_region
from . import territory_department
from . import territory_epci
from . import territory_commune
from . import territory_industry
