"""Demo policy column: 「安全技能提升行动」宣传专栏 with a dozen posts of every kind.

Content follows the Jilin implementation plan for the high-risk industry safety-skills
improvement action (/work/shared/seed); enterprises in the results table are fictional.
"""

import datetime

from cms.models import HomePage, PolicyColumnPage, PolicyKind, PolicyPostPage

COLUMN_TITLE = "「安全技能提升行动」宣传专栏"

SUBSIDY_TABLE = {
    "data": [
        ["序号", "企业名称", "所在市（州）", "培训合格人数", "补贴金额（元）"],
        ["1", "长春示范化工有限公司", "长春市", "80", "96000"],
        ["2", "吉林市北方冶金有限公司", "吉林市", "126", "151200"],
        ["3", "通化长白非煤矿业有限公司", "通化市", "64", "76800"],
        ["4", "白山松江煤业有限责任公司", "白山市", "152", "182400"],
        ["5", "延边海兰烟花爆竹有限公司", "延边州", "38", "45600"],
    ],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
}


def _p(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


# (slug, kind, days before the seed date, title, summary, body paragraphs, tags)
POSTS = [
    (
        "implementation-plan",
        PolicyKind.POLICY_DOCUMENT,
        60,
        "吉林省高危行业领域安全技能提升行动计划实施方案",
        "省应急管理厅、人力资源和社会保障厅、教育厅、财政厅和煤矿安全监察局联合印发实施方案。",
        _p(
            "按照《关于高危行业领域安全技能提升行动计划的实施意见》（应急〔2019〕107号）和《吉林省职业技能提升行动实施方案》（2019—2021年）的有关部署，制定我省高危行业领域安全技能提升行动计划的实施方案。",
            "以防范遏制重特大事故为导向，以落实安全技能培训合格后上岗制度为核心，深入开展全覆盖、多手段、高质量的安全技能提升培训教育。",
        ),
        ["实施方案", "高危行业"],
    ),
    (
        "subsidy-measures",
        PolicyKind.POLICY_DOCUMENT,
        55,
        "高危企业安全技能项目制培训补贴办法",
        "企业开展安全技能项目制培训，按规定申领培训补贴。",
        _p(
            "高危企业开展安全技能项目制培训，制定培训项目计划书，明确培训任务、经费等内容，并将培训计划报所在市（州）应急管理部门备案。",
            "企业申报补贴时须提供培训项目计划书、备案证明材料、培训人员签到簿或培训日志、授课过程影像资料和企业银行账户信息。",
        ),
        ["培训补贴", "项目制培训"],
    ),
    (
        "targets-explained",
        PolicyKind.INTERPRETATION,
        50,
        "一图读懂：安全技能提升行动的目标任务",
        "高危企业在岗和新招录人员100%培训考核合格后上岗，特种作业人员100%持证上岗。",
        _p(
            "从2019年11月起至2021年底，重点在高危企业实施安全技能提升行动计划。",
            "高危企业班组长普遍接受安全技能提升培训，其中取得职业资格证书或职业技能等级证书或接受相关专业中职及以上学历教育的人员比例不低于20%。",
            "化工、煤矿、金属非金属地下矿山、金属冶炼、石油天然气开采企业从业人员中取得职业资格证书或职业技能等级证书的比例达到30%以上。",
        ),
        ["实施方案", "政策解读"],
    ),
    (
        "subsidy-explained",
        PolicyKind.INTERPRETATION,
        45,
        "政策解读：项目制培训补贴怎么申请",
        "补贴对象、标准、程序和申报材料逐条说明。",
        _p(
            "补贴对象为矿山、化工危险化学品、烟花爆竹、金属冶炼、粉尘涉爆、涉氨制冷等高危行业领域企业的主要负责人、安全生产管理人员、班组长和特种作业人员。",
            "企业应先将培训项目计划书报应急管理部门备案，培训结束后持签到簿、影像资料和收费发票申报补贴。",
        ),
        ["培训补贴", "政策解读"],
    ),
    (
        "training-base-explained",
        PolicyKind.INTERPRETATION,
        40,
        "政策解读：实训基地和实操考试点建设补贴",
        "2019年1月1日后通过验收的实训基地或实操考试点，可申请30万元补贴。",
        _p(
            "已建成的安全技能实训基地或特种作业实操考试点符合建设标准，且于2019年1月1日后通过相关验收的，给予30万元补贴资金支持。",
            "申请时须提供实训基地简介、培训（考核）学员台账、有关部门现场核查意见书和企业银行账户信息。",
        ),
        ["实训基地", "培训补贴"],
    ),
    (
        "online-training-notice",
        PolicyKind.NOTICE,
        30,
        "关于组织高危企业班组长网络安全技能培训的通知",
        "各高危企业组织班组长在网络学院完成不少于24学时的安全技能提升培训。",
        _p(
            "各市（州）应急管理局、有关企业：为落实班组长普遍接受安全技能提升培训的要求，现组织高危企业班组长参加吉林省企业安全生产网络学院在线培训。",
            "请各企业于本季度内完成人员名单报送，学员在课程超市中按本岗位选学，学时经核验后计入个人终身学习档案。",
        ),
        ["班组长", "网络培训"],
    ),
    (
        "special-operations-exam-notice",
        PolicyKind.NOTICE,
        25,
        "关于开展特种作业人员实操考试的通知",
        "全省各实操考试点按月安排特种作业人员实际操作考试。",
        _p(
            "特种作业人员须100%持证上岗。各考试点按月公布考试计划，考生通过网络学院完成理论培训后，携身份证参加实际操作考试。",
            "电子证件与纸质证件具有同样法律效力。",
        ),
        ["特种作业", "考试"],
    ),
    (
        "subsidy-application-notice",
        PolicyKind.NOTICE,
        20,
        "关于申报高危企业安全技能项目制培训补贴的通知",
        "申报截止日期为2021年12月31日，逾期不予受理。",
        _p(
            "各高危企业开展项目制培训的，请按补贴办法准备申报材料，向所在市（州）应急管理部门提出申请。",
            "委托培训机构开展培训的，须提供培训收费发票。",
        ),
        ["培训补贴", "申报"],
    ),
    (
        "subsidy-results-first-batch",
        PolicyKind.SUBSIDY_RESULT,
        10,
        "2021年第一批高危企业安全技能项目制培训补贴结果通报",
        "经市（州）审核、省级复核，现将第一批补贴结果予以通报。",
        _p(
            "根据高危企业安全技能项目制培训补贴办法，经各市（州）应急管理、人力资源和社会保障、财政部门审核，现将第一批补贴结果通报如下："
        )
        + [("table", SUBSIDY_TABLE)]
        + _p("对结果有异议的，请于通报之日起5个工作日内向所在市（州）应急管理部门反映。"),
        ["培训补贴", "结果通报"],
    ),
    (
        "kick-off-meeting",
        PolicyKind.NEWS,
        35,
        "全省高危行业领域安全技能提升行动推进会召开",
        "会议部署全覆盖、多手段、高质量的安全技能提升培训。",
        _p(
            "推进会要求各地以企业为主体、各类机构积极参与，形成部门协调配合、政府激励推动的安全技能培训格局。"
        ),
        ["工作动态", "推进会"],
    ),
    (
        "demonstration-bases",
        PolicyKind.NEWS,
        15,
        "我省遴选首批安全技能实训和实操考试示范基地",
        "力争遴选培育4个以上具有辐射引领作用的示范基地。",
        _p("首批示范基地覆盖化工、煤矿和金属冶炼行业，将为全省特种作业人员实操考试提供支撑。"),
        ["实训基地", "工作动态"],
    ),
    (
        "network-academy-launch",
        PolicyKind.NEWS,
        5,
        "吉林省企业安全生产网络学院上线运行",
        "八个行业分院同步开课，学员可在课程超市自主选学。",
        _p(
            "网络学院面向化工、煤矿、非煤矿山、金属冶炼、烟花爆竹、石油天然气开采、粉尘涉爆和涉氨制冷等高危行业，提供分层次、分专业、分岗位的在线课程。"
        ),
        ["网络培训", "工作动态"],
    ),
]


def seed_column(*, home: HomePage, stdout) -> PolicyColumnPage:
    """Adds the column and any missing post (by slug); an existing page is left as it is."""
    column = PolicyColumnPage.objects.first()
    if column is None:
        column = home.add_child(
            instance=PolicyColumnPage(
                title=COLUMN_TITLE,
                slug="column",
                intro="<p>宣传高危行业领域安全技能提升行动政策，发布通知公告、补贴结果和工作动态。</p>",
            )
        )
        column.save_revision().publish()
        stdout.write(f"Created the policy column {COLUMN_TITLE}.")
    existing = set(PolicyPostPage.objects.child_of(column).values_list("slug", flat=True))
    today = datetime.date.today()
    for slug, kind, days_ago, title, summary, body, tags in POSTS:
        if slug in existing:
            continue
        post = PolicyPostPage(
            title=title,
            slug=slug,
            kind=kind,
            publish_date=today - datetime.timedelta(days=days_ago),
            summary=summary,
            body=body,
        )
        post.tags.add(*tags)
        column.add_child(instance=post)
        post.save_revision().publish()
        stdout.write(f"Created column post {title}.")
    return column
