# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tools import convert_file

# Domains of the portal record rules of other addons that support_portal narrows
# (see security/*_security.xml), as those addons ship them.
ORIGINAL_RULE_DOMAINS = {
    "account.account_invoice_rule_portal": (
        "Portal Personal Account Invoices",
        "[('state', 'not in', ('cancel', 'draft')), ('move_type', 'in', "
        "('out_invoice', 'out_refund', 'in_invoice', 'in_refund')), "
        "('partner_id','child_of',[user.commercial_partner_id.id])]",
    ),
    "account.account_invoice_line_rule_portal": (
        "Portal Invoice Lines",
        "[('parent_state', 'not in', ('cancel', 'draft')), ('move_id.move_type', "
        "'in', ('out_invoice', 'out_refund', 'in_invoice', 'in_refund')), "
        "('move_id.partner_id','child_of',[user.commercial_partner_id.id])]",
    ),
    "helpdesk_mgmt.helpdesk_ticket_rule_portal": (
        "Portal Personal Tickets",
        "['|', ('partner_id', 'child_of', [user.commercial_partner_id.id]), "
        "('message_partner_ids', 'child_of', [user.commercial_partner_id.id])]",
    ),
    "support_contract.support_contract_rule_portal": (
        "Support contract: portal users see their company's",
        "[('partner_id', '=', user.partner_id.commercial_partner_id.id)]",
    ),
    "support_contract.support_contract_addon_rule_portal": (
        "Support contract add-on: portal users see their company's",
        "[('contract_id.partner_id', '=', user.partner_id.commercial_partner_id.id)]",
    ),
    "support_contract.support_hour_ledger_rule_portal": (
        "Hour ledger: portal users see their company's",
        "[('partner_id', '=', user.partner_id.commercial_partner_id.id)]",
    ),
    "support_sla.support_sla_evaluation_rule_portal": (
        "SLA evaluation: portal users see their company's",
        "[('partner_id', '=', user.partner_id.commercial_partner_id.id), "
        "('state', '=', 'done')]",
    ),
    "support_sla.support_sla_pause_rule_portal": (
        "SLA pause: portal users see their company's",
        "[('ticket_id.commercial_partner_id', '=', "
        "user.partner_id.commercial_partner_id.id)]",
    ),
    "support_sla.support_sla_breach_rule_portal": (
        "SLA breach: portal users see their company's",
        "[('ticket_id.commercial_partner_id', '=', "
        "user.partner_id.commercial_partner_id.id)]",
    ),
}


def load_narrowed_rules(env, *files):
    """Load the narrowed portal rules of ``files`` (security/*_security.xml) into
    an existing database as an installation would: their addons ship them
    ``noupdate``, so a module update alone does not change their domains."""
    for filename in files:
        convert_file(env, "support_portal", filename, {}, mode="init", noupdate=True)


def uninstall_hook(env):
    """Give the narrowed portal rules back their original domains."""
    for xmlid, (name, domain) in ORIGINAL_RULE_DOMAINS.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.write({"name": name, "domain_force": domain})
