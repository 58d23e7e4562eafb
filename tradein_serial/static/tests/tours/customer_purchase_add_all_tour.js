import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tradein_customer_purchase_add_all_tour", {
    steps: () => [
        {
            content: "A paid-out purchase of two items: Add All to Inventory is offered",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Paid')",
        },
        {
            content: "Add every ready item to inventory at once",
            trigger: "button[name=action_tradein_add_all_to_inventory]",
            run: "click",
        },
        {
            content: "The first item is in inventory",
            trigger:
                "div[name=order_line] .o_data_row:contains('ALL-TOUR-1') .o_field_widget[name=tradein_state]:contains('Added to Inventory')",
        },
        {
            content: "The second item is in inventory",
            trigger:
                "div[name=order_line] .o_data_row:contains('ALL-TOUR-2') .o_field_widget[name=tradein_state]:contains('Added to Inventory')",
        },
        {
            content: "Every item is in stock: the purchase is completed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Completed')",
        },
        {
            content: "Nothing is left to add: the button is gone",
            trigger: "body:not(:has(button[name=action_tradein_add_all_to_inventory]))",
        },
        {
            content: "One note names what was received",
            trigger: ".o-mail-Message:contains('Added to inventory'):contains('ALL-TOUR-1'):contains('ALL-TOUR-2')",
        },
    ],
});
