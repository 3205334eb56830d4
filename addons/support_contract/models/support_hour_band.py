# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.hour.band`` (Reserved Hours Band): a volume band of reserved hours per
month and the discount it earns.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_is_zero, float_round


class SupportHourBand(models.Model):
    """A volume band of reserved hours per month and the discount it earns.

    Bands are half-open, as a customer reads "10-20 hours: 6 %": a band holds the
    values ``hours_from <= h < hours_to`` (10 h is in 10-20, 20 h in 20-50). The
    highest band of a scale also holds its upper bound (100 h is in 50-100: no band
    above it). The bands of a company form one scale starting at 0 without gaps or
    overlaps; 0 h is no reservation and has no band.
    """

    _name = "support.hour.band"
    _description = "Reserved Hours Band"
    _order = "company_id, hours_from, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    hours_from = fields.Float(
        string="From (h)",
        required=True,
        digits=(16, 2),
        help="Lower bound, included: a reservation of exactly this many hours "
        "falls in this band.",
    )
    hours_to = fields.Float(
        string="Up to, not including (h)",
        required=True,
        digits=(16, 2),
        help="Upper bound, excluded: a reservation of exactly this many hours "
        "falls in the next band (in this one only when no band lies above it).",
    )
    discount = fields.Float(
        string="Discount (%)",
        digits="Discount",
        help="Discount on the normal hourly rate for every reserved hour.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
        required=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self.env.ref(
            "support_contract.product_product_reserved_hours", raise_if_not_found=False
        ),
        help="Service product reserved hours of this band are sold and invoiced "
        "with (per hour, at the contract's hourly rate).",
    )
    range_label = fields.Char(string="Holds", compute="_compute_range_label")

    @api.depends("hours_from", "hours_to", "discount")
    def _compute_name(self):
        for band in self:
            band.name = self.env._(
                "%(low)s-%(high)s h (%(discount)s %%)",
                low=_fmt(band.hours_from),
                high=_fmt(band.hours_to),
                discount=_fmt(band.discount),
            )

    @api.depends("hours_from", "hours_to", "company_id")
    def _compute_range_label(self):
        """ "from 10 h up to but not including 20 h"; the highest band of its
        company's scale says it holds its upper bound."""
        tops = dict(
            self.sudo()._read_group(
                [("company_id", "in", self.company_id.ids)],
                ["company_id"],
                ["hours_to:max"],
            )
        )
        for band in self:
            top = tops.get(band.company_id)
            if top is not None and not float_compare(
                band.hours_to, top, precision_digits=2
            ):
                band.range_label = self.env._(
                    "from %(low)s h up to and including %(high)s h",
                    low=_fmt(band.hours_from),
                    high=_fmt(band.hours_to),
                )
            else:
                band.range_label = self.env._(
                    "from %(low)s h up to but not including %(high)s h",
                    low=_fmt(band.hours_from),
                    high=_fmt(band.hours_to),
                )

    @api.constrains("hours_from", "hours_to", "discount", "company_id")
    def _check_scale(self):
        for band in self:
            if band.hours_from < 0 or band.hours_to <= band.hours_from:
                raise ValidationError(
                    self.env._(
                        "A band needs 0 <= lower bound < upper bound "
                        "(got %(low)s-%(high)s h).",
                        low=_fmt(band.hours_from),
                        high=_fmt(band.hours_to),
                    )
                )
            if not 0 <= band.discount <= 100:
                raise ValidationError(
                    self.env._(
                        "A discount lies between 0 and 100 %% (got %(d)s).",
                        d=_fmt(band.discount),
                    )
                )
        for company in self.company_id:
            self._check_company_scale(company)

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_scale(self):
        for company in self.company_id:
            remaining = self.search(
                [("company_id", "=", company.id), ("id", "not in", self.ids)]
            )
            self._check_bands(remaining, company)

    @api.model
    def _check_company_scale(self, company):
        bands = self.search([("company_id", "=", company.id)])
        self._check_bands(bands, company)

    @api.model
    def _check_bands(self, bands, company):
        """Raise unless ``bands`` form one scale from 0 without gaps or overlaps."""
        previous = None
        for band in bands.sorted(lambda b: (b.hours_from, b.hours_to)):
            if previous is None:
                if not float_is_zero(band.hours_from, precision_digits=2):
                    raise ValidationError(
                        self.env._(
                            "The reserved-hour bands of %(company)s must start at "
                            "0 h; the lowest starts at %(low)s h.",
                            company=company.name,
                            low=_fmt(band.hours_from),
                        )
                    )
            else:
                cmp = float_compare(
                    band.hours_from, previous.hours_to, precision_digits=2
                )
                if cmp < 0:
                    raise ValidationError(
                        self.env._(
                            "The bands %(a)s and %(b)s overlap: every number of "
                            "hours must fall in exactly one band.",
                            a=previous.name,
                            b=band.name,
                        )
                    )
                if cmp > 0:
                    raise ValidationError(
                        self.env._(
                            "There is a gap between the bands %(a)s and %(b)s: "
                            "reservations above %(high)s h and up to %(low)s h "
                            "would have no band.",
                            a=previous.name,
                            b=band.name,
                            high=_fmt(previous.hours_to),
                            low=_fmt(band.hours_from),
                        )
                    )
            previous = band

    @api.model
    def _find_band(self, hours, company):
        """The band of ``company`` holding ``hours`` (``hours_from <= hours <
        hours_to``, or the highest band when ``hours`` is its upper bound), or an
        empty recordset (0 h included: no reservation)."""
        hours = float_round(hours, precision_digits=2)
        if float_is_zero(hours, precision_digits=2):
            return self.browse()
        bands = self.search(
            [
                ("company_id", "=", company.id),
                ("hours_from", "<=", hours),
                ("hours_to", ">=", hours),
            ],
            order="hours_from desc",
            limit=2,
        )
        for band in bands:
            if float_compare(hours, band.hours_to, precision_digits=2) < 0:
                return band
        # hours is the upper bound of the band found: it holds it only when no
        # band lies above it
        if bands and not self.search_count(
            [
                ("company_id", "=", company.id),
                ("hours_from", ">=", bands[0].hours_to),
            ],
            limit=1,
        ):
            return bands[0]
        return self.browse()

    @api.model
    def _get_band(self, hours, company=None):
        """The band holding ``hours`` (see _find_band).

        Returns an empty recordset for 0 h; raises when no band holds the value.
        """
        company = company or self.env.company
        if float_compare(hours, 0.0, precision_digits=2) < 0:
            raise ValidationError(
                self.env._("Reserved hours cannot be negative (%(h)s h).", h=hours)
            )
        if float_is_zero(hours, precision_digits=2):
            return self.browse()
        band = self._find_band(hours, company)
        if not band:
            raise ValidationError(
                self.env._(
                    "No reserved-hour band of %(company)s holds %(h)s h.",
                    company=company.name,
                    h=_fmt(hours),
                )
            )
        return band


def _fmt(value):
    """2 -> '2', 2.5 -> '2.5' (bounds and discounts are mostly whole numbers)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
