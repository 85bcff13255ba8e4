"""Set-up and test driver of the suite, used by the ``./suite`` script."""
