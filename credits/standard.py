"""The conversion standard's limits, read from one place.

The credits issue replaces these bodies with the versioned 线上学习课时转换标准 (the standard in force on
`day`); every caller already asks by day, so nothing else changes then.
"""

import datetime

from django.conf import settings


def daily_online_limit_seconds(day: datetime.date) -> int:
    """The most online study creditable to one learner on `day` (Asia/Shanghai), in seconds."""
    return settings.ACADEMY_DAILY_ONLINE_CLASS_HOURS * settings.ACADEMY_MINUTES_PER_CLASS_HOUR * 60
