"""Demo teaching materials (教材), the library page and vocational training packages.

Every sub-college gets materials across the three levels and three formats, most with a one-page PDF
drawn here with reportlab (a built-in CID font, so each file is a couple of kilobytes), one with a
video and one as rich text only. One loose-leaf material is published twice, as 2025年第1版 and then
2026年第2版 with a new file, so the library shows an edition history. Demo courses link the materials
they use, and two sub-colleges get a training package for one of their positions.

Like the rest of the seed, it adds what is missing (by slug) and leaves existing pages as they are.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.demo.courses import _video
from cms.models import HomePage, SubCollegePage
from cms.permissions import COURSE_MATERIALS_COLLECTION
from courses.materials.models import (
    CourseMaterial,
    MaterialEdition,
    MaterialFormat,
    MaterialLibraryPage,
    MaterialPage,
)
from courses.models import CoursePage, Level, Position, Specialty
from courses.packages.models import TrainingPackageCourse, TrainingPackageMaterial, TrainingPackagePage

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PDF_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, spaceAfter=8, wordWrap="CJK")
PDF_BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=14, spaceAfter=4, wordWrap="CJK")

LIBRARY_INTRO = (
    "<p>教材库汇集各行业分院发布的培训教材，按层次、专业、岗位和形式（活页式、工作手册式、标准教材）"
    "分类，可在线阅读和下载。活页式教材按页更新，历次版本及修订内容均可查阅。</p>"
)

# The loose-leaf material whose history the demo shows: its first edition, then the second.
HISTORY_SLUG = "hazardous-chemicals-safe-work"
SECOND_EDITION = {
    "edition": "2026年第2版",
    "edition_date": datetime.date(2026, 9, 1),
    "edition_changes": (
        "更新第3、7页：按 GB 30871-2022 修订动火分级和动火作业许可证有效期；"
        "第12页新增受限空间作业气体检测记录示例。"
    ),
    "pages": [
        "第3页（修订）：固定动火区外的动火作业分为特级、一级和二级，特级、一级动火作业许可证有效期不超过8小时。",
        "第7页（修订）：动火分析与动火作业开始的时间间隔不超过30分钟，作业中断后应重新分析。",
        "第12页（新增）：受限空间作业气体检测记录示例。",
    ],
}

# Each material: its sub-college (industry), slug, title, summary, level, format, specialties, positions,
# edition and edition date, and the slugs of the courses that use it; optional: "pages" (text of the PDF),
# "body" (rich text instead of a file), "video" (the industry's demo video as well).
MATERIALS = [
    {
        "industry": "chemicals",
        "slug": HISTORY_SLUG,
        "title": "危险化学品安全作业活页教材",
        "summary": "依据《危险化学品企业特殊作业安全规范》（GB 30871），按动火、受限空间、盲板抽堵、高处、吊装、"
        "临时用电、动土和断路八类特殊作业分页编写，标准修订时逐页更新。",
        "level": Level.BASIC,
        "format": MaterialFormat.LOOSE_LEAF,
        "specialties": ["hazardous-chemical-processes"],
        "positions": ["hot-work", "team-leader"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 3, 1),
        "courses": ["hot-work-safety"],
        "pages": [
            "第3页：动火作业分为特级、一级和二级，作业前应办理动火安全作业票。",
            "第7页：动火分析合格后方可动火，监护人全程在场。",
        ],
    },
    {
        "industry": "chemicals",
        "slug": "chemical-operator-workbook",
        "title": "化工总控工岗位工作手册",
        "summary": "以典型危险化工工艺装置的开停车、巡检和异常工况处置为任务单元，每个任务配有操作步骤、"
        "风险提示和自查记录表，供化工总控工在岗对照使用。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.WORKBOOK,
        "specialties": ["hazardous-chemical-processes"],
        "positions": ["chemical-operator"],
        "edition": "2026年第1版",
        "edition_date": datetime.date(2026, 4, 15),
        "courses": ["hazardous-process-operations"],
        "pages": [
            "任务一：装置开车前检查——确认联锁投用、仪表校验和盲板拆除记录。",
            "任务二：反应温度异常升高的处置——切断进料、加大冷却、按程序紧急停车。",
        ],
    },
    {
        "industry": "chemicals",
        "slug": "chemical-principal-reader",
        "title": "危险化学品企业主要负责人安全生产管理读本",
        "summary": "围绕主要负责人的法定职责，讲解安全风险分级管控和隐患排查治理双重预防机制、重大危险源管理和"
        "事故应急救援，附典型事故案例评析。",
        "level": Level.ADVANCED,
        "format": MaterialFormat.STANDARD,
        "specialties": ["hazardous-chemical-processes"],
        "positions": [],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 6, 1),
        "courses": ["chemical-principal-responsibility"],
    },
    {
        "industry": "chemicals",
        "slug": "chemical-new-hire-essentials",
        "title": "化工企业新上岗人员三级安全教育要点",
        "summary": "厂级、车间级和班组级安全教育的内容要点与考核要求，新员工上岗前逐条学习。",
        "level": Level.BASIC,
        "format": MaterialFormat.STANDARD,
        "specialties": [],
        "positions": [],
        "edition": "2026年第1版",
        "edition_date": datetime.date(2026, 2, 20),
        "courses": ["chemical-new-hire-induction"],
        "body": (
            "<h2>厂级安全教育</h2>"
            "<p>学习安全生产法律法规、本企业安全生产规章制度和劳动纪律，了解厂区主要危险有害因素和"
            "重大危险源分布。</p>"
            "<h2>车间级安全教育</h2>"
            "<p>掌握本车间生产工艺流程、主要设备的安全操作要求、危险化学品的理化特性和防护措施，"
            "熟悉车间应急疏散路线。</p>"
            "<h2>班组级安全教育</h2>"
            "<ul><li>本岗位安全操作规程和交接班制度；</li>"
            "<li>劳动防护用品的正确佩戴和使用；</li>"
            "<li>岗位应急处置卡的内容和演练。</li></ul>"
            "<p>三级安全教育合计不少于72学时，经考核合格后方可上岗。</p>"
        ),
    },
    {
        "industry": "coal",
        "slug": "gas-inspector-workbook",
        "title": "煤矿瓦斯检查工岗位工作手册",
        "summary": "按班前准备、巡回检查、记录填写和超限处置编排，列出光学瓦斯检定器的使用步骤和各地点的"
        "瓦斯浓度限值，一页一项任务。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.WORKBOOK,
        "specialties": ["ventilation-gas"],
        "positions": ["gas-inspector"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 9, 1),
        "courses": ["coal-gas-inspection"],
        "pages": [
            "任务一：班前检查光学瓦斯检定器的气密性和光谱清晰度。",
            "任务二：采煤工作面回风流中甲烷浓度达到1.0%时，停止电钻打眼。",
        ],
    },
    {
        "industry": "coal",
        "slug": "coal-mine-safety-regulations-reader",
        "title": "《煤矿安全规程》（2022）学习读本",
        "summary": "逐章解读《煤矿安全规程》的重点条款，配有条文释义和违章案例，供煤矿主要负责人和安全生产"
        "管理人员复训使用。",
        "level": Level.ADVANCED,
        "format": MaterialFormat.STANDARD,
        "specialties": ["ventilation-gas"],
        "positions": [],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 1, 10),
        "courses": ["coal-principal-refresher"],
    },
    {
        "industry": "coal",
        "slug": "new-miner-loose-leaf",
        "title": "煤矿新工人入井安全活页教材",
        "summary": "入井须知、自救器使用、避灾路线和“手指口述”安全确认，按井下作业场所分页，随矿井"
        "生产系统调整逐页更换。",
        "level": Level.BASIC,
        "format": MaterialFormat.LOOSE_LEAF,
        "specialties": [],
        "positions": [],
        "edition": "2026年第1版",
        "edition_date": datetime.date(2026, 3, 1),
        "courses": ["coal-new-miner-rules"],
        "video": True,
    },
    {
        "industry": "coal",
        "slug": "hoist-operator-cards",
        "title": "提升机操作工岗位操作活页卡",
        "summary": "提升机开车前检查、正常运行、紧急制动和交接班的操作要点，每张卡片对应一个操作环节。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.LOOSE_LEAF,
        "specialties": ["electrical"],
        "positions": ["hoist-operator"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 11, 5),
        "courses": ["coal-hoist-operation"],
    },
    {
        "industry": "non-coal-mines",
        "slug": "blaster-workbook",
        "title": "金属非金属矿山爆破工工作手册",
        "summary": "爆破器材领退、装药、联线、警戒和盲炮处理的作业步骤与检查表，依据《爆破安全规程》编写。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.WORKBOOK,
        "specialties": ["blasting"],
        "positions": ["blaster"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 5, 20),
        "courses": ["metal-mine-blasting"],
    },
    {
        "industry": "metallurgy",
        "slug": "metallurgical-gas-workbook",
        "title": "冶金煤气作业人员工作手册",
        "summary": "高炉、转炉和焦炉煤气区域作业的检测、置换、带煤气作业和中毒救援步骤，附一氧化碳报警"
        "处置流程图。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.WORKBOOK,
        "specialties": ["metallurgical-gas"],
        "positions": ["gas-operator"],
        "edition": "2026年第1版",
        "edition_date": datetime.date(2026, 5, 10),
        "courses": ["metallurgical-gas-safety"],
    },
    {
        "industry": "metallurgy",
        "slug": "molten-metal-loose-leaf",
        "title": "高温熔融金属作业安全活页教材",
        "summary": "吊运熔融金属的起重设备、炉前作业和防止水与熔融金属接触的要求，按炼钢、炼铁和铸造工序分页。",
        "level": Level.ADVANCED,
        "format": MaterialFormat.LOOSE_LEAF,
        "specialties": [],
        "positions": ["furnace-operator"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 8, 1),
        "courses": ["molten-metal-safety"],
    },
    {
        "industry": "metallurgy",
        "slug": "metallurgy-electrical-basics",
        "title": "冶金企业电气安全基础",
        "summary": "触电防护、电气防火和临时用电管理的基础知识，面向冶金企业电工和新上岗人员。",
        "level": Level.BASIC,
        "format": MaterialFormat.STANDARD,
        "specialties": ["electrical"],
        "positions": ["electrician"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 4, 12),
        "courses": ["metallurgy-electrical-safety"],
    },
    {
        "industry": "fireworks",
        "slug": "pyrotechnic-mixer-workbook",
        "title": "烟花爆竹药物混合工岗位工作手册",
        "summary": "药物混合的定员定量、防静电、工房温湿度控制和撤离条件，每项任务配操作记录表。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.WORKBOOK,
        "specialties": [],
        "positions": ["pyrotechnic-mixer"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 7, 1),
        "courses": ["fireworks-mixing"],
    },
    {
        "industry": "fireworks",
        "slug": "fireworks-principal-reader",
        "title": "烟花爆竹生产经营单位主要负责人安全培训教材",
        "summary": "烟花爆竹生产经营的法规要求、重大事故隐患判定标准和安全生产标准化建设。",
        "level": Level.ADVANCED,
        "format": MaterialFormat.STANDARD,
        "specialties": [],
        "positions": [],
        "edition": "2026年第1版",
        "edition_date": datetime.date(2026, 1, 15),
        "courses": ["fireworks-principal"],
    },
    {
        "industry": "fireworks",
        "slug": "fireworks-new-hire-loose-leaf",
        "title": "烟花爆竹企业新上岗人员安全活页教材",
        "summary": "危险品生产区的进出规定、防火防爆和防静电要求，按工房类别分页，随工艺调整更新。",
        "level": Level.BASIC,
        "format": MaterialFormat.LOOSE_LEAF,
        "specialties": [],
        "positions": [],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 10, 8),
        "courses": ["fireworks-new-hire"],
    },
    {
        "industry": "oil-gas",
        "slug": "well-control-workbook",
        "title": "井控操作工岗位工作手册",
        "summary": "溢流发现、关井操作和压井施工的岗位分工与操作步骤，附防喷器组检查表。",
        "level": Level.SPECIALIZED,
        "format": MaterialFormat.WORKBOOK,
        "specialties": ["well-control"],
        "positions": ["well-control-operator"],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 6, 18),
        "courses": ["well-control-technology"],
    },
    {
        "industry": "dust-explosion",
        "slug": "dust-explosion-basics-reader",
        "title": "粉尘防爆安全基础知识",
        "summary": "可燃性粉尘的爆炸条件、除尘系统和清扫制度的要求，以及粉尘涉爆企业常见的重大事故隐患。",
        "level": Level.BASIC,
        "format": MaterialFormat.STANDARD,
        "specialties": ["dust-explosion-prevention"],
        "positions": [],
        "edition": "2025年第1版",
        "edition_date": datetime.date(2025, 2, 28),
        "courses": ["dust-explosion-basics"],
    },
    {
        "industry": "ammonia-refrigeration",
        "slug": "liquid-ammonia-loose-leaf",
        "title": "涉氨制冷企业液氨使用安全活页教材",
        "summary": "液氨的危险特性、制冷系统的安全附件、氨泄漏的检测报警和应急处置，按机房、库房和"
        "充装环节分页。",
        "level": Level.ADVANCED,
        "format": MaterialFormat.LOOSE_LEAF,
        "specialties": ["refrigeration"],
        "positions": ["refrigeration-operator"],
        "edition": "2026年第1版",
        "edition_date": datetime.date(2026, 6, 1),
        "courses": ["ammonia-refrigeration-operation"],
    },
]

# industry, slug, title, summary, position, course slugs, material slugs
PACKAGES = [
    (
        "chemicals",
        "chemical-operator-package",
        "化工总控工职业培训包",
        "化工总控工上岗和复训所需的课程与教材：危险化工工艺操作、特殊作业和泄漏应急，企业可一次布置给"
        "本岗位的全部人员。",
        "chemical-operator",
        ["hazardous-process-operations", "hot-work-safety", "chemical-leak-emergency"],
        ["chemical-operator-workbook", HISTORY_SLUG],
    ),
    (
        "coal",
        "gas-inspector-package",
        "瓦斯检查工职业培训包",
        "瓦斯检查工的岗位课程与工作手册：瓦斯检查、有限空间救援和入井安全规定。",
        "gas-inspector",
        ["coal-gas-inspection", "confined-space-rescue", "coal-new-miner-rules"],
        ["gas-inspector-workbook"],
    ),
]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _pdf(*, title: str, edition: str, summary: str, pages: list[str]) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        title=title,
        author="吉林省企业安全生产网络学院",
        invariant=True,
    )
    story = [
        Paragraph(f"《{title}》", PDF_TITLE),
        Paragraph(f"{edition}　吉林省企业安全生产网络学院", PDF_BODY),
    ]
    story += [Paragraph(text, PDF_BODY) for text in [summary, *pages]]
    document.build(story)
    return buffer.getvalue()


def _document(*, title: str, edition: str, summary: str, pages: list[str], slug: str, collection):
    document_model = get_document_model()
    label = f"《{title}》{edition}"
    existing = document_model.objects.filter(title=label).first()
    if existing:
        return existing
    content = _pdf(title=title, edition=edition, summary=summary, pages=pages)
    return document_model.objects.create(
        title=label,
        file=ContentFile(content, name=f"{slug}-{edition[:4]}.pdf"),
        collection=collection,
    )


def _publish_dated(material: MaterialPage, *, day: datetime.date) -> None:
    """Publish (which records the edition) and date the edition and the page as if published on `day`."""
    material.save_revision().publish()
    when = _aware(day)
    MaterialEdition.objects.filter(material=material, edition=material.edition).update(
        first_published_at=when, last_published_at=when
    )
    MaterialPage.objects.filter(pk=material.pk, first_published_at__gt=when).update(first_published_at=when)
    MaterialPage.objects.filter(pk=material.pk).update(last_published_at=when)
    # The next revision is built on this object: it must carry the dates just set, not the publish's.
    material.refresh_from_db(fields=["first_published_at", "last_published_at"])


def _material(data: dict, *, sub_college: SubCollegePage, specialties, positions, collection) -> MaterialPage:
    material = MaterialPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        level=data["level"],
        format=data["format"],
        edition=data["edition"],
        edition_date=data["edition_date"],
        body=data.get("body", ""),
    )
    if not data.get("body"):
        material.document = _document(
            title=data["title"],
            edition=data["edition"],
            summary=data["summary"],
            pages=data.get("pages", []),
            slug=data["slug"],
            collection=collection,
        )
    if data.get("video"):
        material.video = _video(data["industry"])
    material.specialties = [specialties[slug] for slug in data["specialties"]]
    material.positions = [positions[slug] for slug in data["positions"]]
    sub_college.add_child(instance=material)
    _publish_dated(material, day=data["edition_date"])
    return material


def _second_edition(material: MaterialPage, *, collection) -> None:
    """Publish the loose-leaf material's revised edition with its own file; the first stays in the history."""
    revised = material.get_latest_revision_as_object()
    revised.edition = SECOND_EDITION["edition"]
    revised.edition_date = SECOND_EDITION["edition_date"]
    revised.edition_changes = SECOND_EDITION["edition_changes"]
    revised.document = _document(
        title=material.title,
        edition=SECOND_EDITION["edition"],
        summary=material.summary,
        pages=SECOND_EDITION["pages"],
        slug=material.slug,
        collection=collection,
    )
    _publish_dated(revised, day=SECOND_EDITION["edition_date"])


def _link_courses(*, materials: dict[str, MaterialPage]) -> int:
    """Give each demo course without materials the ones the data says it uses, through a published
    revision (the course page's live row and its latest revision then agree)."""
    uses: dict[str, list[MaterialPage]] = {}
    for data in MATERIALS:
        for course_slug in data["courses"]:
            uses.setdefault(course_slug, []).append(materials[data["slug"]])
    linked = 0
    courses = CoursePage.objects.filter(slug__in=uses, material_links__isnull=True)
    for course in courses:
        revision = course.get_latest_revision_as_object()
        revision.material_links = [CourseMaterial(material=material) for material in uses[course.slug]]
        revision.save_revision().publish()
        linked += 1
    return linked


def _packages(
    *, sub_colleges: dict[str, SubCollegePage], materials: dict[str, MaterialPage], positions
) -> int:
    created = 0
    for industry, slug, title, summary, position, course_slugs, material_slugs in PACKAGES:
        sub_college = sub_colleges[industry]
        if TrainingPackagePage.objects.child_of(sub_college).filter(slug=slug).exists():
            continue
        courses = {
            course.slug: course
            for course in CoursePage.objects.live().child_of(sub_college).filter(slug__in=course_slugs)
        }
        package = TrainingPackagePage(title=title, slug=slug, summary=summary, position=positions[position])
        package.course_links = [
            TrainingPackageCourse(course=courses[course_slug])
            for course_slug in course_slugs
            if course_slug in courses
        ]
        package.material_links = [TrainingPackageMaterial(material=materials[m]) for m in material_slugs]
        sub_college.add_child(instance=package)
        package.save_revision().publish()
        created += 1
    return created


def seed_materials(*, home: HomePage, sub_colleges: dict[str, SubCollegePage], stdout) -> None:
    """The library page, the materials, the courses' links to them and the training packages.

    Runs after the courses (which it links) and after the editorial access (whose collection keeps the
    materials' files, so that course editors can choose them)."""
    if not MaterialLibraryPage.objects.exists():
        library = home.add_child(
            instance=MaterialLibraryPage(title="教材库", slug=MaterialLibraryPage.SLUG, intro=LIBRARY_INTRO)
        )
        library.save_revision().publish()
        stdout.write("Created the teaching-materials library 教材库.")

    collection = (
        Collection.objects.filter(depth=2, name=COURSE_MATERIALS_COLLECTION).first()
        or Collection.get_first_root_node()
    )
    specialties = {specialty.slug: specialty for specialty in Specialty.objects.all()}
    positions = {position.slug: position for position in Position.objects.all()}
    materials = {
        material.slug: material
        for material in MaterialPage.objects.filter(slug__in=[data["slug"] for data in MATERIALS])
    }
    created = 0
    for data in MATERIALS:
        if data["slug"] in materials:
            continue
        materials[data["slug"]] = material = _material(
            data,
            sub_college=sub_colleges[data["industry"]],
            specialties=specialties,
            positions=positions,
            collection=collection,
        )
        if data["slug"] == HISTORY_SLUG:
            _second_edition(material, collection=collection)
        created += 1
    linked = _link_courses(materials=materials)
    packages = _packages(sub_colleges=sub_colleges, materials=materials, positions=positions)
    stdout.write(
        f"Created {created} demo teaching materials, linked {linked} courses to them "
        f"and created {packages} training packages."
    )
