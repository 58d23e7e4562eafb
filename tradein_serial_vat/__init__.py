from . import models
from . import wizards


def post_init_hook(env):
    """Margin taxes and their fiscal position for the companies that have taxes."""
    companies = env["res.company"].search([("chart_template", "!=", False)])
    companies._tradein_margin_setup()
