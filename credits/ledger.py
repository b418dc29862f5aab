"""Append-only records: a row of legal record is written once and corrected only by a new row."""

from django.db import models


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete a row of an append-only record."""


class AppendOnlyModel(models.Model):
    """A row of legal record: written once, corrected only by a new row (never updated or deleted)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only; record a new row.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only; they are never deleted.")
