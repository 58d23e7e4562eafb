import { registry } from "@web/core/registry";
import { addProductSold } from "@tradein_serial/../tests/tours/tour_steps";

// A quotation with a trade-in for a customer whose identification the shop
// does not have yet: Confirm asks for it on the spot, warns when the number
// belongs to another contact, then confirms.
registry.category("web_tour.tours").add("tradein_seller_id_tour", {
    steps: () => [
        {
            content: "Pick the customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour New Customer",
        },
        {
            content: "Select the customer",
            trigger: ".ui-menu-item > a:contains('Tour New Customer')",
            run: "click",
        },
        ...addProductSold("Tour ID New Phone"),
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
            content: "The item handed in",
            trigger: "div[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input",
            run: "edit Tour ID Old Phone",
        },
        {
            content: "Select the item handed in",
            trigger: ".ui-menu-item > a:contains('Tour ID Old Phone')",
            run: "click",
        },
        {
            content: "Its serial",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=tradein_serial_name] input",
            run: "edit TOUR-ID-OLD-1",
        },
        {
            content: "The allowance proposed: keep it",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=tradein_allowance] input:value(40.00)",
        },
        {
            content: "Confirm (the quotation is saved first)",
            trigger: "button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The customer's identification is asked for here",
            trigger: ".modal .modal-title:contains('Identify Tour New Customer')",
        },
        {
            content: "For this customer",
            trigger: ".modal .o_field_widget[name=partner_id]:contains('Tour New Customer')",
        },
        {
            content: "The document shown",
            trigger: ".modal .o_field_widget[name=id_type] input",
            run: "click",
        },
        {
            content: "A passport",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('Passport')",
            run: "click",
        },
        {
            content: "Its number, mistyped: another contact's",
            trigger: ".modal .o_field_widget[name=id_number] input",
            run: "edit P-TAKEN-1",
        },
        {
            content: "The birth date",
            trigger: ".modal .o_field_widget[name=birthdate] input",
            run: "edit 03/15/1985",
        },
        {
            content: "Warned: the number belongs to another contact",
            trigger:
                ".modal .alert-warning:contains('ID number P-TAKEN-1 already belongs to Tour Other Person')",
        },
        {
            content: "The right number, read again from the passport",
            trigger: ".modal .o_field_widget[name=id_number] input",
            run: "edit P-NEW-7 && press Tab",
        },
        {
            content: "No warning any more",
            trigger:
                ".modal:not(:has(.alert-warning:visible)) .o_field_widget[name=id_number] input:value(P-NEW-7)",
        },
        {
            content: "Save and Confirm",
            trigger: ".modal button[name=action_save]:contains('Save and Confirm')",
            run: "click",
        },
        {
            content: "It is a sales order",
            trigger:
                ".o_form_view:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
        },
        {
            content: "The trade-in was taken in",
            trigger: "button[name=action_view_tradein_purchases]:contains('Trade-ins')",
        },
    ],
});
