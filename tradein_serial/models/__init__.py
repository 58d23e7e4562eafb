from . import res_company
from . import res_config_settings
from . import res_partner
from . import product_template
from . import stock_lot
from . import stock_move
from . import purchase_order
from . import purchase_order_line
