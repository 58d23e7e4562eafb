from . import test_customer_purchase, test_customer_purchase_cancel
