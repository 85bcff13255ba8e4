from . import territory_reference
from . import territory_sirene_import
