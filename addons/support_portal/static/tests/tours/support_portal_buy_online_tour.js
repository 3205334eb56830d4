/* Copyright 2026 Support Suite
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A prospect configures Light + 15 reserved hours, gets the quotation and signs it.
function configureAndSign() {
    return [
        {
            content: "Choose the Light plan",
            trigger: "label[data-plan-name='Light'] input[name='plan_id']",
            run: "click",
        },
        {
            content: "Reserve 15 hours a month",
            trigger: "input[name='hours']:not(:disabled)",
            run: "edit 15",
        },
        {
            content: "The price per month is 1,660.00",
            trigger: ".o_support_price_total:contains('1,660.00')",
        },
        {
            content: "Name",
            trigger: "input[name='name']",
            run: "edit Olga Online",
        },
        {
            content: "E-mail",
            trigger: "input[name='email']",
            run: "edit olga@online.example.com",
        },
        {
            content: "Company",
            trigger: "input[name='company_name']",
            run: "edit Online Buyer B.V.",
        },
        {
            content: "Ask for the quotation",
            trigger: ".o_support_configurator_submit:not(:disabled)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Wait for the quotation page",
            trigger: "body[is-ready=true] #portal_sale_content:contains('1,660.00')",
        },
        {
            content: "Open the signature dialog",
            trigger: "a[data-bs-target='#modalaccept']",
            run: "click",
        },
        {
            content: "Sign with the name",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "edit Olga Online",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Accept and sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
    ];
}

// Without an active payment provider, the signature confirms the order.
registry.category("web_tour.tours").add("support_portal_buy_online_sign", {
    url: "/support/plans",
    steps: () => [
        ...configureAndSign(),
        {
            content: "The order is confirmed",
            trigger: "#quote_content:contains('Your order has been confirmed')",
        },
    ],
});

// With the demo payment provider, the signed order waits for the payment.
registry.category("web_tour.tours").add("support_portal_buy_online_pay", {
    url: "/support/plans",
    steps: () => [
        ...configureAndSign(),
        {
            content: "Signed, to be paid",
            trigger: "#quote_content:contains('still needs to be paid')",
        },
        {
            content: "Payment details (test data)",
            trigger: "input[name='customer_input']",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment is processed and the order confirmed",
            trigger: "#quote_content:contains('Your order has been confirmed'), [name=o_payment_status_alert]",
        },
    ],
});
