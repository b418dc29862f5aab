"""Who may do what in the Wagtail admin: the editorial groups, their collections and the review workflow.

Wagtail page permissions inherit down the tree, so each group holds its permissions on the top of the
subtree it works in: course editors on every sub-college (the courses, lessons, teaching materials and
training packages below it), publicity staff on the policy column. Neither holds *publish*: their pages
go live only through the review workflow, whose one task is approved by the Reviewers group. Site
administrators hold every Wagtail permission from the root page and the root collection down (the demo
`admin` stays a superuser).

Documents, images and videos are kept apart the same way, by collection: each author group adds and
changes files only in its own collection.

`editorial_access_ensure` is idempotent and takes an `apps` registry, so the data migration that gives
real sites these groups runs the same code with historical models as `seed_demo` does with live ones.
A sub-college created later in the admin gets its permissions and workflow from the
`after_create_page` hook in `cms/wagtail_hooks.py`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from wagtail.models import Collection as _TreeCollection

COURSE_EDITORS = "Course editors"
PUBLICITY_STAFF = "Publicity staff"
REVIEWERS = "Reviewers"
SITE_ADMINISTRATORS = "Site administrators"

COURSE_MATERIALS_COLLECTION = "Course materials"
POLICY_COLUMN_COLLECTION = "Policy column"

REVIEW_WORKFLOW = "Review before publishing"
REVIEW_TASK = "Reviewers approve"

# Authors add and edit (which includes submitting for review); only reviewers publish.
AUTHOR_PAGE_PERMISSIONS = ("add", "change")
REVIEWER_PAGE_PERMISSIONS = ("change", "publish")
ALL_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
AUTHOR_MEDIA_PERMISSIONS = ("add", "change", "choose")
ALL_MEDIA_PERMISSIONS = ("add", "change", "delete", "choose")
# The collection-kept models, by app: documents, images and videos.
MEDIA_MODELS = {"wagtaildocs": "document", "wagtailimages": "image", "wagtailmedia": "media"}

# The apps whose model permissions make a site administrator (users and groups, sites, workflows,
# redirects, media, the page and snippet models). Learners' personal data and credits are not content.
SITE_ADMINISTRATOR_APPS = (
    "auth",
    "wagtailcore",
    "wagtailadmin",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
    "wagtailusers",
    "wagtailmedia",
    "taggit",
    "cms",
    "courses",
)
APPS_WITH_PERMISSIONS = SITE_ADMINISTRATOR_APPS


def editorial_access_ensure(*, apps=global_apps) -> None:
    """Create (or complete) the editorial groups, collections and review workflow, and grant them on
    every sub-college and policy column that exists. Never removes what an administrator added."""
    _create_missing_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page = apps.get_model("wagtailcore", "Page")

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name in (COURSE_EDITORS, PUBLICITY_STAFF, REVIEWERS, SITE_ADMINISTRATORS):
        groups[name], _ = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(access_admin)
    groups[SITE_ADMINISTRATORS].permissions.add(
        *Permission.objects.filter(content_type__app_label__in=SITE_ADMINISTRATOR_APPS)
    )

    course_materials = _child_collection(Collection, COURSE_MATERIALS_COLLECTION)
    column_materials = _child_collection(Collection, POLICY_COLUMN_COLLECTION)
    for group, collection, actions in (
        (groups[COURSE_EDITORS], course_materials, AUTHOR_MEDIA_PERMISSIONS),
        (groups[PUBLICITY_STAFF], column_materials, AUTHOR_MEDIA_PERMISSIONS),
        (groups[REVIEWERS], course_materials, ("choose",)),
        (groups[REVIEWERS], column_materials, ("choose",)),
        (groups[SITE_ADMINISTRATORS], Collection.objects.get(depth=1), ALL_MEDIA_PERMISSIONS),
    ):
        for permission in _media_permissions(Permission, actions):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )

    root_page = Page.objects.get(depth=1)
    for permission in _page_permissions(Permission, ALL_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(
            group=groups[SITE_ADMINISTRATORS], page=root_page, permission=permission
        )

    workflow = _review_workflow(apps, reviewers=groups[REVIEWERS])
    for model_name, authors in (
        ("SubCollegePage", groups[COURSE_EDITORS]),
        ("PolicyColumnPage", groups[PUBLICITY_STAFF]),
    ):
        for page_id in apps.get_model("cms", model_name).objects.values_list("pk", flat=True):
            _grant_subtree(
                apps,
                page_id=page_id,
                authors=authors,
                reviewers=groups[REVIEWERS],
                workflow=workflow,
            )


def _create_missing_permissions(apps) -> None:
    # In a migration, permissions are made by post_migrate, which runs only after every migration:
    # create those this code needs now (the same recipe as Django's docs for data migrations).
    for label in APPS_WITH_PERMISSIONS:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:
            continue
        if apps is global_apps:
            create_permissions(app_config, verbosity=0, apps=apps)
            continue
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _page_permissions(Permission, actions):
    return Permission.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename__in=[f"{action}_page" for action in actions],
    )


def _media_permissions(Permission, actions):
    # Videos too: lessons and materials embed them. wagtailmedia has no "choose" permission (its chooser
    # lists what the user may change), so a "choose" grant simply finds no media row.
    codenames = [f"{action}_{model}" for action in actions for model in MEDIA_MODELS.values()]
    return Permission.objects.filter(content_type__app_label__in=MEDIA_MODELS, codename__in=codenames)


def _child_collection(Collection, name: str):
    """A collection directly under the root, created without treebeard's methods (absent from
    historical models) but with its path arithmetic."""
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing is not None:
        return existing
    root = Collection.objects.get(depth=1)
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    step = _TreeCollection._str2int(last.path[-_TreeCollection.steplen :]) + 1 if last else 1
    collection = Collection.objects.create(
        name=name, path=_TreeCollection._get_path(root.path, 2, step), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=Collection.objects.filter(depth=2).count())
    return collection


def _review_workflow(apps, *, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK, content_type=content_type, active=True)
        task.groups.add(reviewers)
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _grant_subtree(apps, *, page_id: int, authors, reviewers, workflow) -> None:
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for group, actions in ((authors, AUTHOR_PAGE_PERMISSIONS), (reviewers, REVIEWER_PAGE_PERMISSIONS)):
        for permission in _page_permissions(Permission, actions):
            GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)
    # A page keeps a workflow an administrator chose for it.
    WorkflowPage.objects.get_or_create(page_id=page_id, defaults={"workflow": workflow})
