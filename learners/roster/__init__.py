"""Roster import: an enterprise's people from a CSV or Excel (.xlsx) file, all or nothing.

Three steps, kept apart so that each can be tested alone:

1. reading (`reading.roster_file_read`): the upload's type, size and text encoding, into rows of raw cells
   under a recognised header row;
2. checking (`checks.roster_rows_clean`, then `checks.roster_row_plan` per row): pure functions over plain values
   that turn each row into problems, or into a plan (created, updated, new position, unchanged);
3. applying (`services.roster_import_apply`): one transaction of bulk writes — or, if any row has a problem,
   nothing at all and a row-by-row report.

The file format (`format`: columns, vocabulary, the problems a file can have) is shared by the three,
and by the downloadable templates (`template`); the pages are in `views`, the API in `apis`.
"""
