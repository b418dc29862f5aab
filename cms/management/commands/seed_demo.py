from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.demo.column import seed_column
from cms.demo.courses import seed_assignments, seed_courses
from cms.demo.materials import seed_materials
from cms.demo.people import seed_accounts, seed_people
from cms.demo.site import seed_site
from cms.demo.study import (
    seed_authority_staff,
    seed_compliance,
    seed_offline_training,
    seed_recognitions,
    seed_study,
)
from cms.permissions import editorial_access_ensure


class Command(BaseCommand):
    help = "Build the demo academy: page tree, sub-colleges, courses, teaching materials, enterprises, people and demo accounts. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (the demo accounts have a published password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts whose password is published in the README; "
                "it refuses to run with DEBUG off. Use --force if this really is a demo site."
            )
        with transaction.atomic():
            site = seed_site(stdout=self.stdout)
            seed_column(home=site.home, stdout=self.stdout)
            seed_courses(home=site.home, sub_colleges=site.sub_colleges, stdout=self.stdout)
            editorial_access_ensure()
            seed_materials(home=site.home, sub_colleges=site.sub_colleges, stdout=self.stdout)
            seed_accounts(stdout=self.stdout)
            seed_people(stdout=self.stdout)
            seed_assignments(sub_colleges=site.sub_colleges, stdout=self.stdout)
            seed_offline_training(stdout=self.stdout)
            seed_study(stdout=self.stdout)
            seed_compliance(stdout=self.stdout)
            seed_recognitions(stdout=self.stdout)
            seed_authority_staff(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo academy ready."))
