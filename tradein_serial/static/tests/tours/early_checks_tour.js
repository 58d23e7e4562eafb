import { registry } from "@web/core/registry";
import { addItemOf, pickSeller } from "@tradein_serial/../tests/tours/tour_steps";

// A customer purchase typed in a hurry: an item without its serial, a serial
// already in our stock, the same serial twice. Each is refused when the
// purchase is saved, before anything is paid out; the Known Serial picker
// offers only the serials that may be bought, with what they are.
registry.category("web_tour.tours").add("tradein_early_checks_tour", {
    steps: () => [
        {
            content: "New customer purchase",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickSeller("Tour Check Seller"),
        ...addItemOf("Tour Check Phone"),
        {
            content: "Item: the price offered (the serial forgotten)",
            trigger: ".modal .o_field_widget[name=price_unit] input",
            run: "edit 20",
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
        {
            content: "Refused at once: the serial is missing",
            trigger: ".modal:contains('Enter the serial number of Tour Check Phone')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Open the item again",
            trigger: "div[name=order_line] .o_data_row:contains('Tour Check Phone') td[name=price_unit]",
            run: "click",
        },
        {
            content: "Look the serial up among the known serials",
            trigger: ".modal .o_field_widget[name=tradein_lot_id] input",
            run: "edit TOUR-CHECK",
        },
        {
            content:
                "Offered: the serial at a customer, with its product and condition; not the one in stock",
            trigger:
                ".o-autocomplete--dropdown-menu:not(:has(a:contains('TOUR-CHECK-IN'))) .ui-menu-item > a:contains('TOUR-CHECK-OUT (Tour Check Phone, at a customer, New)')",
            run: "click",
        },
        {
            content: "The item's last owner is shown",
            trigger: ".modal .o_field_widget[name=tradein_last_owner_id]:contains('Tour Check Owner')",
        },
        {
            content: "Save the item",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        ...addItemOf("Tour Check Phone"),
        {
            content: "Item: a serial that is in our stock already",
            trigger: ".modal .o_field_widget[name=tradein_serial_name] input",
            run: "edit TOUR-CHECK-IN",
        },
        {
            content: "Item: the price offered",
            trigger: ".modal .o_field_widget[name=price_unit] input",
            run: "edit 30",
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
        {
            content: "Refused: it is in our stock",
            trigger: ".modal:contains('Serial TOUR-CHECK-IN of Tour Check Phone is already in our stock')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Open the second item",
            trigger: "div[name=order_line] .o_data_row:contains('TOUR-CHECK-IN') td[name=price_unit]",
            run: "click",
        },
        {
            content: "Type the first item's serial instead",
            trigger: ".modal .o_field_widget[name=tradein_serial_name] input",
            run: "edit TOUR-CHECK-OUT",
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
        {
            content: "Refused: the same serial twice",
            trigger: ".modal:contains('Serial TOUR-CHECK-OUT is on'):contains('twice')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Remove the second item",
            trigger:
                "div[name=order_line] .o_data_row:contains('30.00') .o_list_record_remove",
            run: "click",
        },
        {
            content: "Save the purchase",
            trigger: ".o_form_view:not(:has(.modal)) .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its one item, an estimate ready to pay out",
            trigger:
                ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains('Estimate')",
        },
        {
            content: "One item: the serial at a customer, the second one removed",
            trigger:
                "div[name=order_line]:not(:has(.o_data_row:contains('30.00'))) .o_data_row:contains('TOUR-CHECK-OUT')",
        },
    ],
});
