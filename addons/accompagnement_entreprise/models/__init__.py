from . import support_programme
from . import support_case_stage
from . import support_need
from . import support_team
from . import support_case
from . import crm_lead
from . import res_partner
