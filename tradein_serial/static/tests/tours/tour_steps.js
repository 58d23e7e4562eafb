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
