import { registry } from "@web/core/registry";
import { returnFromTheSerialForm } from "@tradein_serial/../tests/tours/tour_steps";

// A serial counted into stock, sold with a charger on one invoice, then
// returned: its form says the same thing as its history, shows one owner and
// the amounts of this serial, not of the whole documents.
registry.category("web_tour.tours").add("tradein_serial_form_tour", {
    steps: () => [
        {
            content: "The serial's form",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(TOUR-FORM-1)",
        },
        {
            content: "One owner: the customer it was sold to; core's Customer is not shown",
            trigger:
                ".o_form_view:not(:has(.o_field_widget[name=partner_ids])) .o_field_widget[name=tradein_owner_id] input:value(Tour Form Buyer)",
        },
        {
            content: "Acquired by an inventory adjustment, read-only",
            trigger:
                ".o_field_widget[name=acquisition_type].o_readonly_modifier:contains('Inventory adjustment')",
        },
        {
            content: "Show every smart button",
            trigger: ".o_form_view .o-form-buttonbox",
            run() {
                this.anchor.querySelector(".o_button_more")?.click();
            },
        },
        {
            content: "Open the history",
            trigger: "button[name=action_view_tradein_history]",
            run: "click",
        },
        {
            content: "The history says the same: an inventory adjustment",
            trigger: ".o_list_view .o_data_row:contains('Inventory adjustment')",
        },
        {
            content: "The invoice event shows what the invoice charged for this serial (172.50 of 184.00)",
            trigger:
                ".o_list_view .o_data_row:contains('Invoice'):contains('Tour Form Buyer'):contains('172.50'):not(:contains('184.00'))",
        },
        ...returnFromTheSerialForm(),
        {
            content: "The reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Wrong colour",
        },
        {
            content: "Return it",
            trigger: ".modal button[name=action_return]",
            run: "click",
        },
        {
            content: "The draft credit note",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Draft')",
        },
        {
            content: "It credits the serial only: 172.50",
            trigger: ".o_field_widget[name=tax_totals]:contains('172.50')",
        },
        {
            content: "Back to the serial",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "Nobody owns it now, and no other field says otherwise",
            trigger:
                ".o_form_view:not(:has(.o_field_widget[name=partner_ids])):not(:has(button[name=action_tradein_return])) .o_field_widget[name=tradein_owner_id] input:not(:value(Tour Form Buyer))",
        },
        {
            content: "Show every smart button again",
            trigger: ".o_form_view .o-form-buttonbox",
            run() {
                this.anchor.querySelector(".o_button_more")?.click();
            },
        },
        {
            content: "Open the history again",
            trigger: "button[name=action_view_tradein_history]",
            run: "click",
        },
        {
            content: "The credit note event: this serial's amount",
            trigger: ".o_list_view .o_data_row:contains('Credit note'):contains('172.50')",
        },
    ],
});
