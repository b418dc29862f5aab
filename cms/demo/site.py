"""Demo page tree: the academy home, the eight sub-colleges and the course supermarket."""

from dataclasses import dataclass

from wagtail.models import Page, Site

from cms.models import HomePage, SubCollegePage
from courses.models import CourseSupermarketPage
from learners.choices import Industry

SUB_COLLEGE_TITLES = {
    Industry.CHEMICALS: "化工（危险化学品）分院",
    Industry.COAL: "煤矿分院",
    Industry.NON_COAL_MINES: "非煤矿山分院",
    Industry.METALLURGY: "金属冶炼分院",
    Industry.FIREWORKS: "烟花爆竹分院",
    Industry.OIL_GAS: "石油天然气开采分院",
    Industry.DUST_EXPLOSION: "粉尘涉爆分院",
    Industry.AMMONIA_REFRIGERATION: "涉氨制冷分院",
}

HOME_INTRO = (
    "<p>吉林省企业安全生产网络学院面向化工、煤矿、非煤矿山、金属冶炼、烟花爆竹、石油天然气开采、"
    "粉尘涉爆和涉氨制冷等高危行业，为企业主要负责人、安全生产管理人员、特种作业人员、班组长和"
    "新上岗人员提供在线安全技能培训。学员可在课程超市中自主选学，学习时长经核验后计入个人终身学习档案。</p>"
)


@dataclass
class DemoSite:
    home: HomePage
    sub_colleges: dict[str, SubCollegePage]


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def seed_site(*, stdout) -> DemoSite:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="吉林省企业安全生产网络学院", slug="academy", intro=HOME_INTRO)
        )
        _publish(home)
        # Wagtail's install creates a welcome page; the academy home replaces it.
        for page in root.get_children().exclude(pk=home.pk).not_type(HomePage):
            page.delete()
        stdout.write("Created the academy home page.")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title},
    )

    sub_colleges = {}
    for industry, title in SUB_COLLEGE_TITLES.items():
        page = SubCollegePage.objects.filter(industry=industry).first()
        if page is None:
            intro = f"<p>{title}汇集{industry.label}行业的法规标准、事故案例和岗位操作规程课程。</p>"
            page = home.add_child(
                instance=SubCollegePage(title=title, slug=industry.value, industry=industry, intro=intro)
            )
            _publish(page)
            stdout.write(f"Created sub-college {title}.")
        sub_colleges[industry.value] = page

    if not CourseSupermarketPage.objects.exists():
        supermarket = home.add_child(
            instance=CourseSupermarketPage(
                title="课程超市",
                slug="courses",
                intro="<p>按行业、适用对象、层次、专业和岗位筛选课程，自主选学。</p>",
            )
        )
        _publish(supermarket)
    return DemoSite(home=home, sub_colleges=sub_colleges)
