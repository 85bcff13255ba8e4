import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("accompagnement_entreprise_subsidy", {
    steps: () => [
        {
            content: "Open the notified Dév'com+ subsidy",
            trigger: ".o_data_row td:contains('Boulangerie Tour Ternois')",
            run: "click",
        },
        {
            content: "The amount granted is written in French words",
            trigger: ".o_field_widget[name=amount_granted_words]:contains('mille deux cents euros')",
        },
        {
            content: "Commit it on the Pays du Ternois envelope",
            trigger: ".o_form_statusbar button[name=action_commit]",
            run: "click",
        },
        {
            content: "The subsidy is committed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Committed')",
        },
        {
            content: "Print the convention",
            trigger: ".o_form_statusbar button[name=action_print_convention]",
            run: "click",
        },
        {
            content: "Register the advance",
            trigger: ".o_form_statusbar button[name=action_register_payment]",
            run: "click",
        },
        {
            content: "Pay 480 in advance",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 480",
        },
        {
            content: "Save the payment",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The advance is paid",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Advance Paid')",
        },
        {
            content: "The audit report is received: service done",
            trigger: ".o_form_statusbar button[name=action_service_done]",
            run: "click",
        },
        {
            content: "The service is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Service Done')",
        },
        {
            content: "Register the balance",
            trigger: ".o_form_statusbar button[name=action_register_payment]",
            run: "click",
        },
        {
            content: "The balance is proposed",
            trigger: ".modal .o_field_widget[name=payment_type] select",
        },
        {
            content: "Save the balance",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The subsidy is closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Closed')",
        },
        {
            content: "The de minimis total counts the aid",
            trigger: ".o_field_widget[name=deminimis_total]:contains('200')",
        },
        {
            content: "Open the envelope",
            trigger: ".o_field_widget[name=envelope_id] a",
            run: "click",
        },
        {
            content: "The envelope shows what was paid",
            trigger: ".o_field_widget[name=amount_paid]:contains('200')",
        },
        {
            content: "and what is left",
            trigger: ".o_field_widget[name=amount_remaining]:contains('800')",
        },
    ],
});
