from . import support_results_xlsx
