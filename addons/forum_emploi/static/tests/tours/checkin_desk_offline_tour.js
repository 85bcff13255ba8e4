import { registry } from "@web/core/registry";
import { ConnectionLostError, rpc } from "@web/core/network/rpc";

let onlineRpc = null;

registry.category("web_tour.tours").add("forum_emploi_checkin_desk_offline_tour", {
    steps: () => [
        {
            content: "Pick the forum of the day",
            trigger: ".o_forum_desk_pick:contains('Forum hors ligne')",
            run: "click",
        },
        {
            content: "The network goes down",
            trigger: "input.o_forum_desk_scan:focus",
            run() {
                onlineRpc = rpc._rpc;
                rpc._rpc = (url) => Promise.reject(new ConnectionLostError(url));
            },
        },
        {
            content: "Scan a badge while offline",
            trigger: "input.o_forum_desk_scan",
            run: "edit 7373737373737373",
        },
        {
            trigger: ".o_forum_desk_scan_form button[type=submit]",
            run: "click",
        },
        {
            content: "Saved, will sync",
            trigger: ".o_forum_desk_queued",
        },
        {
            trigger: ".o_forum_desk_pending:contains('1')",
        },
        {
            content: "The network is back: the queued scan is replayed",
            trigger: ".o_forum_desk_pending",
            run() {
                rpc._rpc = onlineRpc;
                window.dispatchEvent(new Event("online"));
            },
        },
        {
            trigger: ".o_forum_desk_present:contains('1')",
        },
        {
            trigger: ".o_forum_desk_counters:not(:has(.o_forum_desk_pending))",
        },
    ],
});
