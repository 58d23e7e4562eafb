from . import tradein_refurb_start_wizard
