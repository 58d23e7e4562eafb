from odoo.addons.tradein_serial.tests.common import TradeinTourCase
from odoo.tests import tagged

from .common import RefurbAssertions


@tagged("post_install", "-at_install")
class TestRefurbTour(RefurbAssertions, TradeinTourCase):
    """A refurbishment in a real browser (Chromium), from the serial to sellable stock."""

    def _used_phone_and_screens_in_stock(self):
        """A used phone bought from the public, in stock, and five screens to fit."""
        seller = self._partner_with_identification("Tour Refurb Seller")
        phone = self._create_serial_product("Tour Used Phone", purchase_ok=True)
        screen = self.env["product.product"].create(
            {
                "name": "Tour Screen",
                "is_storable": True,
                "categ_id": self.category_avco.id,
                "standard_price": 30.0,
            }
        )
        self._stock(screen, 5)
        lot = self._bought_from_the_public(seller, phone, "TOUR-RF-1", 100.0)
        return lot, phone, screen

    def _assert_refurb_done_through_every_stage(self, repair):
        """The refurbishment the tour worked on is done, costed, through every stage."""
        self.assertRecordValues(
            repair,
            [
                {
                    "is_refurb": True,
                    "state": "done",
                    "refurb_issue": "Cracked screen",
                    "refurb_stage_id": self.env.ref("tradein_refurb.stage_done").id,
                    "refurb_labour_hours": 1.5,
                    "refurb_parts_cost": 30.0,
                    "refurb_labour_cost": 60.0,
                    "refurb_cost": 90.0,
                }
            ],
        )
        self.assertFalse(repair.partner_id, "no customer to invoice")
        stages = repair.refurb_stage_history_ids.mapped("stage_id")
        for xmlid in ("stage_todo", "stage_in_progress", "stage_quality_check", "stage_done"):
            self.assertIn(self.env.ref(f"tradein_refurb.{xmlid}"), stages)

    def _assert_valued_with_part_and_labour(self, repair, phone, screen):
        """The phone's stock value takes the part used and the labour."""
        self.assertAlmostEqual(phone.total_value, 190.0)
        self.assertAlmostEqual(phone.avg_cost, 190.0)
        self.assertEqual(screen.qty_available, 4.0)
        entry = repair.refurb_cost_move_id
        self.assertEqual(entry.state, "posted")
        stock_account = phone.product_tmpl_id.get_product_accounts()["stock_valuation"]
        debit = entry.line_ids.filtered(lambda line: line.debit)
        self.assertEqual(debit.account_id, stock_account)
        self.assertEqual(debit.debit, 90.0)
        self.assertEqual(sum(entry.line_ids.mapped("credit")), 90.0)

    def test_refurb_to_release(self):
        self.company.write({"tradein_refurb_hour_cost": 40.0, "tradein_refurb_require_grade": True})
        lot, phone, screen = self._used_phone_and_screens_in_stock()
        self.assertEqual(lot.location_id, self.stock_location)

        self.start_flow_tour(
            f"/odoo/action-stock.action_production_lot_form/{lot.id}",
            "tradein_refurb_tour",
            "refurb",
        )

        repair = lot.refurb_ids
        self._assert_refurb_done_through_every_stage(repair)
        self._assert_released_to_stock(lot)
        self._assert_valued_with_part_and_labour(repair, phone, screen)
