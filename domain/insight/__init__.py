"""Insight (经营分析): sales analytics, weekly demand, forecasts and replenishment."""
