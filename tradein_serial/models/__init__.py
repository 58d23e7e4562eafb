from . import (
    product_template,
    purchase_order,
    purchase_order_line,
    res_company,
    res_config_settings,
    res_partner,
    stock_lot,
    stock_move,
)
