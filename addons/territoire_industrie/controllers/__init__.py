from . import main
from . import sirene_import
