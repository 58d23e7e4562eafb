from . import test_refurb
