from odoo import models
from odoo.addons.mail.tools.discuss import Store


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _to_store_defaults(self, target):
        # The chatter lists the files of a message with their names and
        # checksums: a customer purchase's ID photos only to Seller identity.
        fields = super()._to_store_defaults(target)
        if self.env["ir.attachment"]._tradein_sees_seller_files():
            return fields
        for field in fields:
            if isinstance(field, Store.Many) and field.field_name == "attachment_ids":
                field.value = lambda message: message._tradein_visible_attachments()
        return fields

    def _tradein_visible_attachments(self):
        self.ensure_one()
        # sudo: mail.message - reading attachments on accessible message is
        # allowed (as Odoo's own store does); those of a customer purchase
        # are then dropped.
        attachments = self.sudo().attachment_ids
        if self.model == "purchase.order" and self.res_id:
            # sudo: whether a purchase is a customer purchase is no secret.
            purchase = self.env["purchase.order"].sudo().browse(self.res_id).exists()
            if purchase.is_customer_purchase:
                return attachments.browse()
        return attachments
