from . import territory_reference_load_wizard
