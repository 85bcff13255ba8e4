from . import action_plan_xlsx
from . import observatory_xlsx
