from . import event_type
