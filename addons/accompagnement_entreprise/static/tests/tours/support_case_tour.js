import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("accompagnement_entreprise_support_case", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Company Support app",
            trigger: ".o_app[data-menu-xmlid='accompagnement_entreprise.accompagnement_entreprise_menu_root']",
            run: "click",
        },
        {
            content: "Open the Support menu",
            trigger: ".o_menu_sections [data-menu-xmlid='accompagnement_entreprise.accompagnement_entreprise_menu_cases']",
            run: "click",
        },
        {
            content: "Open the support cases",
            trigger: ".dropdown-item[data-menu-xmlid='accompagnement_entreprise.accompagnement_entreprise_menu_case']",
            run: "click",
        },
        {
            content: "Create a case",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the case",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Reprise de la boulangerie du Tour",
        },
        {
            content: "Choose the company",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Boulangerie du Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('Boulangerie du Tour')",
            run: "click",
        },
        {
            content: "Choose the programme",
            trigger: ".o_field_widget[name=programme_id] input",
            run: "edit Business Transfer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('Business Transfer')",
            run: "click",
        },
        {
            content: "Save the case",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Take it in charge",
            trigger: ".o_form_saved button[name=action_take_in_charge]",
            run: "click",
        },
        {
            content: "The case is in its programme's first stage",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('First Contact')",
        },
        {
            content: "Move it to the valuation",
            trigger: ".o_statusbar_status button:contains('Valuation')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Valuation')",
        },
        {
            content: "Close it",
            trigger: ".o_form_saved button[name=action_open_close_wizard]:contains('Close')",
            run: "click",
        },
        {
            content: "Give the closing reason",
            trigger: ".modal .o_field_widget[name=closing_reason] select",
            run: 'select "done"',
        },
        {
            content: "Note what was done",
            trigger: ".modal .o_field_widget[name=closing_note] textarea",
            run: "edit Repreneur trouvé, cession signée.",
        },
        {
            content: "The company was called",
            trigger: ".modal .o_field_widget[name=satisfaction_contacted] input",
            run: "click",
        },
        {
            content: "It found the support useful",
            trigger: ".modal .o_field_widget[name=satisfaction_useful] select",
            run: 'select "yes"',
        },
        {
            content: "Confirm the closing",
            trigger: ".modal button[name=action_close]:contains('Close the Cases')",
            run: "click",
        },
        {
            content: "The case is closed",
            trigger: ".o_form_view:not(:has(.modal)) .ribbon:contains('Closed')",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Closed')",
        },
    ],
});
