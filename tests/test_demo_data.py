"""The demo database shows every flow populated (`make demo` loads the same data)."""

from odoo import fields


def _ref(env, xmlid):
    return env.ref(xmlid)


def test_customer_purchases_in_every_status(odoo_env):
    purchases = odoo_env["purchase.order"].search(
        [
            ("is_customer_purchase", "=", True),
            ("company_id", "=", odoo_env.ref("base.main_company").id),
        ]
    )
    states = set(purchases.mapped("customer_purchase_state"))
    assert {"estimate", "to_approve", "paid", "waiting_refurb", "completed", "cancel"} <= states
    approve = _ref(odoo_env, "tradein_serial.demo_customer_purchase_to_approve")
    assert approve.customer_purchase_state == "to_approve"
    assert approve.tradein_needs_approval
    cancelled = _ref(odoo_env, "tradein_serial.demo_customer_purchase_cancelled")
    assert cancelled.state == "cancel"


def test_customer_purchases_carry_no_vat_with_default_taxes(odoo_env):
    """The demo's products keep their default purchase tax; purchases from the
    public carry none: the price agreed is what the seller is paid."""
    paid = _ref(odoo_env, "tradein_serial.demo_customer_purchase_paid")
    line = paid.order_line
    company = paid.company_id
    assert line.product_id.supplier_taxes_id._filter_taxes_by_company(company)
    purchases = odoo_env["purchase.order"].search(
        [("is_customer_purchase", "=", True), ("company_id", "=", company.id)]
    )
    assert not purchases.order_line.tax_ids
    for purchase in purchases:
        assert purchase.amount_total == purchase.amount_untaxed
        bill = purchase.payout_bill_id
        if bill:
            assert bill.amount_tax == 0.0
            assert bill.amount_total == purchase.amount_total


def test_serials_in_every_condition_and_grade(odoo_env):
    lots = odoo_env["stock.lot"].search([("product_id.tracking", "=", "serial")])
    assert {"new", "used", "refurbished"} <= set(lots.mapped("tradein_condition"))
    assert {"a", "b", "c"} <= set(lots.filtered("tradein_grade").mapped("tradein_grade"))
    # The laptop sold to Carla: she owns it, under the product's 12-month warranty.
    carla = _ref(odoo_env, "tradein_serial.demo_customer_carla")
    owned = odoo_env["stock.lot"].search([("tradein_owner_id", "=", carla.id)])
    assert owned.product_id == _ref(odoo_env, "tradein_serial.demo_product_laptop")
    assert owned.warranty_end_date > fields.Date.today()
    assert carla.tradein_asset_count == 1


def test_sellers_of_each_type(odoo_env):
    types = set(odoo_env["res.partner"].search([]).mapped("tradein_seller_type"))
    assert {"private", "vat_business", "vat_exempt", "margin_dealer"} <= types


def test_trade_ins_and_a_deposit_waiting_for_its_purchase(odoo_env):
    quotation = _ref(odoo_env, "tradein_serial.demo_sale_tradein_quotation")
    assert quotation.state == "draft"
    assert quotation.order_line.filtered("is_tradein")
    confirmed = _ref(odoo_env, "tradein_serial.demo_sale_tradein_confirmed")
    tradein_lot = confirmed.order_line.filtered(
        "is_tradein"
    ).tradein_purchase_line_id.tradein_lot_id
    assert tradein_lot.name == "S20-2718"
    assert tradein_lot.product_qty == 1
    deposit = _ref(odoo_env, "tradein_serial.demo_sale_deposit")
    assert deposit.state == "sale"
    assert deposit.tradein_billing_status == "partial"
    assert deposit.tradein_deposit_amount == 500.0
    rfq = odoo_env["purchase.order"].search([("origin", "ilike", deposit.name)])
    assert rfq.state == "draft"
    assert rfq.partner_id == _ref(odoo_env, "tradein_serial.demo_vendor_cameras")


def test_refurbs_on_the_board(odoo_env):
    refurbs = odoo_env["repair.order"].search([("is_refurb", "=", True)])
    stages = set(refurbs.mapped("refurb_stage_id"))
    for xmlid in ("stage_todo", "stage_in_progress", "stage_done"):
        assert _ref(odoo_env, f"tradein_refurb.{xmlid}") in stages
    done = refurbs.filtered(lambda repair: repair.state == "done")
    assert done.lot_id.tradein_condition == "refurbished"
    assert done.lot_id.tradein_retail_price == 279.0
    assert done.refurb_cost_move_id.state == "posted"


def test_margin_scheme_invoice(odoo_env):
    invoice = _ref(odoo_env, "tradein_serial_vat.demo_sale_margin").invoice_ids
    assert invoice.state == "posted"
    margin_tax = invoice.invoice_line_ids.tax_ids
    assert margin_tax.tradein_margin
    rate = margin_tax.amount
    # Sold for 650 what was bought for 400: VAT is on the 250 margin only.
    assert invoice.amount_total == 650.0
    assert invoice.amount_tax == invoice.currency_id.round(250.0 * rate / (100.0 + rate))
