
import secrets

from django.db import migrations, models


def split_decks(apps, schema_editor):
    # Unfiltered draws now order by unfiltered impressions, filtered draws by filtered impressions; fresh
    # secret jitter for both keys (never the global random generator).
    RouletteSlot = apps.get_model("wagtail_opengov", "RouletteSlot")
    for slot in RouletteSlot.objects.all().iterator():
        slot.draw_key = slot.impressions - slot.filtered_impressions + secrets.randbits(53) / (1 << 53)
        slot.filter_key = slot.filtered_impressions + secrets.randbits(53) / (1 << 53)
        slot.save(update_fields=["draw_key", "filter_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_opengov', '0002_roulette_and_votes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='rouletteslot',
            name='opengov_slot_cat_draw_idx',
        ),
        migrations.AddField(
            model_name='rouletteslot',
            name='filter_key',
            field=models.FloatField(default=0.0, verbose_name='draw key in filtered draws'),
        ),
        migrations.AddIndex(
            model_name='rouletteslot',
            index=models.Index(condition=models.Q(('eligible', True)), fields=['campaign', 'category_key', 'filter_key'], name='opengov_slot_cat_filter_idx'),
        ),
        migrations.RunPython(split_decks, migrations.RunPython.noop),
    ]
