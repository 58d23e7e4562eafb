from odoo import fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    def action_refurb_done(self):
        """Finish the refurbishment: the serial is sellable, graded and valued."""
        for repair in self:
            repair._refurb_check_done()
        for repair in self:
            if repair.state == "draft":
                repair.action_validate()
            if repair.state == "confirmed":
                repair.action_repair_start()
            repair.action_repair_end()
            repair._refurb_release()
        return True

    def _refurb_check_done(self):
        self.ensure_one()
        if not self.is_refurb:
            raise UserError(self.env._("%(name)s is not a refurbishment.", name=self.name))
        if self.state in ("done", "cancel"):
            raise UserError(self.env._("Refurbishment %(name)s is already closed.", name=self.name))
        open_checks = self.refurb_check_ids.filtered(lambda check: not check.done)
        if open_checks:
            raise UserError(
                self.env._(
                    "Tick the checklist of %(name)s first: %(items)s.",
                    name=self.name,
                    items=", ".join(open_checks.mapped("name")),
                )
            )
        if self.company_id.tradein_refurb_require_grade and not self.refurb_grade:
            raise UserError(
                self.env._("Set the grade of %(serial)s before finishing.", serial=self.lot_id.name)
            )

    def _refurb_release(self):
        """Grade, price and value the serial; complete its purchase."""
        self.ensure_one()
        lot = self.lot_id
        values = {"tradein_condition": "refurbished"}
        if self.refurb_grade:
            values["tradein_grade"] = self.refurb_grade
        if self.refurb_retail_price:
            values["tradein_retail_price"] = self.refurb_retail_price
        lot.write(values)
        self._refurb_capitalise()
        done_stage = self.env["tradein.refurb.stage"].search([("is_done", "=", True)], limit=1)
        self.write(
            {
                "refurb_stage_id": done_stage.id or self.refurb_stage_id.id,
                "refurb_date_done": fields.Datetime.now(),
            }
        )
        self._refurb_log_event(self.env._("Refurbished, cost %(cost)s"))
        line = self.refurb_purchase_line_id
        if line and not self.search_count(
            [("refurb_purchase_line_id", "=", line.id), ("state", "not in", ("done", "cancel"))]
        ):
            line._tradein_refurb_done()

    def _refurb_capitalise(self):
        """Add parts and labour to the serial's stock value and book it."""
        self.ensure_one()
        cost = self.refurb_cost
        lot = self.lot_id.with_company(self.company_id)
        if self.currency_id.is_zero(cost):
            return
        valued = self._refurb_add_value(lot, cost)
        accounts = lot.product_id.product_tmpl_id.get_product_accounts()
        # Where the serial's value cannot take it (FIFO, or a standard cost
        # not valued per lot), the refurbishment is an expense.
        stock_account = accounts.get("stock_valuation") if valued else accounts["expense"]
        labour_account = self.company_id.tradein_refurb_labour_account_id or accounts["expense"]
        if not stock_account:
            return
        label = self.env._("Refurbishment %(name)s of %(serial)s", name=self.name, serial=lot.name)
        lines = [
            fields.Command.create({"name": label, "account_id": stock_account.id, "debit": cost})
        ]
        if self.refurb_labour_cost:
            lines.append(
                fields.Command.create(
                    {
                        "name": self.env._("Labour, %(hours)s h", hours=self.refurb_labour_hours),
                        "account_id": labour_account.id,
                        "credit": self.refurb_labour_cost,
                    }
                )
            )
        for account, amount in self._refurb_parts_by_account().items():
            lines.append(
                fields.Command.create(
                    {"name": self.env._("Parts"), "account_id": account.id, "credit": amount}
                )
            )
        journal = self.company_id._tradein_general_journal()
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "ref": label,
                "company_id": self.company_id.id,
                "line_ids": lines,
            }
        )
        entry.action_post()
        self.refurb_cost_move_id = entry

    def _refurb_parts_by_account(self):
        """{account: cost} of the parts the refurbishment used, by the account
        their value leaves (stock valuation, or expense)."""
        parts_accounts = {}
        for move in self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state == "done"
        ):
            part_accounts = move.product_id.product_tmpl_id.get_product_accounts()
            account = part_accounts.get("stock_valuation") or part_accounts["expense"]
            parts_accounts[account] = parts_accounts.get(account, 0.0) + move._refurb_part_cost()
        return parts_accounts

    def _refurb_add_value(self, lot, cost):
        """Raise the stock value of the serial by `cost` (company currency);
        whether it could.

        Valued per lot: the serial's own cost. Otherwise (Odoo's default) the
        product's average cost takes it, so the product's stock value moves by
        exactly `cost` and the serial's sale posts it as cost of goods sold.
        """
        # The value and quantity of this company only, whatever companies the
        # user has selected.
        # sudo: the refurbishment's own valuation, for a technician who may
        # not edit products (the cost is the posted entry's, nothing else).
        product = (
            lot.product_id.sudo()
            .with_company(self.company_id)
            .with_context(allowed_company_ids=self.company_id.ids)
        )
        lot = lot.sudo()
        if product.cost_method not in ("average", "standard"):
            return False
        if product.lot_valuated:
            quantity = lot.product_qty or 1.0
            lot.standard_price = lot.standard_price + cost / quantity
            return True
        if product.cost_method == "average" and product.qty_available > 0:
            product.standard_price = (product.total_value + cost) / product.qty_available
            return True
        return False
