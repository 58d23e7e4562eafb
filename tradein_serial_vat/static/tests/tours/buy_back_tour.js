import { registry } from "@web/core/registry";
import { addItemOf, payOutAsStoreCredit, pickSeller } from "@tradein_serial/../tests/tours/tour_steps";

// A serial bought from Pat and sold comes back through another seller, Sam:
// the second purchase is a new acquisition; the first keeps its seller, price
// and sale.
registry.category("web_tour.tours").add("tradein_buy_back_tour", {
    steps: () => [
        {
            content: "New customer purchase",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickSeller("Tour Sam"),
        ...addItemOf("Tour Round Phone"),
        {
            content: "The serial is known: look it up",
            trigger: ".modal .o_field_widget[name=tradein_lot_id] input",
            run: "edit TOUR-ROUND",
        },
        {
            content: "It is at a customer",
            trigger: ".ui-menu-item > a:contains('TOUR-ROUND-1 (Tour Round Phone, at a customer')",
            run: "click",
        },
        {
            content: "Its last owner is the customer it was sold to",
            trigger: ".modal .o_field_widget[name=tradein_last_owner_id]:contains('Tour Round Buyer')",
        },
        {
            content: "Item: the price offered",
            trigger: ".modal .o_field_widget[name=price_unit] input",
            run: "edit 250",
        },
        {
            content: "Save the item",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the purchase",
            trigger: ".o_form_view:not(:has(.modal)) .o_form_button_save",
            run: "click",
        },
        ...payOutAsStoreCredit(),
        {
            content: "Add the item to inventory",
            trigger:
                "div[name=order_line] .o_data_row:contains('TOUR-ROUND-1') button[name=action_tradein_add_to_inventory]",
            run: "click",
        },
        {
            content: "Every item is in stock: the purchase is completed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Completed')",
        },
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Invoicing",
            trigger: '.o_app[data-menu-xmlid="account.menu_finance"]',
            run: "click",
        },
        {
            content: "Reporting",
            trigger: 'button[data-menu-xmlid="account.menu_finance_reports"]',
            run: "click",
        },
        {
            content: "Margin Scheme Acquisitions",
            trigger: 'a[data-menu-xmlid="tradein_serial_vat.menu_margin_acquisitions"]',
            run: "click",
        },
        {
            content: "The first acquisition is still Pat's, at 300",
            trigger:
                ".o_list_view .o_data_row:contains('TOUR-ROUND-1'):contains('Tour Pat'):contains('300.00')",
        },
        {
            content: "The second acquisition: from Sam, at 250; open it",
            trigger:
                ".o_list_view .o_data_row:contains('TOUR-ROUND-1'):contains('Tour Sam'):contains('250.00') td[name=seller_id]",
            run: "click",
        },
        {
            content: "Sam's acquisition is not sold yet",
            trigger:
                ".o_form_view:has(.o_field_widget[name=seller_id]:contains('Tour Sam')) div[name=invoice_line_ids]:not(:has(.o_data_row))",
        },
        {
            content: "Back to the acquisitions",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "Open Pat's acquisition",
            trigger:
                ".o_list_view .o_data_row:contains('TOUR-ROUND-1'):contains('Tour Pat') td[name=seller_id]",
            run: "click",
        },
        {
            content: "Pat's acquisition keeps its seller, price and document",
            trigger:
                ".o_form_view .o_field_widget[name=seller_id]:contains('Tour Pat')",
        },
        {
            content: "and the sale it ended with",
            trigger: ".o_form_view div[name=invoice_line_ids] .o_data_row:contains('Tour Round Buyer')",
        },
    ],
});
