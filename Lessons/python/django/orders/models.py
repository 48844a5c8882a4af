from django.db import models


class Drink(models.Model):
    """A drink on the menu: each order looks its drink up (a real query on SQLite) before it is brewed."""

    name = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.name
