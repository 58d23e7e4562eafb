from . import tradein_margin_register_wizard
