from django.db import migrations, models


def write_menu(apps, schema_editor):
    Drink = apps.get_model("orders", "Drink")
    Drink.objects.bulk_create([Drink(name=name) for name in ("coffee", "espresso", "tea")])


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Drink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=40, unique=True)),
            ],
        ),
        migrations.RunPython(write_menu, migrations.RunPython.noop),
    ]
