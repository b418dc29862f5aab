"""Signals other apps listen to, so that `learners` need not import them."""

from django.dispatch import Signal

# Sent by `roster.roster_import_apply` inside the import's transaction, after its rows are written, with
# `enterprise`, `identity_numbers` (every person in the file) and `on` (the import's date). A receiver
# that raises rolls the whole import back.
roster_applied = Signal()
