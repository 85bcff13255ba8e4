import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("forum_emploi_stand_screen_tour", {
    steps: () => [
        {
            content: "The recruiter's only stand is open at once: pick the offer",
            trigger: "select.o_forum_stand_offer",
            run: "selectByLabel Tourneur",
        },
        {
            content: "Outcome: shortlisted",
            trigger: ".o_forum_stand_outcome_shortlisted",
            run: "click",
        },
        {
            trigger: "textarea.o_forum_stand_note",
            run: "edit Très motivée",
        },
        {
            content: "Scan the candidate's badge",
            trigger: "input.o_forum_stand_scan",
            run: "edit 5151515151515151",
        },
        {
            trigger: ".o_forum_stand_scan_form button[type=submit]",
            run: "click",
        },
        {
            trigger: ".o_forum_stand_message:contains('Camille Dupont')",
        },
        {
            content: "A badge of another event is refused with a clear message",
            trigger: "input.o_forum_stand_scan",
            run: "edit 6161616161616161",
        },
        {
            trigger: ".o_forum_stand_scan_form button[type=submit]",
            run: "click",
        },
        {
            trigger: ".o_forum_stand_error:contains('another event')",
        },
        {
            content: "Pick a candidate by name",
            trigger: "input.o_forum_stand_search",
            run: "edit Louis",
        },
        {
            trigger: ".o_forum_stand_candidate:contains('Louis Droz')",
            run: "click",
        },
        {
            trigger: ".o_forum_stand_message:contains('Louis Droz')",
        },
    ],
});
