import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("territoire_industrie_convention", {
    url: "/odoo/action-territoire_industrie.territory_convention_action",
    steps: () => [
        {
            content: "Open the convention",
            trigger: ".o_data_row td:contains('Tour convention 2024-2026')",
            run: "click",
        },
        {
            content: "The action plan lists the action",
            trigger: ".o_field_widget[name=action_ids] .o_data_row:contains('HR club')",
        },
        {
            content: "The funding total is shown",
            trigger: ".o_field_widget[name=funding_total]:contains('12')",
        },
        {
            content: "Open the actions of the convention",
            trigger: "button[name=action_view_actions]",
            run: "click",
        },
        {
            content: "The kanban shows every status, empty ones included",
            trigger: ".o_kanban_group:contains('Abandoned')",
        },
        {
            content: "The action card sits in its status column",
            trigger: ".o_kanban_group:contains('Committed') .o_kanban_record:contains('HR club')",
            run: "click",
        },
        {
            content: "Open the funding tab of the action",
            trigger: ".o_notebook .nav-link[name=funding]",
            run: "click",
        },
        {
            content: "The action form shows its funding lines",
            trigger: ".o_field_widget[name=funding_line_ids] .o_data_row:contains('Région Bourgogne-Franche-Comté')",
        },
    ],
});
