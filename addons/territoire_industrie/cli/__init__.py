from . import territory_reference
