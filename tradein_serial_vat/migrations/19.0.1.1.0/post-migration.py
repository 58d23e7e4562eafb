# Copyright 2026 The tradein_serial authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.1.0: the stock book holds one acquisition per margin-scheme item.

Serials bought under the margin scheme before get their acquisition, with a
stock number in the order they were bought, and the invoice lines that sold
them point to it.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    lots = env["stock.lot"].search(
        [("tradein_vat_scheme", "=", "margin"), ("tradein_margin_acquisition_ids", "=", False)],
        order="acquisition_date, id",
    )
    Acquisition = env["tradein.margin.acquisition"]
    for lot in lots:
        company = lot.company_id or env.company
        line = lot.acquisition_purchase_line_id
        Acquisition.create(
            {
                "stock_number": company._tradein_next_stock_number(),
                "company_id": company.id,
                "date": lot.acquisition_date or lot.create_date.date(),
                "lot_id": lot.id,
                "serial": lot.name,
                "product_id": lot.product_id.id,
                "description": line._tradein_item_label() if line else lot.product_id.display_name,
                "purchase_line_id": line.id,
                "seller_id": lot.acquisition_partner_id.id,
                "purchase_price": lot.tradein_margin_purchase_price,
            }
        )
    lines = env["account.move.line"].search(
        [("tradein_lot_sold_id", "in", lots.ids), ("tradein_margin_acquisition_id", "=", False)]
    )
    for line in lines:
        line.tradein_margin_acquisition_id = line.tradein_lot_sold_id.tradein_margin_acquisition_id
