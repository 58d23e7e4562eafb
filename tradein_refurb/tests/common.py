class RefurbAssertions:
    """What the unit tests and the tour check alike of a refurbished serial."""

    def _assert_released_to_stock(self, lot):
        """Released: refurbished, graded A, priced, costed, back in sellable stock."""
        self.assertRecordValues(
            lot,
            [
                {
                    "tradein_condition": "refurbished",
                    "tradein_grade": "a",
                    "tradein_retail_price": 199.0,
                    "acquisition_price": 100.0,
                    "refurb_cost": 90.0,
                    "product_qty": 1.0,
                }
            ],
        )
        self.assertEqual(lot.location_id, self.stock_location)
