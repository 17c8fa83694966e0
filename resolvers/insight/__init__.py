"""Insight root fields: sales reports, forecasts and replenishment."""
