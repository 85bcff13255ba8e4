/**
 * One short tour per picture of docs/images/: each opens or works a screen as its user
 * would, and ends once the screen shows its data. tests/test_screenshots.py opens the
 * screen, runs the tour, then captures the page.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
// Nothing loading any more: no spinner, no blocked UI.
const SETTLED = "body:not(:has(.o_loading_indicator, .o_blockUI, .o-main-components-container .o_loading))";

function shot(name, steps) {
    tours.add(`suite_screenshot_${name}`, {
        steps: () => [...steps, { content: "The screen has settled", trigger: SETTLED }],
    });
}

shot("advisor_reminders", [
    { content: "Cases waiting for a reminder", trigger: ".o_list_view .o_data_row" },
]);

shot("advisor_case_kanban", [
    { content: "Kanban view", trigger: "button.o_switch_view.o_kanban", run: "click" },
    { content: "The advisor's cases by stage", trigger: ".o_kanban_view .o_kanban_record" },
]);

shot("advisor_visit_needs", [
    { content: "The needs seen during the visit", trigger: ".o_field_widget[name=need_line_ids] .o_data_row" },
    {
        content: "Open a case from the need that has none yet",
        trigger: ".o_field_widget[name=need_line_ids] button[name=action_open_case]:has(.fa-folder-open)",
        run: "click",
    },
    { content: "The case opened from the need", trigger: ".o_form_view .o_field_widget[name=need_ids]" },
    { content: "Back to the visit", trigger: ".o_breadcrumb li.o_back_button", run: "click" },
    {
        content: "Every need now links to its case",
        trigger: ".o_field_widget[name=need_line_ids]:has(.o_data_row):not(:has(.fa-folder-open))",
    },
]);

shot("observatory_analysis", [
    { content: "Graph view", trigger: "button.o_switch_view.o_graph", run: "click" },
    { content: "Establishments by EPCI", trigger: ".o_graph_renderer canvas" },
]);

shot("observatory_coverage", [
    { content: "Coverage of every EPCI", trigger: ".modal button[name=action_compute]", run: "click" },
    { content: "Establishments met and not met", trigger: ".o_pivot, .o_list_view .o_data_row" },
]);

shot("convention_action_plan", [
    { content: "The convention's action plan", trigger: "button[name=action_view_actions]", run: "click" },
    { content: "Fiches-actions by status", trigger: ".o_kanban_view .o_kanban_record" },
]);

shot("convention_indicators", [
    { content: "Indicators tab", trigger: ".o_notebook a[name=indicators]", run: "click" },
    { content: "Indicators with their targets", trigger: ".o_notebook .tab-pane.active .o_data_row" },
    {
        content: "Bring the indicators into view",
        trigger: ".o_notebook",
        run: () => document.querySelector(".o_notebook").scrollIntoView({ block: "start" }),
    },
]);

shot("subsidy_form", [
    { content: "A subsidy from request to balance", trigger: ".o_form_view .o_field_widget[name=amount_granted]" },
]);

shot("subsidy_cofinancing", [
    { content: "The audit's tab", trigger: ".o_notebook a[name=audit]", run: "click" },
    { content: "The co-financing split", trigger: ".o_field_widget[name=cofinancing_line_ids] .o_data_row" },
    {
        content: "Bring the split into view",
        trigger: ".o_notebook",
        run: () => document.querySelector(".o_notebook").scrollIntoView({ block: "start" }),
    },
]);

shot("desk_welcome", [
    {
        content: "Pick the forum of the day (not the one held two months ago)",
        trigger: ".o_forum_desk_pick:contains(emploi du Plateau)",
        run: "click",
    },
    { trigger: "input.o_forum_desk_scan", run: "edit 2025061800000017" },
    { trigger: ".o_forum_desk_scan_form button[type=submit]", run: "click" },
    { content: "Welcome", trigger: ".o_forum_desk_welcome" },
]);

shot("desk_already", [
    { content: "The same badge again", trigger: "input.o_forum_desk_scan", run: "edit 2025061800000017" },
    { trigger: ".o_forum_desk_scan_form button[type=submit]", run: "click" },
    { content: "Already checked in", trigger: ".o_forum_desk_already" },
]);

shot("desk_unknown", [
    { content: "A badge nobody knows", trigger: "input.o_forum_desk_scan", run: "edit 404" },
    { trigger: ".o_forum_desk_scan_form button[type=submit]", run: "click" },
    { content: "Unknown badge", trigger: ".o_forum_desk_unknown_badge" },
]);

shot("stand_screen", [
    { content: "The offer discussed", trigger: "select.o_forum_stand_offer", run: "selectByIndex 1" },
    { trigger: ".o_forum_stand_outcome_shortlisted", run: "click" },
    { trigger: "textarea.o_forum_stand_note", run: "edit Expérience en décolletage, disponible en janvier" },
    { content: "Scan the candidate's badge", trigger: "input.o_forum_stand_scan", run: "edit 2025061800000017" },
    { trigger: ".o_forum_stand_scan_form button[type=submit]", run: "click" },
    { content: "The interview is recorded", trigger: ".o_forum_stand_message" },
]);
