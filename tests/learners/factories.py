"""Factories for people. Identity numbers and credit codes are checksum-valid fakes."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from learners import services
from learners.fake import fake_credit_code, fake_identity_number
from learners.models import Enterprise, Learner

_serial = itertools.count(5000)


def make_enterprise(
    *, name: str = "", industry: str = "chemicals", prefecture: str = "changchun", admin=None
) -> Enterprise:
    serial = next(_serial)
    enterprise = services.enterprise_create(
        name=name or f"测试化工有限公司{serial}",
        credit_code=fake_credit_code(serial),
        industry=industry,
        prefecture=prefecture,
    )
    if admin is not None:
        services.enterprise_administrator_add(enterprise=enterprise, user=admin)
    return enterprise


def make_user(username: str = "", **fields):
    return get_user_model().objects.create_user(
        username=username or f"user{next(_serial)}", password="pw", **fields
    )


def make_enterprise_admin(enterprise: Enterprise | None = None, **enterprise_fields):
    user = make_user()
    enterprise = enterprise or make_enterprise(**enterprise_fields)
    services.enterprise_administrator_add(enterprise=enterprise, user=user)
    return user, enterprise


def make_authority(prefecture: str = "changchun"):
    return services.authority_user_create(
        username=f"authority{next(_serial)}", password="pw", prefecture=prefecture
    )


def make_learner(
    *, name: str = "张三", phone: str = "", identity_number: str = "", password: str | None = None
) -> Learner:
    learner = services.learner_create(
        identity_number=identity_number or fake_identity_number(next(_serial)), name=name, phone=phone
    )
    if password is not None:
        services.learner_set_password(learner=learner, password=password)
    return learner


def engage(
    learner: Learner,
    enterprise: Enterprise,
    *,
    roles=("worker",),
    position: str = "操作工",
    employment_type: str = "own",
    started_on: datetime.date = datetime.date(2024, 1, 1),
    ended_on: datetime.date | None = None,
    operation_items=(),
):
    return services.engagement_create(
        learner=learner,
        enterprise=enterprise,
        position=position,
        roles=list(roles),
        employment_type=employment_type,
        started_on=started_on,
        ended_on=ended_on,
        operation_items=list(operation_items),
    )
