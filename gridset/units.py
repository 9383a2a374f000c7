"""Units shared by every GridSet area: token base units and energy.

Token amounts on chain are integers in base units; energy is counted in Wh (EnergyToken: one
base unit = 1 Wh) and prices in payment-token base units per kWh. Area-specific units live with
their area (:mod:`gridset.broker.units`: basis points, 1e18 rates; :mod:`gridset.leg.units`:
resource types and the gateway's decimal units).
"""

from __future__ import annotations

#: Decimals of WATT, the payment token.
WATT_DECIMALS = 18
#: Base units per WATT.
WATT = 10**WATT_DECIMALS
#: Decimals of GRID, the governance token.
GRID_DECIMALS = 18
#: Base units per GRID.
GRID = 10**GRID_DECIMALS
#: Wh per kWh: a quantity in Wh times a price per kWh, divided by this, is a payment.
WH_PER_KWH = 1_000
