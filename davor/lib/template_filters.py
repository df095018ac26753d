"""Filters every template has (registered as builtins in settings)."""

from django import template

from davor.lib.formats import format_quantity

register = template.Library()
register.filter("quantity", format_quantity)
