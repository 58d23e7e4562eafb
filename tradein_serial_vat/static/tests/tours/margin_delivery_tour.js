import { registry } from "@web/core/registry";
import { invoiceAndPost } from "@tradein_serial/../tests/tours/tour_steps";

// A sales order of a used phone that names no serial: the serial is picked at
// delivery, as Odoo does by default, and the invoice sells it under the
// margin scheme.
registry.category("web_tour.tours").add("tradein_margin_delivery_tour", {
    steps: () => [
        {
            content: "It is a sales order",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
        },
        {
            content: "The customer was quoted the price with VAT",
            trigger: ".o_field_widget[name=tax_totals]:contains('805.00')",
        },
        {
            content: "Open the delivery",
            trigger: "button[name=action_view_delivery]",
            run: "click",
        },
        {
            content: "The serial on the shelf is reserved",
            trigger: ".o_field_widget[name=move_ids] .o_data_row:contains('Tour Delivery Phone')",
        },
        {
            content: "Validate the delivery",
            trigger: ".o_form_view button[name=button_validate]",
            run: "click",
        },
        {
            content: "The delivery is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "The line now names the serial delivered",
            trigger: "div[name=order_line] .o_data_row:contains('TOUR-PICK-1')",
        },
        ...invoiceAndPost(),
        {
            content: "The customer pays what was quoted",
            trigger: ".o_field_widget[name=tax_totals]:contains('805.00')",
        },
    ],
});
