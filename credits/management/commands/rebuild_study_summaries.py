from django.core.management.base import BaseCommand, CommandError

from credits.study.summaries import study_summaries_rebuild


class Command(BaseCommand):
    help = "Recompute lesson progress and daily study from the study record, printing every difference."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only report differences (exit 1 if any); change nothing."
        )

    def handle(self, *args, check: bool = False, **options):
        differences = study_summaries_rebuild(write=not check)
        for difference in differences:
            self.stdout.write(str(difference))
        if not differences:
            self.stdout.write("The summaries agree with the study record.")
            return
        if check:
            raise CommandError(
                f"{len(differences)} difference(s) between the summaries and the study record."
            )
        self.stdout.write(f"Fixed {len(differences)} difference(s).")
