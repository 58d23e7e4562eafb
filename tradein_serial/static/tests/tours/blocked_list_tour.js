import { registry } from "@web/core/registry";
import { addItemOf, pickSeller, payOutAsStoreCredit } from "@tradein_serial/../tests/tours/tour_steps";

registry.category("web_tour.tours").add("tradein_blocked_serial_tour", {
    steps: () => [
        {
            content: "New blocked serial",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The serial reported stolen, as the police wrote it",
            trigger: ".o_data_row .o_field_widget[name=name] input",
            run: "edit tour-stolen 1",
        },
        {
            content: "Who reported it",
            trigger: ".o_data_row .o_field_widget[name=source] input",
            run: "edit Police report 42",
        },
        {
            content: "Save the entry",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "It is on the list, reported stolen today",
            trigger: ".o_data_row:not(.o_selected_row):contains('tour-stolen 1'):contains('Reported stolen')",
        },
    ],
});

registry.category("web_tour.tours").add("tradein_blocked_offer_tour", {
    steps: () => [
        {
            content: "New customer purchase",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickSeller("Tour Seller"),
        ...addItemOf("Tour Phone"),
        {
            content: "Item: the serial, spelt another way",
            trigger: ".modal .o_field_widget[name=tradein_serial_name] input",
            run: "edit TOUR-STOLEN-1",
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
            content: "Save the purchase",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The red banner says why",
            trigger:
                ".alert-danger:contains('is on the blocked list'):contains('Police report 42'):contains('only a Trade-in Administrator')",
        },
        ...payOutAsStoreCredit(),
        {
            content: "It is paid, and the purchase says who bought it despite the list",
            trigger: ".o-mail-Message:contains('despite the blocked list')",
        },
        {
            content: "Paid",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Paid')",
        },
    ],
});
