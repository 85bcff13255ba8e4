from . import main
from . import subsidy_export
