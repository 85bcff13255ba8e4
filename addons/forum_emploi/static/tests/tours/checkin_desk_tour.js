import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("forum_emploi_checkin_desk_tour", {
    steps: () => [
        {
            content: "Pick the forum of the day",
            trigger: ".o_forum_desk_pick:contains('Forum du tour')",
            run: "click",
        },
        {
            content: "Scan the badge of a registered candidate",
            trigger: "input.o_forum_desk_scan:focus",
            run: "edit 4242424242424242",
        },
        {
            trigger: ".o_forum_desk_scan_form button[type=submit]",
            run: "click",
        },
        {
            content: "Welcome",
            trigger: ".o_forum_desk_welcome:contains('Camille Dupont')",
        },
        {
            trigger: ".o_forum_desk_present:contains('1')",
        },
        {
            content: "Scan the same badge again",
            trigger: "input.o_forum_desk_scan",
            run: "edit 4242424242424242",
        },
        {
            trigger: ".o_forum_desk_scan_form button[type=submit]",
            run: "click",
        },
        {
            content: "Already checked in, with the time",
            trigger: ".o_forum_desk_already:contains('Camille Dupont')",
        },
        {
            trigger: ".o_forum_desk_present:contains('1')",
        },
        {
            content: "Scan an unknown badge",
            trigger: "input.o_forum_desk_scan",
            run: "edit 999",
        },
        {
            trigger: ".o_forum_desk_scan_form button[type=submit]",
            run: "click",
        },
        {
            trigger: ".o_forum_desk_unknown_badge",
        },
        {
            content: "Register a walk-in",
            trigger: ".o_forum_desk_open_walk_in",
            run: "click",
        },
        {
            trigger: ".o_forum_desk_walk_in input[name=name]",
            run: "edit Karim Walkin",
        },
        {
            trigger: ".o_forum_desk_walk_in input[name=wished_rome_codes]",
            run: "edit H2903",
        },
        {
            trigger: ".o_forum_desk_walk_in_save",
            run: "click",
        },
        {
            trigger: ".o_forum_desk_welcome:contains('Karim Walkin')",
        },
        {
            trigger: ".o_forum_desk_badge",
        },
        {
            trigger: ".o_forum_desk_walk_ins:contains('1')",
        },
        {
            trigger: ".o_forum_desk_present:contains('2')",
        },
    ],
});
