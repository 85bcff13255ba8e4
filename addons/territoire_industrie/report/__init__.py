from . import action_plan_xlsx
from . import observatory_xlsx
from . import sirene_rejections_xlsx
