import { registry } from "@web/core/registry";

// A quotation for a product bought on order, confirmed, and a deposit taken
// and paid into the till: the shop lands on the deposit invoice.
registry.category("web_tour.tours").add("tradein_deposit_tour", {
    steps: () => [
        {
            content: "Pick the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Deposit Buyer",
        },
        {
            content: "Select the customer",
            trigger: ".ui-menu-item > a:contains('Tour Deposit Buyer')",
            run: "click",
        },
        {
            content: "Add what the customer orders",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a:contains('Add a product')",
            run: "click",
        },
        {
            content: "The product, bought on order",
            trigger: "div[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input",
            run: "edit Tour Camera",
        },
        {
            content: "Select the product",
            trigger: ".ui-menu-item > a:contains('Tour Camera')",
            run: "click",
        },
        {
            content: "Its price is set",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=price_unit] input:value(1,000.00)",
        },
        {
            content: "Save the quotation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The total is the price",
            trigger: ".o_form_saved .o_field_widget[name=tax_totals]:contains('1,000.00')",
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
            content: "Take a deposit",
            trigger: "button[name=action_tradein_take_deposit]",
            run: "click",
        },
        {
            content: "The deposit: an amount",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 300",
        },
        {
            content: "Paid into the till",
            trigger: ".modal .o_field_widget[name=journal_id] input",
            run: "edit Tour Till",
        },
        {
            content: "Select the till",
            trigger: ".ui-menu-item > a:contains('Tour Till')",
            run: "click",
        },
        {
            content: "Take the deposit",
            trigger: ".modal button[name=action_take_deposit]",
            run: "click",
        },
        {
            content: "The deposit invoice is posted",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
        {
            content: "It is the deposit amount",
            trigger: ".o_field_widget[name=tax_totals]:contains('300.00')",
        },
        {
            content: "And it is paid",
            trigger: ".o_form_view .ribbon:contains('Paid')",
        },
    ],
});
