/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Interaction} from "@web/public/interaction";
import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

/**
 * The portal home's tiles (open tickets, at risk, waiting for you, hours left,
 * invoices due): the page leaves their place empty and they come through
 * /my/counters, as Odoo's portal home counts its entries after the page. The
 * server renders them (support_portal.portal_my_home_glance_tiles) with the
 * user's rights and language.
 */
export class SupportGlance extends Interaction {
    static selector = ".o_support_glance";

    async willStart() {
        const counters = await this.waitFor(
            rpc("/my/counters", {counters: ["support_glance"]})
        );
        this.tiles = counters.support_glance || "";
    }

    start() {
        // HTML rendered by QWeb on the server, its values escaped there
        this.el.innerHTML = this.tiles;
    }
}

registry.category("public.interactions").add("support_portal.glance", SupportGlance);
