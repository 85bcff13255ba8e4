from . import territory_sirene_import_wizard
