from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0017_enums')]

    initial = False

    operations = [
        ops.AddField(
            model_name='RefreshToken',
            name='successor_sealed',
            field=fields.TextField(null=True, unique=False),
        ),
    ]
