// Steps the customer purchase tours share (pick the seller, an item's
// product, pay out as store credit), written once.

export function pickSeller(name) {
    return [
        {
            content: "Pick the seller",
            trigger: ".o_field_widget[name=partner_id] input",
            run: `edit ${name}`,
        },
        {
            content: "Select the seller",
            trigger: `.ui-menu-item > a:contains('${name}')`,
            run: "click",
        },
    ];
}

export function addItemOf(product) {
    return [
        {
            content: "Add an item",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Item: the product",
            trigger: ".modal .o_field_widget[name=product_id] input",
            run: `edit ${product}`,
        },
        {
            content: "Select the product",
            trigger: `.ui-menu-item > a:contains('${product}')`,
            run: "click",
        },
    ];
}

export function payOutAsStoreCredit() {
    return [
        {
            content: "Pay out",
            trigger: ".o_form_saved button[name=action_tradein_payout]",
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
    ];
}

// Steps of a sale (the sales order form).

export function addProductSold(product) {
    return [
        {
            content: "Add what the customer buys",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a:contains('Add a product')",
            run: "click",
        },
        {
            content: "The product sold",
            trigger: "div[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input",
            run: `edit ${product}`,
        },
        {
            content: "Select the product sold",
            trigger: `.ui-menu-item > a:contains('${product}')`,
            run: "click",
        },
    ];
}

export function invoiceAndPost() {
    return [
        {
            content: "Create the invoice",
            trigger: "button[id=create_invoice]",
            run: "click",
        },
        {
            content: "Create the draft invoice",
            trigger: ".modal button[id=create_invoice_open]",
            run: "click",
        },
        {
            content: "The invoice is a draft",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Draft')",
        },
        {
            content: "Post the invoice",
            trigger: "button[name=action_post]",
            run: "click",
        },
        {
            content: "The invoice is posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
    ];
}

// The return of a serial from its form, up to its reason.
export function returnFromTheSerialForm() {
    return [
        {
            content: "Back to the serial",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "The customer brings it back",
            trigger: ".o_form_view button[name=action_tradein_return]",
            run: "click",
        },
    ];
}
