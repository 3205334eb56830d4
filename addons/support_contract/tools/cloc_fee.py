# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fees priced by the size of the customer's custom code (odoo-bin cloc lines).

One rule for the monthly maintenance fee of a contract whose plan is priced by custom
code and for the maintenance line of a migration quotation: a fee per block of N
lines, per started block (12,340 lines at 100-line blocks are 124 blocks) or pro rata
(123.4 blocks), never below the minimum fee.
"""


def cloc_blocks(lines, block_size, rounding="block"):
    """Blocks of ``block_size`` lines in ``lines``.

    :param rounding: ``"block"``: whole started blocks (an int); ``"prorata"``: the
        exact fraction (a float)
    :raise ValueError: when the block size is not positive or the lines negative
    """
    if not block_size or block_size <= 0:
        raise ValueError("block size must be positive")
    if lines < 0:
        raise ValueError("lines of code cannot be negative")
    if rounding == "block":
        return -(-int(lines) // int(block_size))
    return lines / block_size


def cloc_fee(lines, block_size, block_price, min_fee=0.0, rounding="block"):
    """(blocks, fee): ``block_price`` per block of ``lines``, at least ``min_fee``.

    The fee is not rounded: the caller rounds it to its currency.
    """
    blocks = cloc_blocks(lines, block_size, rounding)
    return blocks, max(blocks * block_price, min_fee or 0.0)
