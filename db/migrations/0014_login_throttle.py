from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_outbox_claims')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LoginThrottle',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=400)),
                ('attempts', fields.IntField(default=0)),
                ('window_started_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'login_throttle', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Sign-in attempts counted under one key, in the current window.'},
            bases=['Model'],
        ),
        ops.DeleteModel(name='LoginFailure'),
    ]
