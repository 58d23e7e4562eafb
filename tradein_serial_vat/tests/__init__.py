from . import test_margin_scheme
