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
 * Check-in desk of a job forum: built for throughput. The scan field keeps the focus so
 * that a USB scanner (a keyboard that types the badge and Enter) works at any time; the
 * server method event.registration.forum_desk_scan does the work and returns a status.
 *
 * During a short network loss the scans are kept in the browser's localStorage (one queue
 * per forum), the screen says "saved, will sync", and they are replayed in order, with the
 * time of the scan, when the server answers again. Replaying is safe: a badge already
 * checked in answers "already checked in" and is not counted twice.
 */
export class ForumCheckinDesk extends Component {
    static template = "forum_emploi.CheckinDesk";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.scanInput = useRef("scanInput");
        this.cameraSupported = isBarcodeScannerSupported();
        this.state = useState({
            eventId: this.props.action.params?.event_id || false,
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
            this.focusScan();
            this.syncPending();
        });
        this.timer = setInterval(() => this.refreshCounters(), COUNTERS_REFRESH_MS);
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

    async loadEvent() {
        const [event] = await this.orm.read("event.event", [this.state.eventId], ["name"]);
        this.state.eventName = event.name;
        this.state.exhibitors = await this.orm.searchRead(
            "forum.exhibitor",
            [["event_id", "=", this.state.eventId]],
            ["name"]
        );
        await this.refreshCounters();
    }

    async selectForum(forum) {
        this.state.eventId = forum.id;
        await this.loadEvent();
        this.focusScan();
    }

    async refreshCounters() {
        if (this.state.eventId) {
            try {
                this.state.counters = await this.orm.call(
                    "event.registration",
                    "forum_desk_counters",
                    [this.state.eventId]
                );
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    throw error;
                }
            }
        }
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

    queueScan(barcode) {
        const queue = this.readQueue();
        queue.push({ barcode, scanned_at: new Date().toISOString() });
        this.writeQueue(queue);
        this.showResult({
            status: "queued",
            message: _t("Saved, will sync"),
            name: barcode,
        });
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
                    await this.orm.call("event.registration", "forum_desk_scan", [
                        this.state.eventId,
                        scan.barcode,
                    ], { scanned_at: scan.scanned_at });
                } catch (error) {
                    if (error instanceof ConnectionLostError) {
                        return;
                    }
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
        this.refreshCounters();
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
        if (this.state.pending) {
            // Keep the order of the scans: behind the ones waiting for the network.
            this.queueScan(barcode);
            this.syncPending();
        } else {
            try {
                const result = await this.orm.call("event.registration", "forum_desk_scan", [
                    this.state.eventId,
                    barcode,
                ]);
                this.showResult(result);
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    throw error;
                }
                this.queueScan(barcode);
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
        const result = await this.orm.call("event.registration", "forum_desk_check_in", [
            this.state.eventId,
            registration.id,
        ]);
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
