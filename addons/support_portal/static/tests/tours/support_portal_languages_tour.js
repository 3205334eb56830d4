/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A key user whose language is Dutch (resp. Swedish) submits a ticket from the
// portal and reads the contract page. Every step waits for a label in the
// user's language: the tour stops at the first label left in English. The
// catalogue of the test (ticket type, matrix questions and answers, priorities)
// carries its own Dutch and Swedish names.

function submitTicketAndReadContract(labels) {
    return () => [
        {
            content: "The portal home shows the open tickets at a glance",
            trigger: `.o_support_glance_open:contains("${labels.openTickets}")`,
        },
        {
            content: "and the hours left in the contract",
            trigger: `.o_support_glance_hours:contains("${labels.hoursLeft}")`,
        },
        {
            content: "The portal home offers the tickets",
            trigger: `a[href="/my/tickets"]:contains("${labels.tickets}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket list has the SLA columns",
            trigger: `th:contains("${labels.nextDeadline}")`,
        },
        {
            content: "Start a new ticket",
            trigger: `button[name='create_new_ticket']:contains("${labels.new}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The form has its title",
            trigger: `h1:contains("${labels.formTitle}")`,
        },
        {
            content: "It is a defect",
            trigger: `label[for='support_ticket_type_id']:contains("${labels.type}")`,
        },
        {
            content: "Choose the type",
            trigger: "select[name='support_ticket_type_id']",
            run: `selectByLabel ${labels.defect}`,
        },
        {
            content: "Impact: multiple users",
            trigger: `.o_support_matrix_axis:has(legend:contains("${labels.impact}")) label:contains("${labels.multipleUsers}")`,
            run: "click",
        },
        {
            content: "Urgency: high",
            trigger: `.o_support_matrix_axis:has(legend:contains("${labels.urgency}")) label:contains("${labels.high}")`,
            run: "click",
        },
        {
            content: "The expected priority is High",
            trigger: `.o_support_ticket_preview:contains("${labels.priority}") .o_support_preview_priority:contains("${labels.high}")`,
        },
        {
            content: "A response deadline is announced (a time, not the '-' of none)",
            trigger: `.o_support_ticket_preview:contains("${labels.expectResponse}") .o_support_preview_deadline:contains(":")`,
        },
        {
            content: "Subject",
            trigger: `label[for='subject']:contains("${labels.subject}") ~ div input[name='subject']`,
            run: `edit ${labels.ticketSubject}`,
        },
        {
            content: "Description",
            trigger: `label[for='description']:contains("${labels.description}") ~ div textarea[name='description']`,
            run: `edit ${labels.ticketDescription}`,
        },
        {
            content: "Submit",
            trigger: `button[type='submit']:contains("${labels.submit}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket page shows the priority",
            trigger: `div:has(> strong:contains("${labels.priority}")) .o_support_ticket_priority:contains("${labels.high}")`,
        },
        {
            content: "and the response deadline under the service level",
            trigger: `#support_ticket_sla:has(h5:contains("${labels.serviceLevel}")) tr:contains("${labels.response}") .o_support_response_deadline:not(:empty)`,
        },
        {
            content: "Back to the portal home",
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The portal home offers the support contracts",
            trigger: `a[href="/my/contracts"]:contains("${labels.contracts}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the contract",
            trigger: "table a[href^='/my/contracts/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The contract page shows the availability",
            trigger: `#support_contract_content h5:contains("${labels.availability}")`,
        },
        {
            content: "and the support hours",
            trigger: `#support_contract_content h5:contains("${labels.supportHours}")`,
        },
    ];
}

registry.category("web_tour.tours").add("support_portal_dutch", {
    url: "/my",
    steps: submitTicketAndReadContract({
        openTickets: "Open tickets",
        hoursLeft: "Resterende uren",
        tickets: "Vragen",
        nextDeadline: "Volgende deadline",
        new: "Nieuw",
        formTitle: "Stuur een nieuwe vraag",
        type: "Type",
        defect: "Portaltest: fout",
        impact: "Impact",
        multipleUsers: "Meerdere gebruikers",
        urgency: "Urgentie",
        high: "Hoog",
        priority: "Prioriteit",
        expectResponse: "kunt u onze reactie verwachten",
        subject: "Onderwerp",
        ticketSubject: "Magazijnscanners kunnen niet inloggen",
        description: "Beschrijving",
        ticketDescription: "Sinds 9:00 accepteert geen enkele scanner een login.",
        submit: "Ticket indienen",
        serviceLevel: "Serviceniveau",
        response: "Reactietijd",
        contracts: "Supportcontracten",
        availability: "Beschikbaarheid",
        supportHours: "Supporturen",
    }),
});

registry.category("web_tour.tours").add("support_portal_swedish", {
    url: "/my",
    steps: submitTicketAndReadContract({
        openTickets: "Öppna ärenden",
        hoursLeft: "Timmar kvar",
        tickets: "Ärenden",
        nextDeadline: "Nästa tidsgräns",
        new: "Ny",
        formTitle: "Skicka ett nytt ärende",
        type: "Typ",
        defect: "Portaltest: fel",
        impact: "Påverkan",
        multipleUsers: "Flera användare",
        urgency: "Brådska",
        high: "Hög",
        priority: "Prioritet",
        expectResponse: "kan du vänta dig vårt svar",
        subject: "Ämne",
        ticketSubject: "Lagerskannrarna kan inte logga in",
        description: "Beskrivning",
        ticketDescription: "Sedan 9:00 godtar ingen skanner en inloggning.",
        submit: "Skicka in ärende",
        serviceLevel: "Servicenivå",
        response: "Svarstid",
        contracts: "Supportavtal",
        availability: "Tillgänglighet",
        supportHours: "Supporttimmar",
    }),
});
