import { registry } from "@web/core/registry";
import { returnFromTheSerialForm } from "@tradein_serial/../tests/tours/tour_steps";

// A serial bought from the public, sold and delivered: its form, its history,
// then the customer brings it back (Return).
registry.category("web_tour.tours").add("tradein_serial_life_tour", {
    steps: () => [
        {
            content: "The serial's form",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(TOUR-LIFE-1)",
        },
        {
            content: "It belongs to the customer it was delivered to",
            trigger: ".o_field_widget[name=tradein_owner_id] input:value(Tour Owner)",
        },
        {
            content: "Bought from the public",
            trigger: ".o_field_widget[name=acquisition_partner_id]:contains(Tour Public Seller)",
        },
        {
            // With the other add-ons the smart buttons do not all fit: the
            // history one is then under "More"; alone, it is shown.
            content: "Show every smart button",
            trigger: ".o_form_view .o-form-buttonbox",
            run() {
                this.anchor.querySelector(".o_button_more")?.click();
            },
        },
        {
            content: "Its history: purchase, delivery, invoice",
            trigger: "button[name=action_view_tradein_history] .o_stat_value:contains('3')",
        },
        {
            content: "Open the history",
            trigger: "button[name=action_view_tradein_history]",
            run: "click",
        },
        {
            content: "Bought from the public",
            trigger: ".o_list_view .o_data_row:contains('Customer purchase'):contains('Tour Public Seller')",
        },
        {
            content: "Delivered to the customer",
            trigger: ".o_list_view .o_data_row:contains('Delivery'):contains('Tour Owner')",
        },
        {
            content: "Invoiced to the customer",
            trigger: ".o_list_view .o_data_row:contains('Invoice'):contains('Tour Owner')",
        },
        ...returnFromTheSerialForm(),
        {
            content: "From its owner",
            trigger: ".modal .o_field_widget[name=partner_id]:contains('Tour Owner')",
        },
        {
            content: "The reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Screen cracked",
        },
        {
            content: "Return it",
            trigger: ".modal button[name=action_return]",
            run: "click",
        },
        {
            content: "The draft credit note of what its invoice charged",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Draft')",
        },
        {
            content: "It is for the customer",
            trigger: ".o_field_widget[name=partner_id] input:value(Tour Owner)",
        },
        {
            content: "Back to the serial",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "No customer owns it: it cannot be returned again",
            trigger: ".o_form_view:not(:has(button[name=action_tradein_return])) .o_field_widget[name=name] input:value(TOUR-LIFE-1)",
        },
        {
            content: "Show every smart button again",
            trigger: ".o_form_view .o-form-buttonbox",
            run() {
                this.anchor.querySelector(".o_button_more")?.click();
            },
        },
        {
            content: "The return and the credit note are in its history",
            trigger: "button[name=action_view_tradein_history] .o_stat_value:contains('5')",
        },
        {
            content: "Open the history again",
            trigger: "button[name=action_view_tradein_history]",
            run: "click",
        },
        {
            content: "The return, with its reason",
            trigger: ".o_list_view .o_data_row:contains('Return from customer'):contains('Screen cracked')",
        },
        {
            content: "The credit note",
            trigger: ".o_list_view .o_data_row:contains('Credit note'):contains('Tour Owner')",
        },
    ],
});
