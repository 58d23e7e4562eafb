import { registry } from "@web/core/registry";

function setStage(stage) {
    return [
        {
            content: `Move the refurbishment to ${stage}`,
            trigger: ".o_field_widget[name=refurb_stage_id] input",
            run: `edit ${stage}`,
        },
        {
            content: `Select ${stage}`,
            trigger: `.ui-menu-item > a:contains('${stage}')`,
            run: "click",
        },
        {
            content: "Save the stage",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: `The refurbishment is at ${stage}`,
            trigger: `.o_form_saved .o_field_widget[name=refurb_stage_id] input:value('${stage}')`,
        },
    ];
}

// A used serial in stock: refurbishment opened from its form, worked on
// through the stages with a part and labour, then released to sellable stock.
registry.category("web_tour.tours").add("tradein_refurb_tour", {
    steps: () => [
        {
            content: "Start a refurbishment of the serial",
            trigger: "button[name=action_start_refurb]",
            run: "click",
        },
        {
            content: "What must be fixed",
            trigger: ".modal .o_field_widget[name=issue] textarea",
            run: "edit Cracked screen",
        },
        {
            content: "Send it to refurbishment",
            trigger: ".modal button[name=action_send_to_refurb]",
            run: "click",
        },
        {
            content: "The refurbishment opens",
            trigger: ".o_form_view .o_field_widget[name=refurb_issue] textarea:value('Cracked screen')",
        },
        ...setStage("In Progress"),
        {
            content: "Parts",
            trigger: ".o_notebook_headers a[name=parts]",
            run: "click",
        },
        {
            content: "Add a part",
            trigger: "div[name=move_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The part",
            trigger: "div[name=move_ids] .o_selected_row .o_field_widget[name=product_id] input",
            run: "edit Tour Screen",
        },
        {
            content: "Select the part",
            trigger: ".ui-menu-item > a:contains('Tour Screen')",
            run: "click",
        },
        {
            content: "Back to the refurbishment tab",
            trigger: ".o_notebook_headers a[name=refurb]",
            run: "click",
        },
        {
            content: "Labour: an hour and a half",
            trigger: ".o_field_widget[name=refurb_labour_hours] input",
            run: "edit 01:30",
        },
        {
            content: "Grade",
            trigger: ".o_field_widget[name=refurb_grade] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Grade A",
            trigger: ".o_select_menu_item:contains('A - as new')",
            run: "click",
        },
        {
            content: "Retail price",
            trigger: ".o_field_widget[name=refurb_retail_price] input",
            run: "edit 199",
        },
        {
            content: "Save the work",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Parts and labour are costed",
            trigger: ".o_form_saved .o_field_widget[name=refurb_cost]:contains('90.00')",
        },
        ...setStage("Quality Check"),
        {
            content: "Refurb Done",
            trigger: "button[name=action_refurb_done]",
            run: "click",
        },
        {
            content: "The refurbishment is done: its own status bar says so",
            trigger:
                ".o_field_widget[name=refurb_status_id] .o_arrow_button_current:contains('Done')",
        },
        {
            content: "It is in the Done stage",
            trigger:
                ".o_field_widget[name=refurb_stage_id]:has(input:value('Done')), .o_field_widget[name=refurb_stage_id]:contains('Done')",
        },
    ],
});
