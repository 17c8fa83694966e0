"""Insight: demand forecasts per SKU, written by `dinghuo forecast` and read by the API."""

from tortoise import fields
from tortoise.models import Model


class DemandForecast(Model):
    """The latest weekly forecast of one SKU, with the model that made it and how well that
    model did in the backtest (its error sets the safety stock)."""

    id = fields.IntField(primary_key=True)
    sku = fields.CharField(max_length=64, unique=True)
    model = fields.CharField(max_length=40)
    # Units per week, from first_week (a Monday in the supplier's timezone) on.
    first_week = fields.DateField()
    weekly = fields.JSONField(default=list)
    # Mean backtest MASE and mean absolute error (units per week); null without a backtest.
    backtest_mase = fields.FloatField(null=True)
    backtest_mae = fields.FloatField(null=True)
    history_weeks = fields.IntField()
    computed_at = fields.DatetimeField()

    class Meta:
        table = "demand_forecast"
