from . import test_customer_purchase
from . import test_customer_purchase_cancel
