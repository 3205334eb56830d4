/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// The portal's ticket list fits the window it is read in: no sideways scrolling,
// every shown heading and every next deadline whole and inside the window, and
// the columns a reader needs at that width shown.

//: Headings shown from a window width on (Bootstrap's breakpoints).
const SHOWN_FROM = [
    [0, ["th_ticket", "th_support_sla", "th_support_deadline"]],
    [576, ["th_support_number"]],
    [768, ["th_stage", "th_support_priority"]],
    [992, ["th_support_type", "th_create_date"]],
    [1200, ["th_partner", "th_category"]],
    [1400, ["th_last_stage_update", "th_closed_date"]],
];

function cutOff(element, where) {
    const box = element.getBoundingClientRect();
    if (box.left < 0 || box.right > window.innerWidth) {
        return `${where} "${element.textContent.trim()}" lies at ${Math.round(box.left)}-${Math.round(box.right)} px of a ${window.innerWidth} px window`;
    }
    if (element.scrollWidth > element.clientWidth + 1) {
        return `${where} "${element.textContent.trim()}" is cut (${element.scrollWidth} px in ${element.clientWidth} px)`;
    }
    return null;
}

function columns(headings) {
    return headings
        .map((th) => `${th.textContent.trim()} ${Math.round(th.getBoundingClientRect().width)}`)
        .join(", ");
}

function checkList() {
    const wrapper = document.querySelector(".o_support_ticket_list");
    const problems = [];
    const headings = [...wrapper.querySelectorAll("thead th")].filter(
        (th) => getComputedStyle(th).display !== "none"
    );
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        problems.push(
            `the list scrolls sideways: ${wrapper.scrollWidth} px in ${wrapper.clientWidth} px (${columns(headings)})`
        );
    }
    const shown = new Set(headings.map((th) => th.getAttribute("name")));
    for (const [width, names] of SHOWN_FROM) {
        if (window.innerWidth >= width) {
            for (const name of names) {
                if (!shown.has(name)) {
                    problems.push(`column ${name} is hidden at ${window.innerWidth} px`);
                }
            }
        }
    }
    for (const th of headings) {
        problems.push(cutOff(th, "heading"));
    }
    for (const td of wrapper.querySelectorAll("td.o_support_deadline")) {
        problems.push(cutOff(td, "deadline"));
        if (/\d:\d\d:\d\d/.test(td.textContent)) {
            problems.push(`deadline "${td.textContent.trim()}" shows seconds`);
        }
    }
    for (const badge of wrapper.querySelectorAll("td .badge")) {
        const cell = badge.closest("td");
        if (getComputedStyle(cell).display === "none") {
            continue;
        }
        if (badge.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1) {
            problems.push(`badge "${badge.textContent.trim()}" overflows its cell`);
        }
    }
    const found = problems.filter(Boolean);
    if (found.length) {
        throw new Error(`The ticket list does not fit:\n${found.join("\n")}`);
    }
}

registry.category("web_tour.tours").add("support_portal_ticket_list_fits", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "The list shows a ticket with a next deadline",
            trigger: ".o_support_ticket_list td.o_support_deadline:contains(':')",
        },
        {
            content: "Every shown column fits the window",
            trigger: ".o_support_ticket_list table",
            run: checkList,
        },
    ],
});
