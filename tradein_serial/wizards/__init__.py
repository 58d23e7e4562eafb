from . import tradein_dealer_register_wizard
from . import tradein_deposit_wizard
from . import tradein_move_product_wizard
from . import tradein_payout_wizard
from . import tradein_refurb_start_wizard
from . import tradein_serial_import_wizard
from . import tradein_serial_return_wizard
from . import tradein_serial_swap_wizard
