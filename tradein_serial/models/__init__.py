# The mixins first, each before the models that inherit it.
from . import tradein_serial_input_mixin

# isort: split
from . import tradein_blocked
from . import tradein_item_mixin
from . import tradein_register_mixin

# isort: split
from . import account_move
from . import account_move_line
from . import ir_attachment
from . import mail_message
from . import product_category
from . import product_template
from . import purchase_order
from . import purchase_order_approval
from . import purchase_order_blocked_list
from . import purchase_order_cancel
from . import purchase_order_line
from . import purchase_order_line_cancel
from . import purchase_order_line_catalogue
from . import purchase_order_line_receipt
from . import purchase_order_line_refurb
from . import purchase_order_line_serial_number
from . import purchase_order_line_taxes
from . import purchase_order_payout
from . import purchase_order_receipt
from . import purchase_order_seller_identity
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
from . import sale_order_approval
from . import sale_order_blocked_list
from . import sale_order_deposit
from . import sale_order_line
from . import sale_order_line_catalogue
from . import sale_order_line_deposit
from . import sale_order_line_serial_sold
from . import sale_order_seller_identity
from . import stock_lot
from . import stock_lot_return
from . import stock_lot_serial_number
from . import stock_lot_stock_policy
from . import stock_lot_swap
from . import stock_move
from . import stock_move_line
from . import stock_quant
from . import stock_rule
from . import tradein_blocked_attempt
from . import tradein_blocked_seller
from . import tradein_blocked_serial
from . import tradein_serial_event
