import { registry } from "@web/core/registry";
import { addItemOf, pickSeller, payOutAsStoreCredit } from "@tradein_serial/../tests/tours/tour_steps";

registry.category("web_tour.tours").add("tradein_customer_purchase_tour", {
    steps: () => [
        {
            content: "New customer purchase",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickSeller("Tour Seller"),
        ...addItemOf("Tour Phone"),
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
        ...payOutAsStoreCredit(),
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
