/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Interaction} from "@web/public/interaction";
import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

/**
 * Public plan configurator (/support/plans): keeps the steps consistent with the
 * chosen plan (no hours or add-ons on the free plan, add-ons only on the plans they
 * need) and shows the price per month as the server computes it.
 */
export class SupportPlanConfigurator extends Interaction {
    static selector = "form.o_support_configurator";
    dynamicContent = {
        "input[name='plan_id']": {"t-on-change": this.onChangePlan},
        "input[name='hours'], input[name^='addon_qty_']": {
            "t-on-input": this.debounced(this.updatePrice, 300),
        },
        "input[name='addon_ids']": {"t-on-change": this.updatePrice},
    };

    setup() {
        this.sequence = 0;
    }

    start() {
        this.applyPlanRules();
    }

    onChangePlan() {
        this.applyPlanRules();
    }

    get planInput() {
        return this.el.querySelector("input[name='plan_id']:checked");
    }

    applyPlanRules() {
        const plan = this.planInput;
        const allowsHours = plan && plan.dataset.allowsHours === "1";
        const allowsAddons = plan && plan.dataset.allowsAddons === "1";
        for (const card of this.el.querySelectorAll(".o_support_plan_card")) {
            card.classList.toggle(
                "border-primary",
                card.contains(plan)
            );
        }
        const hours = this.el.querySelector("input[name='hours']");
        if (!allowsHours) {
            hours.value = 0;
        }
        hours.disabled = !allowsHours;
        for (const addon of this.el.querySelectorAll("input[name='addon_ids']")) {
            const planIds = addon.dataset.planIds
                ? addon.dataset.planIds.split(",")
                : [];
            const allowed =
                allowsAddons && (!planIds.length || planIds.includes(plan.value));
            if (!allowed) {
                addon.checked = false;
            }
            addon.disabled = !allowed;
            addon.closest(".o_support_addon_card").classList.toggle("opacity-50", !allowed);
        }
        this.updatePrice();
    }

    getConfiguration() {
        const addons = {};
        for (const addon of this.el.querySelectorAll("input[name='addon_ids']:checked")) {
            const qty = this.el.querySelector(`input[name='addon_qty_${addon.value}']`);
            addons[addon.value] = qty ? qty.value : 1;
        }
        return {
            plan_id: this.planInput ? this.planInput.value : false,
            hours: this.el.querySelector("input[name='hours']").value || 0,
            addons,
        };
    }

    async updatePrice() {
        const sequence = ++this.sequence;
        const result = await this.waitFor(
            rpc("/support/plans/price", this.getConfiguration())
        );
        if (sequence !== this.sequence) {
            return; // an answer to an older configuration
        }
        const errorEl = this.el.querySelector(".o_support_price_error");
        const body = this.el.querySelector(".o_support_price_lines tbody");
        const total = this.el.querySelector(".o_support_price_total");
        const submit = this.el.querySelector(".o_support_configurator_submit");
        errorEl.classList.toggle("d-none", !result.error);
        errorEl.textContent = result.error || "";
        submit.disabled = Boolean(result.error);
        body.replaceChildren(
            ...(result.lines || []).map((line) => {
                const row = document.createElement("tr");
                const name = document.createElement("td");
                name.textContent = line.name;
                const amount = document.createElement("td");
                amount.className = "text-end";
                amount.textContent = line.subtotal;
                row.append(name, amount);
                return row;
            })
        );
        total.textContent = result.error ? "" : result.total;
    }
}

registry
    .category("public.interactions")
    .add("support_portal.plan_configurator", SupportPlanConfigurator);
