import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("territoire_industrie_open_app", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Territories app",
            trigger: ".o_app[data-menu-xmlid='territoire_industrie.territoire_industrie_menu_root']",
            run: "click",
        },
        {
            content: "The partner organisations are listed",
            trigger: ".o_kanban_record:contains('Communauté de communes du Val de Morteau')",
        },
    ],
});
