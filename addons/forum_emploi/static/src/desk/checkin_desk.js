import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { url } from "@web/core/utils/urls";
import { ConnectionLostError } from "@web/core/network/rpc";
import { browser } from "@web/core/browser/browser";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const RESULT_DISPLAY_MS = 4000;
const COUNTERS_REFRESH_MS = 15000;
const SYNC_RETRY_MS = 10000;
// A scan answered "retry" (another desk holds the badge this instant) is sent again soon.
const CONFLICT_RETRY_MS = 300;
const CONFLICT_RETRIES = 3;
const EMPTY_WALK_IN = {
    name: "",
    email: "",
    phone: "",
    attendee_type: "candidate",
    wished_rome_codes: "",
    referral: "",
    exhibitor_id: "",
    consent: false,
};

/**
 * A random RFC 4122 version 4 id. crypto.randomUUID exists in secure contexts only, and a
 * desk may reach Odoo over plain http on the forum's network.
 */
export function newScanId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Check-in desk of a job forum: built for throughput. The scan field keeps the focus so
 * that a USB scanner (a keyboard that types the badge and Enter) works at any time; the
 * server method event.registration.forum_desk_scan does the work and returns a status.
 *
 * Every scan carries an id made here (scan_uuid). While the network is gone the scans are
 * kept in the browser's localStorage (one queue per forum, kept through a page reload; the
 * forum's name is kept too), the screen says "saved, will sync" and shows the length of the
 * queue, and they are replayed in order, with the time of the scan, when the server
 * answers again. Replaying is safe: the same scan id gets the same answer and is counted
 * once, even when its first answer was lost on the way back.
 */
export class ForumCheckinDesk extends Component {
    static template = "forum_emploi.CheckinDesk";
    static props = { ...standardActionServiceProps };
    // The URL /odoo/forum-desk/<forum id> reopens the desk on its forum without asking the
    // server which action it is: a reload with the network gone still shows the queue.
    static path = "forum-desk";

    setup() {
        this.orm = useService("orm");
        this.scanInput = useRef("scanInput");
        this.cameraSupported = isBarcodeScannerSupported();
        this.state = useState({
            eventId: this.props.action.params?.event_id || this.props.resId || false,
            eventName: "",
            forums: [],
            barcode: "",
            result: null,
            busy: false,
            counters: null,
            panel: false, // false, "search" or "walk_in"
            searchTerm: "",
            searchResults: [],
            walkIn: { ...EMPTY_WALK_IN },
            walkInError: "",
            exhibitors: [],
            pending: 0,
            offline: false,
        });
        const ext = new Audio().canPlayType("audio/ogg") ? "ogg" : "mp3";
        this.sounds = {
            ok: new Audio(url(`/mail/static/src/audio/ting.${ext}`)),
            error: new Audio(url(`/barcodes/static/src/audio/error.${ext}`)),
        };
        onWillStart(async () => {
            if (this.state.eventId) {
                await this.loadEvent();
            } else {
                this.state.forums = await this.orm.searchRead(
                    "event.event",
                    [["event_type_id.is_job_forum", "=", true]],
                    ["name", "date_begin"],
                    { order: "date_begin desc", limit: 20 }
                );
            }
        });
        onMounted(() => {
            this.rememberForumInUrl();
            this.focusScan();
            this.syncPending();
        });
        // Other desks' arrivals: reloaded unless a scan of this desk brought them lately.
        this.countersAt = 0;
        this.timer = setInterval(() => {
            if (Date.now() - this.countersAt >= COUNTERS_REFRESH_MS) {
                this.refreshCounters();
            }
        }, COUNTERS_REFRESH_MS / 3);
        this.syncTimer = setInterval(() => this.syncPending(), SYNC_RETRY_MS);
        this.onOnline = () => this.syncPending();
        browser.addEventListener("online", this.onOnline);
        onWillUnmount(() => {
            clearInterval(this.timer);
            clearInterval(this.syncTimer);
            clearTimeout(this.resultTimer);
            browser.removeEventListener("online", this.onOnline);
        });
    }

    get forumKey() {
        return `forum_emploi.desk_forum.${this.state.eventId}`;
    }

    async loadEvent() {
        try {
            const [event] = await this.orm.read("event.event", [this.state.eventId], ["name"]);
            this.state.eventName = event.name;
            this.state.exhibitors = await this.orm.searchRead(
                "forum.exhibitor",
                [["event_id", "=", this.state.eventId]],
                ["name"]
            );
            browser.localStorage.setItem(
                this.forumKey,
                JSON.stringify({ name: event.name, exhibitors: this.state.exhibitors })
            );
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            // Reopened with the network gone: what this desk knew of the forum.
            const known = JSON.parse(browser.localStorage.getItem(this.forumKey) || "{}");
            this.state.eventName = known.name || "";
            this.state.exhibitors = known.exhibitors || [];
            this.state.offline = true;
        }
        this.state.pending = this.readQueue().length;
        await this.refreshCounters();
    }

    rememberForumInUrl() {
        if (this.state.eventId && this.props.updateActionState) {
            this.props.updateActionState({ resId: this.state.eventId });
        }
    }

    async selectForum(forum) {
        this.state.eventId = forum.id;
        await this.loadEvent();
        this.rememberForumInUrl();
        this.focusScan();
    }

    async refreshCounters() {
        if (this.state.eventId) {
            try {
                this.setCounters(
                    await this.orm.call("event.registration", "forum_desk_counters", [
                        this.state.eventId,
                    ])
                );
                this.state.offline = false;
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    throw error;
                }
                this.state.offline = true;
            }
        }
    }

    setCounters(counters) {
        this.state.counters = counters;
        this.countersAt = Date.now();
    }

    // ------------------------------------------------------------------
    // Offline queue
    // ------------------------------------------------------------------

    get queueKey() {
        return `forum_emploi.desk_queue.${this.state.eventId}`;
    }

    readQueue() {
        try {
            return JSON.parse(browser.localStorage.getItem(this.queueKey) || "[]");
        } catch {
            return [];
        }
    }

    writeQueue(queue) {
        if (queue.length) {
            browser.localStorage.setItem(this.queueKey, JSON.stringify(queue));
        } else {
            browser.localStorage.removeItem(this.queueKey);
        }
        this.state.pending = queue.length;
    }

    queueScan(scan) {
        const queue = this.readQueue();
        queue.push(scan);
        this.writeQueue(queue);
        this.showResult({
            status: "queued",
            message: _t("Saved, will sync"),
            name: scan.barcode,
        });
    }

    /**
     * Send one scan; resend it a few times while another desk holds the badge. Returns the
     * server's answer, or null when the network is gone (the scan may have arrived: its
     * replay, with the same id, is safe).
     */
    async sendScan(scan) {
        for (let attempt = 0; ; attempt++) {
            let result;
            try {
                result = await this.orm.call(
                    "event.registration",
                    "forum_desk_scan",
                    [this.state.eventId, scan.barcode],
                    { scanned_at: scan.scanned_at, scan_uuid: scan.uuid, with_counters: true }
                );
            } catch (error) {
                if (error instanceof ConnectionLostError) {
                    this.state.offline = true;
                    return null;
                }
                throw error;
            }
            this.state.offline = false;
            if (result.counters) {
                this.setCounters(result.counters);
            }
            if (result.status !== "retry" || attempt >= CONFLICT_RETRIES) {
                return result;
            }
            await delay(CONFLICT_RETRY_MS);
        }
    }

    async syncPending() {
        if (!this.state.eventId || this.syncing) {
            return;
        }
        this.syncing = true;
        try {
            let queue = this.readQueue();
            this.state.pending = queue.length;
            while (queue.length) {
                const [scan] = queue;
                try {
                    const result = await this.sendScan(scan);
                    if (!result || result.status === "retry") {
                        return; // keep the order: this scan first, at the next attempt
                    }
                } catch {
                    // A scan the server refuses (e.g. rights) is not retried for ever.
                }
                queue = this.readQueue().slice(1);
                this.writeQueue(queue);
            }
            this.refreshCounters();
        } finally {
            this.syncing = false;
        }
    }

    focusScan() {
        if (!this.state.panel && this.scanInput.el) {
            this.scanInput.el.focus();
        }
    }

    onScanBlur() {
        // A scanner types anywhere: give the focus back unless the user opened a panel.
        setTimeout(() => this.focusScan(), 150);
    }

    playSound(ok) {
        const sound = ok ? this.sounds.ok : this.sounds.error;
        sound.currentTime = 0;
        sound.play().catch(() => {});
    }

    showResult(result) {
        this.state.result = result;
        this.playSound(result.status === "welcome" || result.status === "queued");
        clearTimeout(this.resultTimer);
        this.resultTimer = setTimeout(() => {
            this.state.result = null;
        }, RESULT_DISPLAY_MS);
        if (result.counters) {
            // Counted by the server right after this check-in: no second request.
            this.setCounters(result.counters);
        } else {
            this.refreshCounters();
        }
    }

    async onScanSubmit(ev) {
        ev.preventDefault();
        const barcode = this.state.barcode.trim();
        this.state.barcode = "";
        if (!barcode) {
            return;
        }
        await this.scan(barcode);
    }

    async scan(barcode) {
        const scan = { uuid: newScanId(), barcode, scanned_at: new Date().toISOString() };
        if (this.state.pending) {
            // Keep the order of the scans: behind the ones waiting for the network.
            this.queueScan(scan);
            this.syncPending();
        } else {
            const result = await this.sendScan(scan);
            if (!result || result.status === "retry") {
                this.queueScan(scan);
            } else {
                this.showResult(result);
            }
        }
        this.focusScan();
    }

    async onCamera() {
        const barcode = await scanBarcode(this.env);
        if (barcode) {
            await this.scan(barcode);
        }
    }

    openPanel(panel) {
        this.state.panel = panel;
        this.state.searchTerm = "";
        this.state.searchResults = [];
        this.state.walkIn = { ...EMPTY_WALK_IN };
        this.state.walkInError = "";
    }

    closePanel() {
        this.state.panel = false;
        this.focusScan();
    }

    async onSearchInput() {
        this.state.searchResults = await this.orm.call("event.registration", "forum_desk_search", [
            this.state.eventId,
            this.state.searchTerm,
        ]);
    }

    async checkInRegistration(registration) {
        const result = await this.orm.call(
            "event.registration",
            "forum_desk_check_in",
            [this.state.eventId, registration.id],
            { scan_uuid: newScanId(), with_counters: true }
        );
        this.closePanel();
        this.showResult(result);
    }

    async onWalkInSubmit(ev) {
        ev.preventDefault();
        const values = { ...this.state.walkIn };
        values.exhibitor_id = values.exhibitor_id ? parseInt(values.exhibitor_id) : false;
        try {
            const result = await this.orm.call("event.registration", "forum_desk_walk_in", [
                this.state.eventId,
                values,
            ]);
            this.closePanel();
            this.showResult(result);
        } catch (error) {
            this.state.walkInError = error.data?.message || error.message || String(error);
        }
    }

    badgeUrl(registrationId) {
        return url(`/report/pdf/forum_emploi.report_forum_badge/${registrationId}`);
    }

    get resultClass() {
        const status = this.state.result?.status;
        if (status === "welcome") {
            return "o_forum_desk_welcome bg-success";
        }
        if (status === "already_checked_in") {
            return "o_forum_desk_already bg-warning";
        }
        if (status === "queued") {
            return "o_forum_desk_queued bg-info";
        }
        return `o_forum_desk_error o_forum_desk_${status} bg-danger`;
    }

    get typeLabels() {
        return {
            candidate: _t("Candidate"),
            exhibitor_staff: _t("Exhibitor staff"),
            visitor: _t("Visitor"),
        };
    }
}

registry.category("actions").add("forum_emploi.checkin_desk", ForumCheckinDesk);
