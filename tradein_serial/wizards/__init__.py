from . import (
    tradein_dealer_register_wizard,
    tradein_move_product_wizard,
    tradein_payout_wizard,
    tradein_refurb_start_wizard,
)
