import { registry } from "@web/core/registry";

// A draft invoice of a used serial under the margin scheme: posted, then
// printed (the HTML preview of the invoice report).
registry.category("web_tour.tours").add("tradein_margin_invoice_tour", {
    steps: () => [
        {
            content: "The invoice sells the used serial",
            trigger: "div[name=invoice_line_ids] .o_data_row:contains('Tour Margin Phone')",
        },
        {
            content: "Confirm the invoice",
            trigger: "button[name=action_post]",
            run: "click",
        },
        {
            content: "The invoice is posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
        {
            content: "Print it",
            trigger: "button[name=action_print_pdf]",
            run: "click",
        },
        {
            content: "The printed invoice carries the margin-scheme mention",
            trigger: ":iframe p[name=tradein_margin_mention]:contains('Margin scheme')",
        },
        {
            content: "The printed invoice shows the serial's line",
            trigger: ":iframe .o_main_table:contains('Tour Margin Phone')",
        },
        {
            content: "Close the note that the preview is HTML",
            trigger: ".o_notification .o_notification_close",
            run: "click",
        },
        {
            content: "The note is closed",
            trigger: "body:not(:has(.o_notification))",
        },
        {
            content: "Show the lines, the total and the mention",
            trigger: ":iframe p[name=tradein_margin_mention]",
            run() {
                this.anchor.scrollIntoView({ block: "end" });
            },
        },
    ],
});
