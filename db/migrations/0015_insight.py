from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0014_login_throttle')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DemandForecast',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sku', fields.CharField(unique=True, max_length=64)),
                ('model', fields.CharField(max_length=40)),
                ('first_week', fields.DateField()),
                ('weekly', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('backtest_mase', fields.FloatField(null=True)),
                ('backtest_mae', fields.FloatField(null=True)),
                ('history_weeks', fields.IntField()),
                ('computed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'demand_forecast', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The latest weekly forecast of one SKU, with the model that made it and how well that'},
            bases=['Model'],
        ),
    ]
