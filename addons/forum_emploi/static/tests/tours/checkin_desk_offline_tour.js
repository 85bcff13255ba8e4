import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { ConnectionLostError, rpc } from "@web/core/network/rpc";

// The network is cut by making the calls to the models (the desk's API) fail as a lost
// connection does. The cut is kept in sessionStorage so that it outlives a page reload:
// the page itself still loads (the other services of the web client start as usual), but
// the desk cannot reach the server until the tour restores the network.
const OFFLINE_KEY = "forum_emploi.tour_network_cut";
const realRpc = rpc._rpc;

function cutNetwork() {
    browser.sessionStorage.setItem(OFFLINE_KEY, "1");
    rpc._rpc = (url, ...args) =>
        url.startsWith("/web/dataset/call_kw")
            ? Promise.reject(new ConnectionLostError(url))
            : realRpc(url, ...args);
}

function restoreNetwork() {
    browser.sessionStorage.removeItem(OFFLINE_KEY);
    rpc._rpc = realRpc;
    window.dispatchEvent(new Event("online"));
}

if (browser.sessionStorage.getItem(OFFLINE_KEY)) {
    cutNetwork();
}

function scanSteps(barcode, queued) {
    return [
        {
            content: `Scan ${barcode}`,
            trigger: "input.o_forum_desk_scan",
            run: `edit ${barcode}`,
        },
        {
            trigger: ".o_forum_desk_scan_form button[type=submit]",
            run: "click",
        },
        {
            content: `${queued} scan(s) waiting for the network`,
            trigger: `.o_forum_desk_pending:contains('${queued} to sync')`,
        },
    ];
}

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
            run: cutNetwork,
        },
        ...scanSteps("7373737373737373", 1),
        {
            content: "Saved, will sync",
            trigger: ".o_forum_desk_queued",
        },
        // The same badge scanned again, then another one.
        ...scanSteps("7373737373737373", 2),
        ...scanSteps("8484848484848484", 3),
        {
            content: "The page is reloaded while the network is still gone",
            trigger: ".o_forum_desk_pending:contains('3 to sync')",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "The desk reopens on its forum, offline, with its queue",
            trigger: ".o_forum_desk:has(h2:contains('Forum hors ligne')) .o_forum_desk_offline",
        },
        {
            trigger: ".o_forum_desk_pending:contains('3 to sync')",
        },
        ...scanSteps("9595959595959595", 4),
        {
            content: "The network is back: the queue is replayed in order",
            trigger: ".o_forum_desk_pending:contains('4 to sync')",
            run: restoreNetwork,
        },
        {
            trigger: ".o_forum_desk_present:contains('3')",
        },
        {
            content: "Nothing left to sync",
            trigger: ".o_forum_desk:not(:has(.o_forum_desk_pending)):not(:has(.o_forum_desk_offline))",
        },
    ],
});
