"""The fixed vocabularies of the domain notes: industries, roles and prefectures.

They live here because `learners` depends on nothing else of ours, so every
other app can use them. The codes are a public contract (URLs, API, seed data).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.TextChoices):
    """High-risk industries; each has one sub-college whose slug is the code."""

    CHEMICALS = "chemicals", _("Chemicals (hazardous chemicals)")
    COAL = "coal", _("Coal mines")
    NON_COAL_MINES = "non-coal-mines", _("Non-coal mines (metal and non-metal mines)")
    METALLURGY = "metallurgy", _("Metal smelting")
    FIREWORKS = "fireworks", _("Fireworks and firecrackers")
    OIL_GAS = "oil-gas", _("Oil and gas extraction")
    DUST_EXPLOSION = "dust-explosion", _("Combustible dust")
    AMMONIA_REFRIGERATION = "ammonia-refrigeration", _("Ammonia refrigeration")


class Role(models.TextChoices):
    """Role categories of a worker; a course's audiences use the same codes."""

    PRINCIPAL = "principal", _("Principal")
    SAFETY_MANAGER = "safety_manager", _("Safety manager")
    SAFETY_DIRECTOR = "safety_director", _("Safety director")
    SPECIAL_OPERATOR = "special_operator", _("Special operator")
    TEAM_LEADER = "team_leader", _("Team leader")
    NEW_HIRE = "new_hire", _("New hire")
    WORKER = "worker", _("Worker")


class Prefecture(models.TextChoices):
    """Jilin's prefecture-level units and the units reporting directly to the province."""

    CHANGCHUN = "changchun", _("Changchun")
    JILIN = "jilin", _("Jilin City")
    SIPING = "siping", _("Siping")
    LIAOYUAN = "liaoyuan", _("Liaoyuan")
    TONGHUA = "tonghua", _("Tonghua")
    BAISHAN = "baishan", _("Baishan")
    SONGYUAN = "songyuan", _("Songyuan")
    BAICHENG = "baicheng", _("Baicheng")
    YANBIAN = "yanbian", _("Yanbian Korean Autonomous Prefecture")
    CHANGBAISHAN = "changbaishan", _("Changbaishan Administrative Committee")
    MEIHEKOU = "meihekou", _("Meihekou")
    GONGZHULING = "gongzhuling", _("Gongzhuling")
