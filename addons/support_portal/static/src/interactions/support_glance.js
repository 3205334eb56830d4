/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {PortalHomeCounters} from "@portal/interactions/portal_home_counters";
import {patch} from "@web/core/utils/patch";

/**
 * The portal home's tiles (open tickets, at risk, waiting for you, hours left,
 * invoices due) and the suite's entries (contracts, evaluations): the page leaves
 * the tiles' place empty but for a counter "support_glance", which Odoo's portal
 * home asks in one of its /my/counters calls with its entries' counts (no call of
 * its own). The server renders the tiles (support_portal.portal_my_home_glance_tiles)
 * with the user's rights and language, the values escaped there; the counter's
 * text is that HTML. The tiles name the entries the user has records of.
 */
patch(PortalHomeCounters.prototype, {
    async updateCounters() {
        await super.updateCounters();
        const place = this.el.querySelector(".o_support_glance");
        const counter = place?.querySelector("[data-placeholder_count='support_glance']");
        if (!counter) {
            return;
        }
        place.innerHTML = counter.textContent;
        for (const entry of place.querySelectorAll("[data-support_entry]")) {
            const link = this.el.querySelector(
                `.o_portal_index_card a[href='${entry.dataset.support_entry}']`
            );
            link?.closest(".o_portal_index_card").classList.remove("d-none");
        }
    },
});
