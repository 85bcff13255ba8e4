from . import test_forum
