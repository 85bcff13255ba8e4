import { Component, onWillStart, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * Stand screen of a recruiter (phone or tablet): pick the offer and the outcome, scan the
 * candidate's badge (scanner, camera or typed number) or pick the name, and the interview
 * is recorded in one step by forum.interview.forum_stand_record. The server checks who may
 * record for which exhibitor; this screen only shows what it is given.
 */
export class ForumStandScreen extends Component {
    static template = "forum_emploi.StandScreen";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.scanInput = useRef("scanInput");
        this.cameraSupported = isBarcodeScannerSupported();
        this.state = useState({
            exhibitors: [],
            exhibitorId: false,
            offerId: "",
            outcome: "held",
            note: "",
            barcode: "",
            searchTerm: "",
            searchResults: [],
            message: "",
            error: "",
            recorded: [],
        });
        onWillStart(async () => {
            this.state.exhibitors = await this.orm.call("forum.interview", "forum_stand_data", []);
            if (this.state.exhibitors.length === 1) {
                this.state.exhibitorId = this.state.exhibitors[0].id;
            }
        });
    }

    get exhibitor() {
        return this.state.exhibitors.find((e) => e.id === this.state.exhibitorId);
    }

    get outcomes() {
        return [
            ["held", _t("Held")],
            ["shortlisted", _t("Shortlisted")],
            ["rejected", _t("Not selected")],
        ];
    }

    selectExhibitor(exhibitor) {
        this.state.exhibitorId = exhibitor.id;
        this.state.offerId = "";
        this.state.recorded = [];
    }

    async record(candidate) {
        this.state.error = "";
        this.state.message = "";
        try {
            const result = await this.orm.call("forum.interview", "forum_stand_record", [
                this.state.exhibitorId,
                {
                    ...candidate,
                    offer_id: this.state.offerId ? parseInt(this.state.offerId) : false,
                    state: this.state.outcome,
                    note: this.state.note,
                },
            ]);
            this.state.message = result.message;
            this.state.recorded.unshift({ id: result.interview_id, name: result.name });
            this.state.note = "";
            this.state.searchTerm = "";
            this.state.searchResults = [];
        } catch (error) {
            this.state.error = error.data?.message || error.message || String(error);
        }
        this.scanInput.el?.focus();
    }

    async onScanSubmit(ev) {
        ev.preventDefault();
        const barcode = this.state.barcode.trim();
        this.state.barcode = "";
        if (barcode) {
            await this.record({ barcode });
        }
    }

    async onCamera() {
        const barcode = await scanBarcode(this.env);
        if (barcode) {
            await this.record({ barcode });
        }
    }

    async onSearchInput() {
        this.state.searchResults = await this.orm.call("forum.interview", "forum_stand_search", [
            this.state.exhibitorId,
            this.state.searchTerm,
        ]);
    }
}

registry.category("actions").add("forum_emploi.stand_screen", ForumStandScreen);
