from . import test_blocked
from . import test_customer_purchase
from . import test_customer_purchase_cancel
from . import test_register_protection
from . import test_serial_trust
