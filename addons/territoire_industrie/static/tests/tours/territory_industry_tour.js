import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("territoire_industrie_territory_industry", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Territories app",
            trigger: ".o_app[data-menu-xmlid='territoire_industrie.territoire_industrie_menu_root']",
            run: "click",
        },
        {
            content: "Open the Territoires d'industrie menu",
            trigger: ".o_menu_sections a[data-menu-xmlid='territoire_industrie.territoire_industrie_menu_industry']",
            run: "click",
        },
        {
            content: "Open the tour territory",
            trigger: ".o_data_row td:contains('Tour Horloger')",
            run: "click",
        },
        {
            content: "Two EPCI in the current perimeter",
            trigger: "button[name='action_open_epcis'] .o_stat_value:contains('2')",
        },
        {
            content: "Open its communes",
            trigger: "button[name='action_open_communes']",
            run: "click",
        },
        {
            content: "The communes of both EPCI are listed",
            trigger: ".o_data_row td:contains('Le Russey')",
        },
        {
            content: "Morteau too",
            trigger: ".o_data_row td:contains('Morteau')",
        },
    ],
});
