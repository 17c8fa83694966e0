from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0016_write_off')]

    initial = False

    # Timelines written before approval and review had separate reject actions say "reject";
    # the API now reads kinds as an enum, so those rows take the name of the reject they were.
    operations = [
        ops.RunSQL(
            "UPDATE \"order_event\" SET \"kind\" = 'reject_approval' "
            "WHERE \"kind\" = 'reject' AND \"from_status\" = 'pending_approval'",
            reverse_sql="UPDATE \"order_event\" SET \"kind\" = 'reject' "
            "WHERE \"kind\" = 'reject_approval'",
        ),
        ops.RunSQL(
            "UPDATE \"order_event\" SET \"kind\" = 'reject_review' WHERE \"kind\" = 'reject'",
            reverse_sql="UPDATE \"order_event\" SET \"kind\" = 'reject' "
            "WHERE \"kind\" = 'reject_review'",
        ),
    ]
