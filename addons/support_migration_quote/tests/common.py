# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io
import os
import tarfile
import zipfile

from odoo.fields import Command
from odoo.tests.common import new_test_user

from odoo.addons.support_contract.tests.common import SupportContractCommon

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


def read_fixture(name):
    """A fixture file of tests/data (real odoo-bin cloc output, see its README)."""
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as f:
        return f.read()


def zip_folder(folder, arcroot=None):
    """Bytes of a zip of ``folder`` (members under ``arcroot``, its name by default)."""
    buffer = io.BytesIO()
    arcroot = os.path.basename(folder) if arcroot is None else arcroot
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                path = os.path.join(root, name)
                archive.write(
                    path, os.path.join(arcroot, os.path.relpath(path, folder))
                )
    return buffer.getvalue()


def tar_folder(folder, arcroot=None, mode="w:gz"):
    """Bytes of a tar (gzip by default) of ``folder``."""
    buffer = io.BytesIO()
    arcroot = os.path.basename(folder) if arcroot is None else arcroot
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        archive.add(folder, arcname=arcroot or ".")
    return buffer.getvalue()


def zip_members(members):
    """A zip of (name, bytes) members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def tar_members(members, mode="w:gz"):
    """A tar of (TarInfo or name, bytes or None) members."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for info, content in members:
            if isinstance(info, str):
                info = tarfile.TarInfo(info)
            if content is not None:
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
            else:
                archive.addfile(info)
    return buffer.getvalue()


class SupportMigrationQuoteCommon(SupportContractCommon):
    """support_contract's catalogue and customer (a company of its own, in EUR),
    the two pricing rules of that company, an agent and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_contact = cls.contact
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Fjord Fisk AS", "is_company": True}
        )
        company_vals = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.agent = new_test_user(
            cls.env,
            login="mq_agent",
            groups="support_contract.support_contract_group_user",
            **company_vals,
        )
        cls.manager = new_test_user(
            cls.env,
            login="mq_manager",
            groups="support_contract.support_contract_group_manager",
            **company_vals,
        )
        # Migration: 5,000.00 + 1,500.00 per 1,000 lines, 4 h per community module.
        cls.rule = cls.env["support.migration.pricing.rule"].create(
            {
                "name": "Migration service",
                "company_id": cls.company.id,
                "base_amount": 5000.0,
                "block_size": 1000,
                "block_amount": 1500.0,
                "rounding": "block",
                "module_hours": 4.0,
                "hourly_rate": 95.0,
            }
        )
        # Maintenance: a fee per 100 lines a month and a one-time upgrade fee.
        cls.rule_nordic = cls.env["support.migration.pricing.rule"].create(
            {
                "name": "Maintenance agreement",
                "company_id": cls.company.id,
                "sequence": 20,
                "upgrade_fee": 12500.0,
                "maintenance_block_size": 100,
                "maintenance_amount": 45.0,
                "rounding": "block",
            }
        )

    @classmethod
    def _measure(cls, partner, lines, **vals):
        return cls.env["support.cloc.measurement"].create(
            {
                "partner_id": partner.id,
                "source": "manual",
                "code_lines": lines,
                "reason": "Counted by the customer",
                **vals,
            }
        )

    @staticmethod
    def _b64(data):
        return base64.b64encode(data).decode()
