import { registry } from "@web/core/registry";
import { addProductSold, invoiceAndPost } from "@tradein_serial/../tests/tours/tour_steps";

// A quotation with a trade-in, confirmed (the trade-in is received), delivered
// and invoiced, as a shop assistant does it.
registry.category("web_tour.tours").add("tradein_sale_tour", {
    steps: () => [
        {
            content: "Pick the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Buyer",
        },
        {
            content: "Select the customer",
            trigger: ".ui-menu-item > a:contains('Tour Buyer')",
            run: "click",
        },
        ...addProductSold("Tour New Phone"),
        {
            content: "Its price is set",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=price_unit] input:value(300.00)",
        },
        {
            content: "Add a trade-in",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a:contains('Add a trade-in')",
            run: "click",
        },
        {
            content: "The new line is a trade-in: it asks for the allowance",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=tradein_allowance]",
        },
        {
            content: "The item handed in",
            trigger: "div[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input",
            run: "edit Tour Old Phone",
        },
        {
            content: "Select the item handed in",
            trigger: ".ui-menu-item > a:contains('Tour Old Phone')",
            run: "click",
        },
        {
            content: "Its serial",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=tradein_serial_name] input",
            run: "edit TOUR-OLD-1",
        },
        {
            content: "The allowance proposed is the product's trade-in price: keep it",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=tradein_allowance] input:value(40.00)",
        },
        {
            content: "The line credits the customer: minus the allowance",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=price_unit]:not(:has(input)):contains(-40.00)",
        },
        {
            content: "Save the quotation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The trade-in line is saved with its serial",
            trigger: "div[name=order_line] .o_data_row:contains('Tour Old Phone'):contains('TOUR-OLD-1')",
        },
        {
            content: "Unit Price and Amount stay on screen beside the trade-in columns",
            trigger: "div[name=order_line] th[data-name=price_subtotal]",
            run() {
                const list = this.anchor.closest(".o_list_renderer").getBoundingClientRect();
                const table = this.anchor.closest("table");
                for (const name of ["price_unit", "price_subtotal"]) {
                    const { right } = table.querySelector(`th[data-name=${name}]`).getBoundingClientRect();
                    if (right > Math.min(list.right, window.innerWidth)) {
                        throw new Error(`The ${name} column is off-screen at ${right}px`);
                    }
                }
            },
        },
        {
            content: "The total is the price with its tax, less the allowance",
            trigger: ".o_field_widget[name=tax_totals]:contains('305.00')",
        },
        {
            content: "Confirm",
            trigger: ".o_form_saved button[name=action_confirm]",
            run: "click",
        },
        {
            content: "It is a sales order",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
        },
        {
            content: "The trade-in was taken in",
            trigger: "button[name=action_view_tradein_purchases]:contains('Trade-ins')",
        },
        {
            content: "Open the delivery",
            trigger: "button[name=action_view_delivery]",
            run: "click",
        },
        {
            content: "The serial sold is reserved",
            trigger: ".o_field_widget[name=move_ids] .o_data_row:contains('Tour New Phone')",
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
        ...invoiceAndPost(),
        {
            content: "The invoice shows the net amount",
            trigger: ".o_field_widget[name=tax_totals]:contains('305.00')",
        },
    ],
});
