"""Insight types: sales reports, demand forecasts, replenishment suggestions."""
