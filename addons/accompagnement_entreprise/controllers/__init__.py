from . import subsidy_export
