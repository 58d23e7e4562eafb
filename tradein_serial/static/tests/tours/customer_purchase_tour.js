import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tradein_customer_purchase_tour", {
    steps: () => [
        {
            content: "New customer purchase",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Pick the seller",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Seller",
        },
        {
            content: "Select the seller",
            trigger: ".ui-menu-item > a:contains('Tour Seller')",
            run: "click",
        },
        {
            content: "Add an item",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Item: the product",
            trigger: ".modal .o_field_widget[name=product_id] input",
            run: "edit Tour Phone",
        },
        {
            content: "Select the product",
            trigger: ".ui-menu-item > a:contains('Tour Phone')",
            run: "click",
        },
        {
            content: "Item: its serial",
            trigger: ".modal .o_field_widget[name=tradein_serial_name] input",
            run: "edit TOUR-SN-1",
        },
        {
            content: "Item: the price offered",
            trigger: ".modal .o_field_widget[name=price_unit] input",
            run: "edit 45",
        },
        {
            content: "Save the item",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The item is listed",
            trigger: "div[name=order_line] .o_data_row:contains('TOUR-SN-1')",
        },
        {
            content: "Save the purchase",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "A member of the public charges no VAT: the total is the price offered",
            trigger: ".o_field_widget[name=amount_total]:contains('45.00')",
        },
        {
            content: "No taxes",
            trigger: ".o_field_widget[name=amount_tax]:contains('0.00')",
        },
        {
            content: "It is an estimate",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Estimate')",
        },
        {
            content: "Pay out",
            trigger: "button[name=action_tradein_payout]",
            run: "click",
        },
        {
            content: "As store credit",
            trigger: ".modal .o_field_widget[name=method] input[data-value=store_credit]",
            run: "click",
        },
        {
            content: "Record the payment",
            trigger: ".modal button[name=action_record_payment]",
            run: "click",
        },
        {
            content: "It is paid",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Paid')",
        },
        {
            content: "After pay-out the item's actions are on screen, not scrolled off",
            trigger:
                "div[name=order_line] .o_data_row:contains('TOUR-SN-1') button[name=action_tradein_add_to_inventory]",
            run() {
                const list = this.anchor.closest(".o_list_renderer").getBoundingClientRect();
                for (const button of this.anchor.closest(".o_data_row").querySelectorAll("button")) {
                    const { right } = button.getBoundingClientRect();
                    if (right > Math.min(list.right, window.innerWidth)) {
                        throw new Error(`${button.textContent.trim()} is off-screen at ${right}px`);
                    }
                }
            },
        },
        {
            content: "Add the item to inventory",
            trigger:
                "div[name=order_line] .o_data_row:contains('TOUR-SN-1') button[name=action_tradein_add_to_inventory]",
            run: "click",
        },
        {
            content: "The item is in inventory",
            trigger:
                "div[name=order_line] .o_data_row:contains('TOUR-SN-1') .o_field_widget[name=tradein_state]:contains('Added to Inventory')",
        },
        {
            content: "Every item is in stock: the purchase is completed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Completed')",
        },
    ],
});
