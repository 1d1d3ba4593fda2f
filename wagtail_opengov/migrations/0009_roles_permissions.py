from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_opengov', '0008_hot_tables_without_page_locks'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='comment',
            options={'ordering': ['created_at', 'pk'], 'permissions': [('post_official_answer', 'Can post official answers on project pages')], 'verbose_name': 'comment', 'verbose_name_plural': 'comments'},
        ),
        migrations.AddField(
            model_name='objection',
            name='text_public',
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name='objected text shown publicly'),
        ),
    ]
