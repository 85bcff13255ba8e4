from . import support_programme
