from . import action_plan_xlsx
