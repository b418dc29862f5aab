"""Demo catalogue content (Chinese, realistic, fictitious). Used only by seed_demo.

Courses are listed round-robin across the eight industries, so that the newest
courses of the demo (the first ones) come from different sub-colleges.
`class_hours` is the total of the lesson minutes divided by 45, rounded to the
nearest half class hour (45 minutes of study = 1 学时).
"""

SPECIALTIES = [
    ("hazardous-chemical-processes", "危险化工工艺"),
    ("electrical", "电气作业"),
    ("ventilation-gas", "通风与瓦斯防治"),
    ("blasting", "爆破作业"),
    ("metallurgical-gas", "冶金煤气"),
    ("dust-explosion-prevention", "粉尘防爆"),
    ("refrigeration", "制冷与空调"),
    ("well-control", "井控"),
]

POSITIONS = [
    ("hot-work", "动火作业人员"),
    ("gas-inspector", "瓦斯检查工"),
    ("hoist-operator", "提升机操作工"),
    ("blaster", "爆破工"),
    ("gas-operator", "煤气作业人员"),
    ("furnace-operator", "炼钢工"),
    ("electrician", "电工"),
    ("dust-system-operator", "除尘系统操作工"),
    ("refrigeration-operator", "制冷工"),
    ("well-control-operator", "井控操作工"),
    ("pyrotechnic-mixer", "烟花爆竹药物混合工"),
    ("chemical-operator", "化工总控工"),
    ("team-leader", "班组长"),
]

COURSES = [
    # ------------------------------------------------------------------ round 1
    {
        "industry": "chemicals",
        "slug": "hot-work-safety",
        "title": "动火作业安全培训",
        "summary": "依据《危险化学品企业特殊作业安全规范》（GB 30871），讲解动火作业分级、作业许可、气体检测和现场监护要求。",
        "body": (
            "<p>本课程面向化工企业动火作业人员、监护人和班组长，结合近年典型动火事故，"
            "讲清“作业许可—气体分析—安全措施—现场监护—完工验收”的全过程管理。</p>"
        ),
        "class_hours": "2",
        "level": "basic",
        "audiences": ["worker", "team_leader", "special_operator"],
        "specialties": ["hazardous-chemical-processes"],
        "positions": ["hot-work"],
        "featured": True,
        "lessons": [
            {
                "kind": "video",
                "title": "动火作业事故案例警示",
                "minutes": 30,
                "notes": "<p>观看时请留意每起事故中作业许可、气体分析和现场监护哪一环出了问题。</p>",
            },
            {
                "kind": "reading",
                "title": "动火作业分级与许可管理",
                "minutes": 45,
                "body": (
                    "<p>GB 30871—2022 将固定动火区外的动火作业分为特级、一级和二级。"
                    "在火灾爆炸危险场所处于运行状态下的生产装置设备、管道、储罐、容器等部位上进行的动火作业"
                    "（包括带压不置换动火作业）为特级动火；在火灾爆炸危险场所进行的其他动火作业为一级动火；"
                    "其余动火作业为二级动火。</p>"
                    "<p>特级、一级动火作业许可证有效期不应超过8小时，二级动火作业许可证有效期不应超过72小时。"
                    "作业内容、地点或安全条件发生变化时，应重新办理作业许可。</p>"
                    "<p>动火分析与动火作业开始的时间间隔不应超过30分钟。作业中断后恢复作业前，"
                    "应重新确认安全条件并进行气体分析；监护人应全程在场，不得擅离职守。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "动火作业知识测验",
                "minutes": 15,
                "pass_mark_percent": 60,
                "questions": [
                    {
                        "text": "动火作业前，可燃气体检测合格后多长时间内应开始动火？",
                        "options": [("30分钟内", True), ("2小时内", False), ("当天内", False)],
                    },
                    {
                        "text": "下列哪些属于动火作业监护人的职责？",
                        "options": [
                            ("检查安全措施落实", True),
                            ("作业中全程监护", True),
                            ("代替作业人员签字", False),
                        ],
                    },
                    {
                        "text": "二级动火作业许可证的有效期最长不超过多少小时？",
                        "options": [("8小时", False), ("24小时", False), ("72小时", True)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "coal",
        "slug": "confined-space-rescue",
        "title": "煤矿有限空间作业与应急救援",
        "summary": "结合井下有限空间作业的风险辨识，讲解通风、检测、监护和应急救援的要点。依据《煤矿安全规程》，重点防范盲目施救造成伤亡扩大。",
        "class_hours": "1.5",
        "level": "advanced",
        "audiences": ["safety_manager", "team_leader"],
        "specialties": ["ventilation-gas"],
        "positions": ["gas-inspector"],
        "lessons": [
            {"kind": "video", "title": "有限空间作业风险辨识", "minutes": 30},
            {
                "kind": "reading",
                "title": "井下有限空间作业与救援要点",
                "minutes": 25,
                "body": (
                    "<p>煤矿井下的有限空间包括盲巷、密闭区、煤仓、水仓、溜煤眼和长期停风的巷道等。"
                    "这些地点可能积聚甲烷、二氧化碳、一氧化碳、硫化氢等有害气体，或者氧气不足，"
                    "盲目进入极易造成中毒窒息。</p>"
                    "<p>进入前必须先通风、再检测、后作业，检测合格并有专人监护后方可进入；"
                    "作业期间应连续或定时检测，监护人与作业人员保持联系。</p>"
                    "<p>发生事故后，救援人员必须佩戴隔绝式呼吸防护装备，严禁盲目施救。"
                    "近年来有限空间事故中，因盲目施救造成伤亡扩大的情况屡见不鲜。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "有限空间作业测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "有限空间作业应遵循的原则是？",
                        "options": [("先通风、再检测、后作业", True), ("先作业、后检测", False)],
                    },
                    {
                        "text": "作业过程中，监护人可以离开作业现场吗？",
                        "options": [
                            ("不得离开，应全程监护并与作业人员保持联系", True),
                            ("作业顺利时可以短暂离开", False),
                        ],
                    },
                    {
                        "text": "发现有人在有限空间内昏倒，正确的做法是？",
                        "options": [
                            ("立即报警，救援人员佩戴隔绝式呼吸器后施救", True),
                            ("立即进入将其拖出", False),
                            ("用湿毛巾捂住口鼻进入救人", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "non-coal-mines",
        "slug": "metal-mine-blasting",
        "title": "金属非金属矿山爆破作业安全",
        "summary": "依据《爆破安全规程》（GB 6722）和《民用爆炸物品安全管理条例》，讲解爆破器材领用退库、装药联线、警戒信号和盲炮处理等关键环节。",
        "body": (
            "<p>金属非金属矿山爆破作业属于特种作业。本课程可作为爆破工取证和复审前的理论复习，"
            "现场装药、联线操作须在企业实训场地完成。</p>"
        ),
        "class_hours": "2",
        "level": "specialized",
        "audiences": ["special_operator"],
        "specialties": ["blasting"],
        "positions": ["blaster"],
        "featured": True,
        "lessons": [
            {"kind": "video", "title": "爆破作业全过程安全控制", "minutes": 35},
            {
                "kind": "reading",
                "title": "爆破警戒与盲炮处理",
                "minutes": 40,
                "body": (
                    "<p>爆破作业前必须确定危险区边界并设置明显标志，派出警戒人员。"
                    "爆破警戒信号分为预警信号、起爆信号和解除警戒信号三次，"
                    "各信号的含义和音响应事先公告并让相关人员熟知。</p>"
                    "<p>发现盲炮或怀疑有盲炮时，应立即报告并在附近设立标志，派专人看守。"
                    "处理盲炮应由原爆破人员或有经验的爆破员进行，严禁从炮孔中掏出起爆药包，严禁打残孔。</p>"
                    "<p>爆破器材应当班领用、当班清退，领取和退回的数量须签字登记，做到账物相符。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "爆破作业测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "爆破警戒信号的正确顺序是？",
                        "options": [
                            ("预警信号、起爆信号、解除警戒信号", True),
                            ("起爆信号、预警信号、解除警戒信号", False),
                            ("只需发出起爆信号", False),
                        ],
                    },
                    {
                        "text": "处理盲炮时，下列哪些做法是严禁的？",
                        "options": [
                            ("从炮孔中掏出起爆药包", True),
                            ("打残孔", True),
                            ("在附近设立标志并派专人看守", False),
                        ],
                    },
                    {
                        "text": "当班未用完的爆破器材应如何处理？",
                        "options": [
                            ("当班清退回库并登记", True),
                            ("藏在作业面留待下班再用", False),
                            ("交给同事保管", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "metallurgy",
        "slug": "metallurgical-gas-safety",
        "title": "冶金煤气安全作业",
        "summary": "依据《工业企业煤气安全规程》（GB 6222），讲解高炉、转炉、焦炉煤气的危险特性，煤气危险区域分类、带煤气作业和盲板抽堵的安全要求。",
        "class_hours": "2",
        "level": "specialized",
        "audiences": ["special_operator", "team_leader"],
        "specialties": ["metallurgical-gas"],
        "positions": ["gas-operator"],
        "lessons": [
            {"kind": "video", "title": "煤气中毒事故案例", "minutes": 40},
            {
                "kind": "reading",
                "title": "煤气危险区域分类与作业要求",
                "minutes": 40,
                "body": (
                    "<p>煤气中的一氧化碳无色无味，人员吸入后很快失去意识。"
                    "GB 6222 规定，工作场所一氧化碳最高允许浓度为30 mg/m³。</p>"
                    "<p>煤气危险区域分为三类：第一类区域应戴上呼吸器方可工作；第二类区域应有监护人员在场，"
                    "并备好呼吸器方可工作；第三类区域可以工作，但应有人定期巡视检查。</p>"
                    "<p>带煤气作业、盲板抽堵等危险作业必须办理作业许可，作业人员不少于两人并有专人监护，"
                    "距工作场所40米内禁止有火源。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "煤气作业测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "在第一类煤气危险区域工作，必须？",
                        "options": [("佩戴呼吸器", True), ("只需戴普通口罩", False), ("无需防护", False)],
                    },
                    {
                        "text": "带煤气作业时，距工作场所多少米内禁止有火源？",
                        "options": [("10米", False), ("20米", False), ("40米", True)],
                    },
                    {
                        "text": "煤气作业时，下列哪些做法正确？",
                        "options": [
                            ("携带一氧化碳检测报警仪", True),
                            ("两人以上作业并设专人监护", True),
                            ("感觉头晕时坚持完成作业", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "fireworks",
        "slug": "fireworks-mixing",
        "title": "烟花爆竹药物混合作业安全",
        "summary": "依据《烟花爆竹安全管理条例》和《烟花爆竹作业安全技术规程》（GB 11652），讲解烟火药混合作业的防静电、防摩擦撞击、定员定量和人机隔离要求。",
        "class_hours": "2",
        "level": "specialized",
        "audiences": ["special_operator"],
        "positions": ["pyrotechnic-mixer"],
        "featured": True,
        "lessons": [
            {
                "kind": "video",
                "title": "药物混合工房事故警示",
                "minutes": 35,
                "notes": "<p>案例为根据事故调查报告改编的动画演示，涉及企业名称均为虚构。</p>",
            },
            {
                "kind": "reading",
                "title": "药物混合作业安全要点",
                "minutes": 30,
                "body": (
                    "<ul>"
                    "<li>药物混合属于烟火药制造作业，作业人员必须取得特种作业操作证，持证上岗。</li>"
                    "<li>进入涉药工房前，应触摸人体静电释放装置，穿戴防静电工作服和工作鞋，严禁携带火种和手机。</li>"
                    "<li>使用铜、木、竹等不产生火花的工具，严禁使用铁质工具敲击。</li>"
                    "<li>严格执行工房定员、定量规定，不得超量存药，不得超员作业。</li>"
                    "<li>机械混药应实行人机隔离，设备运行时人员不得进入工房。</li>"
                    "<li>含氯酸盐的药剂严禁与含硫、含硫化物的药剂接触混合。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "药物混合作业测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "进入涉药工房前应当？",
                        "options": [
                            ("触摸人体静电释放装置", True),
                            ("穿戴防静电工作服和工作鞋", True),
                            ("携带手机以便联系", False),
                        ],
                    },
                    {
                        "text": "药物混合作业可以使用的工具是？",
                        "options": [("铜质或木质工具", True), ("铁锤", False), ("钢制撬棍", False)],
                    },
                    {
                        "text": "机械混药时，人员可以进入运行中的混药工房吗？",
                        "options": [("不可以，应实行人机隔离", True), ("可以，只要小心操作", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "oil-gas",
        "slug": "well-control-technology",
        "title": "井控技术与溢流关井操作",
        "summary": "依据《钻井井控技术规程》（SY/T 6426），讲解溢流的及时发现、“四·七”关井动作、井控装置检查和压井基本方法，适用于钻井队井控培训。",
        "body": (
            "<p>井喷失控是油气开采中后果最严重的事故之一。本课程面向钻井队井控操作人员和班组长，"
            "理论学习后须参加井控实训装置上的关井演练。</p>"
        ),
        "class_hours": "3",
        "level": "specialized",
        "audiences": ["special_operator", "team_leader"],
        "specialties": ["well-control"],
        "positions": ["well-control-operator"],
        "lessons": [
            {"kind": "video", "title": "井喷失控事故警示", "minutes": 45},
            {
                "kind": "reading",
                "title": "溢流征兆与关井程序",
                "minutes": 40,
                "body": (
                    "<p>溢流是井喷的前兆。钻进中出现钻井液池液面升高、出口流量增大、停泵后井口外溢、"
                    "钻速突快或放空、悬重变化等情况时，应立即判断为溢流并报警。</p>"
                    "<p>发现溢流后应按“四·七”动作迅速关井，即在钻进、起下钻杆、起下钻铤和空井四种工况下，"
                    "按规定的七个步骤完成关井。关井后应记录关井立管压力和套管压力，为压井作业提供依据。</p>"
                    "<p>井控坚持“发现溢流立即关井，疑似溢流关井检查”的原则。关井越快，"
                    "进入井筒的地层流体越少，后续压井越主动。</p>"
                ),
            },
            {"kind": "video", "title": "防喷器组与节流压井管汇", "minutes": 30},
            {
                "kind": "quiz",
                "title": "井控操作测验",
                "minutes": 25,
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "text": "下列哪些是溢流的征兆？",
                        "options": [
                            ("钻井液池液面升高", True),
                            ("停泵后井口外溢", True),
                            ("出口流量增大", True),
                            ("钻井液性能化验正常", False),
                        ],
                    },
                    {
                        "text": "疑似溢流时应当？",
                        "options": [("关井检查", True), ("继续钻进观察", False)],
                    },
                    {
                        "text": "“四·七”动作中的“四”指的是？",
                        "options": [
                            ("钻进、起下钻杆、起下钻铤、空井四种工况", True),
                            ("四名井控操作人员", False),
                            ("四道防喷器", False),
                        ],
                    },
                    {
                        "text": "关井后需要记录的关键数据是？",
                        "options": [("关井立管压力和套管压力", True), ("钻头型号", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "dust-explosion",
        "slug": "dust-explosion-basics",
        "title": "粉尘防爆安全基础",
        "summary": "依据《工贸企业粉尘防爆安全规定》和《粉尘防爆安全规程》（GB 15577），讲解粉尘爆炸的条件、常见点燃源和作业现场防爆基本要求。",
        "class_hours": "1.5",
        "level": "basic",
        "audiences": ["worker", "new_hire", "team_leader"],
        "specialties": ["dust-explosion-prevention"],
        "featured": True,
        "lessons": [
            {"kind": "video", "title": "粉尘爆炸是怎样发生的", "minutes": 30},
            {
                "kind": "reading",
                "title": "粉尘爆炸的条件与预防",
                "minutes": 30,
                "body": (
                    "<p>粉尘爆炸需要同时具备五个条件：可燃性粉尘、粉尘云（粉尘以一定浓度悬浮在空气中）、"
                    "点燃源、助燃物（氧气）和受限空间。去掉其中任何一个条件，就能防止爆炸发生。</p>"
                    "<p>常见点燃源包括明火、电气火花、静电、机械摩擦撞击火花和高温表面。"
                    "铝镁等金属粉尘、木粉、面粉、淀粉和煤粉都可能发生粉尘爆炸。</p>"
                    "<p>初始爆炸扬起沉积粉尘，可能引发威力更大的二次爆炸。"
                    "因此及时清扫积尘是预防粉尘爆炸最基本、最有效的措施。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "粉尘防爆基础测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "下列哪些属于粉尘爆炸的条件？",
                        "options": [
                            ("可燃性粉尘", True),
                            ("粉尘云", True),
                            ("点燃源", True),
                            ("受限空间", True),
                            ("作业人员数量", False),
                        ],
                    },
                    {
                        "text": "为什么要及时清扫积尘？",
                        "options": [("防止积尘被扬起引发二次爆炸", True), ("只是为了美观", False)],
                    },
                    {
                        "text": "清扫粉尘时，正确的方法是？",
                        "options": [("使用防爆吸尘器或湿式清扫", True), ("用压缩空气吹扫", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "ammonia-refrigeration",
        "slug": "ammonia-refrigeration-operation",
        "title": "氨制冷系统安全操作",
        "summary": "依据《氨制冷企业安全规范》（AQ 7015）和《冷库设计标准》（GB 50072），讲解氨制冷系统工艺流程、开停机操作、安全附件和日常巡检要求。",
        "body": "<p>制冷与空调设备运行操作属于特种作业，作业人员须持有效的特种作业操作证上岗。</p>",
        "class_hours": "2",
        "level": "specialized",
        "audiences": ["special_operator"],
        "specialties": ["refrigeration"],
        "positions": ["refrigeration-operator"],
        "featured": True,
        "lessons": [
            {"kind": "video", "title": "氨制冷系统工艺流程", "minutes": 40},
            {
                "kind": "reading",
                "title": "开停机操作与安全附件",
                "minutes": 40,
                "body": (
                    "<ul>"
                    "<li>氨制冷系统的压力容器和压力管道应定期检验，安全阀、压力表应在校验有效期内。</li>"
                    "<li>开机前检查系统各阀门状态、油位和液位，确认氨泄漏检测报警装置和事故排风装置完好。</li>"
                    "<li>严禁在系统运行中拆卸、紧固带压部件；放油、加氨等作业必须两人进行，佩戴防护用品。</li>"
                    "<li>机房、设备间应设置氨气浓度报警装置，并与事故排风机联锁。</li>"
                    "<li>巡检时注意吸排气压力、温度和油压的变化，发现异常立即查明原因。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "制冷操作测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "放油、加氨等作业应当？",
                        "options": [("两人进行并佩戴防护用品", True), ("一人快速完成", False)],
                    },
                    {
                        "text": "氨气浓度报警装置应与哪一装置联锁？",
                        "options": [("事故排风机", True), ("照明灯", False), ("门禁系统", False)],
                    },
                    {
                        "text": "制冷与空调设备运行操作人员上岗前必须？",
                        "options": [("取得特种作业操作证", True), ("只需领导口头同意", False)],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ round 2
    {
        "industry": "chemicals",
        "slug": "chemical-principal-responsibility",
        "title": "危险化学品企业主要负责人安全生产职责",
        "summary": "依据《安全生产法》第二十一条和《危险化学品安全管理条例》，系统讲解主要负责人七项法定职责、全员安全生产责任制和双重预防机制建设。",
        "body": (
            "<p>本课程可计入主要负责人和安全生产管理人员每年不少于16学时的再培训。"
            "课程结合“两重点一重大”管控要求和典型事故调查报告，帮助企业负责人把法定职责落到日常管理中。</p>"
        ),
        "class_hours": "4",
        "level": "advanced",
        "audiences": ["principal", "safety_manager", "safety_director"],
        "specialties": ["hazardous-chemical-processes"],
        "lessons": [
            {"kind": "video", "title": "主要负责人七项法定职责解读", "minutes": 45},
            {
                "kind": "reading",
                "title": "《安全生产法》规定的主要负责人职责",
                "minutes": 40,
                "body": (
                    "<ul>"
                    "<li>建立健全并落实本单位全员安全生产责任制，加强安全生产标准化建设。</li>"
                    "<li>组织制定并实施本单位安全生产规章制度和操作规程。</li>"
                    "<li>组织制定并实施本单位安全生产教育和培训计划。</li>"
                    "<li>保证本单位安全生产投入的有效实施。</li>"
                    "<li>组织建立并落实安全风险分级管控和隐患排查治理双重预防工作机制，"
                    "督促、检查本单位的安全生产工作，及时消除生产安全事故隐患。</li>"
                    "<li>组织制定并实施本单位的生产安全事故应急救援预案。</li>"
                    "<li>及时、如实报告生产安全事故。</li>"
                    "</ul>"
                ),
            },
            {"kind": "video", "title": "典型事故中的企业负责人责任追究", "minutes": 40},
            {
                "kind": "reading",
                "title": "安全风险分级管控与隐患排查治理",
                "minutes": 35,
                "body": (
                    "<p>危险化学品企业应以“两重点一重大”（重点监管的危险化工工艺、重点监管的危险化学品和"
                    "危险化学品重大危险源）为管控重点，按照《危险化学品企业安全风险隐患排查治理导则》"
                    "开展风险辨识，建立风险清单并实施分级管控。</p>"
                    "<p>隐患排查应覆盖全员、全过程、全方位，做到排查、登记、治理、验收、销号闭环管理。"
                    "重大事故隐患由主要负责人组织制定并实施治理方案。</p>"
                    "<p>企业应保证安全生产投入，按规定提取和使用安全生产费用，并将风险管控和隐患治理情况"
                    "向从业人员通报。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "主要负责人职责测验",
                "minutes": 20,
                "pass_mark_percent": 80,
                "questions": [
                    {
                        "text": "根据《安全生产法》，下列哪些属于生产经营单位主要负责人的职责？",
                        "options": [
                            ("组织制定并实施本单位安全生产教育和培训计划", True),
                            ("保证本单位安全生产投入的有效实施", True),
                            ("及时、如实报告生产安全事故", True),
                            ("代替特种作业人员持证上岗", False),
                        ],
                    },
                    {
                        "text": "高危行业企业主要负责人每年再培训时间不得少于多少学时？",
                        "options": [("8学时", False), ("16学时", True), ("48学时", False), ("72学时", False)],
                    },
                    {
                        "text": "“两重点一重大”中的“一重大”指的是？",
                        "options": [
                            ("危险化学品重大危险源", True),
                            ("重大事故", False),
                            ("重大投资项目", False),
                        ],
                    },
                    {
                        "text": "对发生人员死亡事故负有责任的主要负责人，其培训考核应如何处理？",
                        "options": [
                            ("重新参加安全生产知识和管理能力培训并考核合格", True),
                            ("只需提交书面检查", False),
                            ("下一年度再培训时补学即可", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "coal",
        "slug": "coal-gas-inspection",
        "title": "瓦斯检查工安全技术培训",
        "summary": "依据《煤矿安全规程》和《特种作业人员安全技术培训考核管理规定》，讲解光学瓦斯检定器使用、瓦斯检查制度、浓度限值和“一炮三检”要求。",
        "body": (
            "<p>瓦斯检查作业属于煤矿特种作业。特种作业操作证有效期6年，每3年复审一次，"
            "本课程可用于复审前的理论复习。</p>"
        ),
        "class_hours": "3",
        "level": "specialized",
        "audiences": ["special_operator"],
        "specialties": ["ventilation-gas"],
        "positions": ["gas-inspector"],
        "featured": True,
        "lessons": [
            {
                "kind": "video",
                "title": "光学瓦斯检定器的使用与校正",
                "minutes": 40,
                "notes": "<p>建议边看边对照手中的检定器练习调零、吸气和读数。</p>",
            },
            {
                "kind": "reading",
                "title": "瓦斯浓度限值与处置规定",
                "minutes": 45,
                "body": (
                    "<ul>"
                    "<li>采区回风巷、采掘工作面回风巷风流中甲烷浓度超过1.0%或者二氧化碳浓度超过1.5%时，"
                    "必须停止工作，撤出人员，采取措施，进行处理。</li>"
                    "<li>采掘工作面及其他作业地点风流中甲烷浓度达到1.0%时，必须停止用电钻打眼；"
                    "爆破地点附近20米以内风流中甲烷浓度达到1.0%时，严禁爆破。</li>"
                    "<li>采掘工作面及其他作业地点风流中、电动机或者其开关安设地点附近20米以内风流中的"
                    "甲烷浓度达到1.5%时，必须停止工作，切断电源，撤出人员，进行处理。</li>"
                    "<li>低瓦斯矿井中每班至少检查2次，高瓦斯矿井中每班至少检查3次；"
                    "有煤（岩）与瓦斯突出危险的采掘工作面，应当有专人经常检查。</li>"
                    "<li>严格执行“一炮三检”制度，即装药前、爆破前和爆破后都要检查瓦斯。</li>"
                    "</ul>"
                ),
            },
            {"kind": "video", "title": "瓦斯检查路线与“三对口”记录", "minutes": 30},
            {
                "kind": "quiz",
                "title": "瓦斯检查工测验",
                "minutes": 20,
                "pass_mark_percent": 75,
                "questions": [
                    {
                        "text": "爆破地点附近20米以内风流中甲烷浓度达到多少时严禁爆破？",
                        "options": [("0.5%", False), ("1.0%", True), ("1.5%", False), ("2.0%", False)],
                    },
                    {
                        "text": "“一炮三检”是指在哪些环节检查瓦斯？",
                        "options": [
                            ("装药前", True),
                            ("爆破前", True),
                            ("爆破后", True),
                            ("交接班后", False),
                        ],
                    },
                    {
                        "text": "低瓦斯矿井采掘工作面每班至少检查瓦斯几次？",
                        "options": [("1次", False), ("2次", True), ("3次", False)],
                    },
                    {
                        "text": "瓦斯检查“三对口”是指哪三者的内容一致？",
                        "options": [
                            ("瓦斯检查手册、现场记录牌板和调度台账（班报）", True),
                            ("矿灯、自救器和安全帽", False),
                            ("作业规程、操作规程和应急预案", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "non-coal-mines",
        "slug": "underground-mine-ventilation",
        "title": "地下矿山通风与防中毒窒息",
        "summary": "依据《金属非金属矿山安全规程》（GB 16423），讲解地下矿山通风系统管理、爆破后通风检测、盲巷管理和防中毒窒息措施。",
        "class_hours": "1.5",
        "level": "advanced",
        "audiences": ["safety_manager", "team_leader", "worker"],
        "specialties": ["ventilation-gas"],
        "lessons": [
            {"kind": "video", "title": "地下矿山中毒窒息事故警示", "minutes": 30},
            {
                "kind": "reading",
                "title": "通风系统与盲巷管理",
                "minutes": 25,
                "body": (
                    "<ul>"
                    "<li>井下采掘工作面进风流中的空气成分（按体积计算），氧气不应低于20%，"
                    "二氧化碳不应高于0.5%。</li>"
                    "<li>爆破后必须充分通风，经检测有毒有害气体浓度符合要求后，人员方可进入工作面。</li>"
                    "<li>独头巷道、盲巷和采空区应设置栅栏和警示标志，未经通风、检测，严禁人员进入。</li>"
                    "<li>局部通风机应有专人管理，不得随意停开；因故停风时，人员必须撤出。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "通风与防中毒测验",
                "minutes": 10,
                "questions": [
                    {
                        "text": "爆破后人员进入工作面的前提是？",
                        "options": [
                            ("充分通风并检测合格", True),
                            ("看不见炮烟即可进入", False),
                            ("等待10分钟即可进入", False),
                        ],
                    },
                    {
                        "text": "盲巷入口应当？",
                        "options": [("设置栅栏和警示标志", True), ("作为临时休息场所", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "metallurgy",
        "slug": "molten-metal-safety",
        "title": "高温熔融金属作业安全",
        "summary": "依据《工贸企业重大事故隐患判定标准》冶金部分，讲解熔融金属吊运、炉前作业和防止熔融金属遇水爆炸的关键措施。",
        "class_hours": "1.5",
        "level": "advanced",
        "audiences": ["worker", "team_leader", "safety_manager"],
        "positions": ["furnace-operator"],
        "lessons": [
            {"kind": "video", "title": "熔融金属喷溅与爆炸事故", "minutes": 30},
            {
                "kind": "reading",
                "title": "熔融金属吊运与炉前作业要点",
                "minutes": 30,
                "body": (
                    "<ul>"
                    "<li>吊运熔融金属的起重机应满足冶金起重机的相关要求，起升机构应设置两套制动器。</li>"
                    "<li>会议室、活动室、休息室、操作室、交接班室、更衣室等6类人员聚集场所，"
                    "不得设置在熔融金属吊运跨的地坪区域内。</li>"
                    "<li>熔融金属遇水会发生剧烈爆炸。炉前、渣道、铸坑等区域必须保持干燥，"
                    "工具和加入的原料应干燥预热。</li>"
                    "<li>冷却水系统应设置流量、温度监测报警，发现漏水立即处置。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "熔融金属作业测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "熔融金属与水接触可能导致？",
                        "options": [("剧烈爆炸", True), ("迅速冷却，没有危险", False)],
                    },
                    {
                        "text": "下列哪些场所不得设置在熔融金属吊运跨的地坪区域内？",
                        "options": [
                            ("休息室", True),
                            ("交接班室", True),
                            ("操作室", True),
                            ("以上均可设置", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "fireworks",
        "slug": "fireworks-principal",
        "title": "烟花爆竹生产经营单位主要负责人安全培训",
        "summary": "依据《安全生产法》《烟花爆竹安全管理条例》和《烟花爆竹生产企业安全生产许可证实施办法》，讲解主要负责人职责、“三超一改”整治和重大事故隐患排查。",
        "body": (
            "<p>烟花爆竹企业主要负责人和安全生产管理人员初次培训不少于48学时。"
            "本课程约4.5学时，可作为初次培训的线上专题模块。</p>"
        ),
        "class_hours": "4.5",
        "level": "advanced",
        "audiences": ["principal", "safety_manager"],
        "lessons": [
            {"kind": "video", "title": "烟花爆竹行业安全形势与法规", "minutes": 45},
            {
                "kind": "reading",
                "title": "“三超一改”与安全生产许可",
                "minutes": 45,
                "body": (
                    "<p>“三超一改”是指超许可范围生产、超定员、超药量和擅自改变工（库）房设计用途，"
                    "是烟花爆竹生产企业最突出的违法行为，也是多起重特大事故的直接原因。</p>"
                    "<p>企业应在每个涉药工房门口张贴定员、定量标识，主要负责人应组织经常性检查，"
                    "发现“三超一改”立即停产整改。</p>"
                    "<p>生产企业必须依法取得安全生产许可证。许可证有效期为3年，有效期满需要延期的，"
                    "应当于期满前3个月向原发证机关办理延期手续。</p>"
                ),
            },
            {
                "kind": "reading",
                "title": "烟花爆竹生产经营单位重大事故隐患",
                "minutes": 40,
                "body": (
                    "<p>依据《烟花爆竹生产经营单位重大生产安全事故隐患判定标准（试行）》，"
                    "下列情形应判定为重大事故隐患（节选）：</p>"
                    "<ul>"
                    "<li>主要负责人、安全生产管理人员未依法经考核合格。</li>"
                    "<li>特种作业人员未持证上岗，作业人员带药检维修设备设施。</li>"
                    "<li>工（库）房实际作业人员数量超过核定人数，或实际存药量超过核定药量。</li>"
                    "<li>工（库）房与周边建筑、设施的安全距离不符合要求。</li>"
                    "<li>擅自改变工（库）房设计用途。</li>"
                    "</ul>"
                ),
            },
            {"kind": "video", "title": "典型爆炸事故调查报告解读", "minutes": 40},
            {
                "kind": "quiz",
                "title": "主要负责人培训考核",
                "minutes": 25,
                "pass_mark_percent": 80,
                "questions": [
                    {
                        "text": "“三超一改”中的“三超”是指？",
                        "options": [
                            ("超许可范围生产", True),
                            ("超定员", True),
                            ("超药量", True),
                            ("超工时", False),
                        ],
                    },
                    {
                        "text": "安全生产许可证的有效期是？",
                        "options": [("1年", False), ("3年", True), ("5年", False)],
                    },
                    {
                        "text": "烟花爆竹企业主要负责人初次安全培训不得少于多少学时？",
                        "options": [("16学时", False), ("32学时", False), ("48学时", True)],
                    },
                    {
                        "text": "特种作业人员未持证上岗属于？",
                        "options": [("重大事故隐患", True), ("一般问题，口头提醒即可", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "oil-gas",
        "slug": "h2s-protection",
        "title": "含硫化氢油气井作业防护",
        "summary": "依据《硫化氢环境钻井场所作业安全规范》（SY/T 5087），讲解硫化氢的毒性与浓度分级、检测报警、正压式空气呼吸器使用和应急撤离。",
        "class_hours": "1.5",
        "level": "advanced",
        "audiences": ["worker", "team_leader", "special_operator"],
        "specialties": ["well-control"],
        "positions": ["well-control-operator"],
        "lessons": [
            {
                "kind": "video",
                "title": "硫化氢中毒事故与防护",
                "minutes": 25,
                "notes": "<p>视频后半段演示正压式空气呼吸器的检查与佩戴，要求60秒内完成。</p>",
            },
            {
                "kind": "reading",
                "title": "硫化氢浓度分级与检测",
                "minutes": 25,
                "body": (
                    "<ul>"
                    "<li>硫化氢是无色、剧毒、可燃气体，低浓度时有臭鸡蛋味，高浓度会迅速麻痹嗅觉，"
                    "不能依靠气味判断其是否存在。</li>"
                    "<li>阈限值为15 mg/m³（10 ppm），安全临界浓度为30 mg/m³（20 ppm），"
                    "危险临界浓度为150 mg/m³（100 ppm）。</li>"
                    "<li>含硫化氢井场应设置固定式检测报警装置和风向标，作业人员随身佩戴便携式检测仪。</li>"
                    "<li>报警时应立即佩戴正压式空气呼吸器，向上风方向的安全区撤离并清点人数。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "硫化氢防护测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "能否依靠闻到臭鸡蛋味来判断硫化氢是否存在？",
                        "options": [("不能，高浓度会麻痹嗅觉", True), ("能，闻不到就安全", False)],
                    },
                    {
                        "text": "硫化氢报警后应向哪个方向撤离？",
                        "options": [("上风方向", True), ("下风方向", False), ("井架底部", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "dust-explosion",
        "slug": "dust-collector-operation",
        "title": "除尘系统运行与维护",
        "summary": "依据《粉尘防爆安全规程》（GB 15577）和《粉尘爆炸危险场所用除尘系统安全技术规范》（AQ 4273），讲解除尘系统分区设置、泄爆隔爆、锁气卸灰和日常点检。",
        "class_hours": "2",
        "level": "specialized",
        "audiences": ["worker", "team_leader"],
        "specialties": ["dust-explosion-prevention"],
        "positions": ["dust-system-operator"],
        "lessons": [
            {"kind": "video", "title": "除尘系统的防爆设计", "minutes": 35},
            {
                "kind": "reading",
                "title": "除尘系统日常点检与维护",
                "minutes": 40,
                "body": (
                    "<ul>"
                    "<li>除尘系统应按工艺分片（分区）相对独立设置，不同建（构）筑物、不同防火分区"
                    "不得共用一套除尘系统，除尘系统之间不得互联互通。</li>"
                    "<li>干式除尘系统应采取泄爆、惰化、抑爆等至少一种爆炸防控措施；"
                    "铝镁等金属粉尘除尘系统严禁采用正压除尘方式。</li>"
                    "<li>铝镁等金属粉尘、木质粉尘的干式除尘系统应设置锁气卸灰装置，及时卸灰，灰斗内不得积存粉尘。</li>"
                    "<li>每班检查除尘器压差、风机运行、卸灰装置和泄爆片状态，发现异常立即停机处理并做好记录。</li>"
                    "<li>除尘系统应先于生产设备开启、后于生产设备停机。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "除尘系统测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "除尘系统与生产设备的启停顺序是？",
                        "options": [
                            ("先开除尘系统后开生产设备，先停生产设备后停除尘系统", True),
                            ("先开生产设备，除尘系统最后开启", False),
                            ("两者同时启停", False),
                        ],
                    },
                    {
                        "text": "铝镁等金属粉尘除尘系统可以采用正压除尘方式吗？",
                        "options": [("不可以", True), ("可以", False)],
                    },
                    {
                        "text": "不同防火分区可以共用一套除尘系统吗？",
                        "options": [("不可以", True), ("可以，能节约投资", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "ammonia-refrigeration",
        "slug": "ammonia-leak-emergency",
        "title": "液氨泄漏应急处置与个体防护",
        "summary": "结合涉氨制冷企业液氨泄漏事故教训，讲解氨的危险特性、泄漏报警后的撤离路线、现场处置和个体防护装备的选用。",
        "class_hours": "2",
        "level": "advanced",
        "audiences": ["worker", "team_leader", "safety_manager"],
        "specialties": ["refrigeration"],
        "lessons": [
            {"kind": "video", "title": "液氨泄漏事故警示", "minutes": 30},
            {
                "kind": "reading",
                "title": "氨的危险特性与个体防护",
                "minutes": 25,
                "body": (
                    "<p>氨是有毒、可燃气体，具有强烈刺激性气味，比空气轻，极易溶于水。"
                    "氨与空气混合的爆炸极限约为15%～28%（体积分数）。</p>"
                    "<p>发生液氨泄漏时，现场人员应立即报警，用湿毛巾捂住口鼻，向上风方向撤离，"
                    "不得进入泄漏区域。</p>"
                    "<p>进入泄漏区处置的人员，必须穿戴重型防化服和正压式空气呼吸器；"
                    "皮肤接触液氨时，应立即用大量清水冲洗至少15分钟并就医。</p>"
                ),
            },
            {"kind": "video", "title": "液氨泄漏现场处置演练", "minutes": 20},
            {
                "kind": "quiz",
                "title": "液氨泄漏应急测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "发生液氨泄漏时，现场人员应向哪个方向撤离？",
                        "options": [("上风方向", True), ("下风方向", False)],
                    },
                    {
                        "text": "皮肤接触液氨后应当？",
                        "options": [("立即用大量清水冲洗并就医", True), ("涂抹牙膏", False)],
                    },
                    {
                        "text": "进入液氨泄漏区处置的人员必须佩戴？",
                        "options": [
                            ("正压式空气呼吸器", True),
                            ("重型防化服", True),
                            ("普通防尘口罩", False),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ round 3
    {
        "industry": "chemicals",
        "slug": "hazardous-process-operations",
        "title": "重点监管危险化工工艺安全操作",
        "summary": "围绕国家重点监管的18种危险化工工艺，讲解硝化、氯化、加氢等工艺的危险特点、关键控制参数、安全联锁和紧急停车操作。",
        "body": (
            "<p>危险化工工艺作业属于特种作业，从业人员须取得相应操作项目的特种作业操作证，"
            "且应具备高中或者相当于高中及以上文化程度。</p>"
        ),
        "class_hours": "2",
        "level": "specialized",
        "audiences": ["special_operator", "team_leader"],
        "specialties": ["hazardous-chemical-processes"],
        "positions": ["chemical-operator"],
        "lessons": [
            {"kind": "video", "title": "重点监管危险化工工艺概述", "minutes": 35},
            {
                "kind": "reading",
                "title": "硝化、氯化与加氢工艺的安全控制要点",
                "minutes": 30,
                "body": (
                    "<ul>"
                    "<li>硝化工艺：反应强放热，硝化产物具有爆炸性。应将反应釜温度与搅拌、冷却水、"
                    "滴加速度设置联锁，搅拌中断或温度超限时自动停止加料。</li>"
                    "<li>氯化工艺：氯气剧毒，应设置氯气泄漏检测报警和紧急切断装置，液氯钢瓶严禁直接加热。</li>"
                    "<li>加氢工艺：氢气爆炸极限宽（4%～75%），高压临氢设备须防止氢脆和泄漏，"
                    "应设置温度、压力超限报警和紧急泄放系统。</li>"
                    "<li>重点监管工艺装置均应装设自动化控制系统，涉及重大危险源的还应设置安全仪表系统（SIS）；"
                    "联锁不得随意摘除，确需摘除须履行审批手续。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "危险化工工艺测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "硝化反应釜温度异常升高时，操作人员首先应采取的措施是？",
                        "options": [
                            ("立即停止加料并加大冷却，必要时紧急停车", True),
                            ("提高搅拌转速并继续加料", False),
                            ("打开人孔观察", False),
                        ],
                    },
                    {
                        "text": "关于安全联锁，下列说法正确的是？",
                        "options": [
                            ("联锁摘除须履行审批手续并采取临时措施", True),
                            ("联锁频繁动作影响产量时可自行短接", False),
                            ("联锁只需在开车时投用", False),
                        ],
                    },
                    {
                        "text": "危险化学品特种作业人员的文化程度要求是？",
                        "options": [
                            ("初中及以上", False),
                            ("高中或者相当于高中及以上", True),
                            ("大学本科及以上", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "coal",
        "slug": "coal-principal-refresher",
        "title": "煤矿主要负责人和安全生产管理人员年度再培训",
        "summary": "结合《煤矿安全规程》和《煤矿重大事故隐患判定标准》，更新法规政策、典型事故教训和重大灾害防治要求，作为每年不少于16学时再培训中的线上部分。",
        "body": (
            "<p>课程共4.5学时，与线下集中培训、现场考察合计计入年度再培训学时。"
            "学习记录按学院的线上学习课时转换标准折算，每45分钟有效学习计1学时。</p>"
        ),
        "class_hours": "4.5",
        "level": "advanced",
        "audiences": ["principal", "safety_manager", "safety_director"],
        "lessons": [
            {"kind": "video", "title": "年度安全生产法规政策解读", "minutes": 45},
            {
                "kind": "reading",
                "title": "煤矿重大事故隐患判定标准要点",
                "minutes": 45,
                "body": (
                    "<p>《煤矿重大事故隐患判定标准》列出了15类重大事故隐患，包括超能力、超强度或者超定员组织生产，"
                    "瓦斯超限作业，煤与瓦斯突出矿井未依照规定实施防突出措施，高瓦斯、突出矿井未按照规定"
                    "建立瓦斯抽采系统，通风系统不完善、不可靠，有严重水患未采取有效措施等。</p>"
                    "<p>煤矿主要负责人是重大事故隐患排查治理的第一责任人，应定期组织排查，建立台账，"
                    "做到整改措施、责任、资金、时限和预案“五落实”。</p>"
                    "<p>存在重大事故隐患仍然进行生产的，依法责令停产整顿，并追究有关人员责任。</p>"
                ),
            },
            {"kind": "video", "title": "近年煤矿典型事故案例剖析", "minutes": 45},
            {
                "kind": "reading",
                "title": "煤矿重大灾害防治责任落实",
                "minutes": 45,
                "body": (
                    "<p>矿井应按照“一通三防”（通风，防瓦斯、防煤尘、防灭火）以及防治水、冲击地压、"
                    "顶板管理等要求配齐专业技术人员，落实矿长、总工程师和分管负责人的灾害防治责任。</p>"
                    "<p>防治水工作应坚持“预测预报、有疑必探、先探后掘、先治后采”的原则。</p>"
                    "<p>煤矿每年至少组织一次矿井应急演练，主要负责人应组织对演练效果进行评估，"
                    "并根据评估结果修订应急预案。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "年度再培训考核",
                "minutes": 30,
                "pass_mark_percent": 80,
                "questions": [
                    {
                        "text": "“一通三防”中的“三防”是指？",
                        "options": [
                            ("防瓦斯、防煤尘、防灭火", True),
                            ("防水、防火、防盗", False),
                            ("防冻、防滑、防风", False),
                        ],
                    },
                    {
                        "text": "煤矿防治水工作应坚持的原则包括？",
                        "options": [("有疑必探", True), ("先探后掘", True), ("先采后治", False)],
                    },
                    {
                        "text": "下列哪些属于煤矿重大事故隐患？",
                        "options": [
                            ("超能力、超强度或者超定员组织生产", True),
                            ("瓦斯超限作业", True),
                            ("职工食堂卫生检查不合格", False),
                        ],
                    },
                    {
                        "text": "煤矿主要负责人和安全生产管理人员每年再培训不得少于多少学时？",
                        "options": [("12学时", False), ("16学时", True), ("72学时", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "non-coal-mines",
        "slug": "tailings-pond-safety",
        "title": "尾矿库安全运行管理",
        "summary": "依据《尾矿库安全规程》（GB 39496）和《尾矿库安全监督管理规定》，讲解尾矿库等别划分、安全监测、防洪度汛与“头顶库”风险管控。",
        "body": (
            "<p>尾矿库一旦溃坝，后果往往是灾难性的。本课程面向矿山企业负责人和安全管理人员，"
            "重点讲解日常巡查、在线监测和汛期管理中的管理责任。</p>"
        ),
        "class_hours": "3",
        "level": "advanced",
        "audiences": ["principal", "safety_manager", "safety_director"],
        "lessons": [
            {"kind": "video", "title": "尾矿库溃坝事故警示", "minutes": 40},
            {
                "kind": "reading",
                "title": "尾矿库安全监测要点",
                "minutes": 45,
                "body": (
                    "<p>尾矿库安全监测的主要内容包括坝体位移、浸润线埋深、库水位、干滩长度和降雨量等。"
                    "等别较高的尾矿库和“头顶库”应当安装在线监测系统，并定期进行人工比对。</p>"
                    "<p>浸润线埋深小于控制浸润线埋深、干滩长度小于设计最小干滩长度、安全超高不足，"
                    "都是危险信号，一旦出现应立即采取措施并报告。</p>"
                    "<p>监测数据应有专人分析并建立台账，发现异常趋势时及时组织论证和处置。</p>"
                ),
            },
            {
                "kind": "reading",
                "title": "防洪度汛与应急管理",
                "minutes": 30,
                "body": (
                    "<ul>"
                    "<li>汛期前应对排洪系统进行全面检查和疏通，确保排洪构筑物完好。</li>"
                    "<li>汛期严格控制库水位，保证设计要求的安全超高和最小干滩长度。</li>"
                    "<li>下游有居民或重要设施的“头顶库”，应制定专项应急预案并定期组织演练。</li>"
                    "<li>暴雨期间实行24小时值班和巡坝制度。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "尾矿库管理测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "尾矿库安全监测的主要内容包括哪些？",
                        "options": [
                            ("坝体位移", True),
                            ("浸润线埋深", True),
                            ("干滩长度", True),
                            ("选矿回收率", False),
                        ],
                    },
                    {
                        "text": "“头顶库”是指？",
                        "options": [
                            ("下游一定距离内有居民或重要设施的尾矿库", True),
                            ("位于山顶的尾矿库", False),
                            ("库容最大的尾矿库", False),
                        ],
                    },
                    {
                        "text": "汛期前应重点检查什么？",
                        "options": [("排洪系统是否完好畅通", True), ("办公楼外墙涂装", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "metallurgy",
        "slug": "metallurgy-safety-director",
        "title": "金属冶炼企业安全总监履职能力",
        "summary": "面向金属冶炼企业安全总监，结合《安全生产法》和《企业安全生产标准化基本规范》（GB/T 33000），讲解安全管理体系运行、风险管控和监督检查方法。",
        "class_hours": "3",
        "level": "specialized",
        "audiences": ["safety_director", "principal", "safety_manager"],
        "specialties": ["metallurgical-gas"],
        "lessons": [
            {"kind": "video", "title": "安全总监的定位与职责", "minutes": 45},
            {
                "kind": "reading",
                "title": "安全生产标准化与体系运行",
                "minutes": 40,
                "body": (
                    "<p>安全总监协助主要负责人履行安全生产管理职责，负责组织安全生产标准化建设、"
                    "风险分级管控和隐患排查治理，对重大事项向主要负责人提出意见和建议。</p>"
                    "<p>GB/T 33000—2016 以“策划、实施、检查、改进”（PDCA）循环为基础，包括目标职责、"
                    "制度化管理、教育培训、现场管理、安全风险管控及隐患排查治理、应急管理、事故管理"
                    "和持续改进8个核心要素。</p>"
                    "<p>安全总监应建立对煤气、高温熔融金属、有限空间等危险作业的监督检查机制，"
                    "做到作业审批、现场监护和检查记录可追溯。</p>"
                ),
            },
            {"kind": "video", "title": "重大危险源与危险作业监督", "minutes": 35},
            {
                "kind": "quiz",
                "title": "安全总监履职测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "GB/T 33000—2016 采用的管理循环是？",
                        "options": [("PDCA（策划、实施、检查、改进）", True), ("只检查、不改进", False)],
                    },
                    {
                        "text": "下列哪些属于安全生产标准化的核心要素？",
                        "options": [
                            ("教育培训", True),
                            ("应急管理", True),
                            ("持续改进", True),
                            ("市场营销", False),
                        ],
                    },
                    {
                        "text": "安全总监发现重大事故隐患时应当？",
                        "options": [
                            ("立即督促整改并向主要负责人报告", True),
                            ("等到年底考核时再处理", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "fireworks",
        "slug": "fireworks-retail-storage",
        "title": "烟花爆竹储存与零售安全",
        "summary": "依据《烟花爆竹经营许可实施办法》，讲解零售网点的限量存放、防火防潮、禁止混存和春节销售旺季的安全检查要点。",
        "class_hours": "1",
        "level": "basic",
        "audiences": ["worker", "new_hire"],
        "lessons": [
            {"kind": "video", "title": "零售网点安全管理", "minutes": 20},
            {
                "kind": "reading",
                "title": "零售网点安全要求",
                "minutes": 15,
                "body": (
                    "<ul>"
                    "<li>零售点应专店或专柜销售，不得与居民居住场所设置在同一建筑物内。</li>"
                    "<li>按许可证核定的限量存放，不得超量储存，严禁在店内加工、拆解产品。</li>"
                    "<li>店内严禁烟火，配备灭火器材，张贴“严禁烟火”等警示标志。</li>"
                    "<li>只能销售个人燃放类产品，不得销售专业燃放类产品和非法产品。</li>"
                    "</ul>"
                ),
            },
        ],
    },
    {
        "industry": "oil-gas",
        "slug": "oil-gas-safety-management",
        "title": "石油天然气开采企业安全生产管理",
        "summary": "依据《安全生产法》和《石油天然气安全规程》（AQ 2012），讲解油气开采企业安全责任体系、承包商管理、作业许可和重大危险源管控。",
        "body": (
            "<p>油气开采企业外包施工队伍多、作业点分散，课程专门讲解如何将劳务派遣工和"
            "外包施工队伍纳入用工企业统一管理和培训。</p>"
        ),
        "class_hours": "2",
        "level": "advanced",
        "audiences": ["principal", "safety_manager", "safety_director"],
        "lessons": [
            {"kind": "video", "title": "油气开采企业安全责任体系", "minutes": 40},
            {
                "kind": "reading",
                "title": "承包商与外包队伍安全管理",
                "minutes": 35,
                "body": (
                    "<p>吉林省实施方案要求，企业应将劳务派遣工、外包施工队伍纳入用工企业统一管理和培训。"
                    "发包单位应审查承包商资质，签订安全生产管理协议，明确双方安全职责。</p>"
                    "<p>承包商人员进入作业现场前，应接受发包单位组织的入场安全教育并考核合格；"
                    "高风险作业应执行作业许可制度，由发包单位派人现场监督。</p>"
                    "<p>发包单位应定期评估承包商的安全绩效，对发生严重违章或事故的承包商予以清退。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "安全生产管理测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "劳务派遣工和外包施工队伍的安全培训应由谁统一管理？",
                        "options": [("用工企业", True), ("劳务派遣公司自行负责，用工企业不管", False)],
                    },
                    {
                        "text": "承包商进入作业现场前应当？",
                        "options": [
                            ("接受入场安全教育并考核合格", True),
                            ("与发包单位签订安全生产管理协议", True),
                            ("直接开始作业", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "dust-explosion",
        "slug": "dust-principal-responsibility",
        "title": "粉尘涉爆企业主要负责人安全责任",
        "summary": "依据《工贸企业粉尘防爆安全规定》和《工贸企业重大事故隐患判定标准》，讲解粉尘防爆安全管理制度、风险辨识评估和重大事故隐患排查治理。",
        "class_hours": "3.5",
        "level": "advanced",
        "audiences": ["principal", "safety_manager", "safety_director"],
        "specialties": ["dust-explosion-prevention"],
        "lessons": [
            {"kind": "video", "title": "粉尘爆炸重特大事故回顾", "minutes": 40},
            {
                "kind": "reading",
                "title": "主要负责人的粉尘防爆职责",
                "minutes": 40,
                "body": (
                    "<p>《工贸企业粉尘防爆安全规定》明确，粉尘涉爆企业主要负责人是本企业粉尘防爆安全工作的"
                    "第一责任人，其他负责人在各自职责范围内对粉尘防爆安全工作负责。</p>"
                    "<p>企业应建立粉尘防爆安全管理制度，辨识评估粉尘爆炸安全风险，建立粉尘爆炸危险场所清单，"
                    "并在场所醒目位置设置安全警示标志。</p>"
                    "<p>企业应组织涉粉作业人员进行粉尘防爆专项安全培训，培训情况纳入企业全员教育培训档案。</p>"
                ),
            },
            {"kind": "video", "title": "粉尘防爆重大事故隐患识别", "minutes": 30},
            {
                "kind": "reading",
                "title": "粉尘清理与检修作业管理制度",
                "minutes": 35,
                "body": (
                    "<ul>"
                    "<li>建立粉尘清理制度，明确清理范围、清理周期、清理方式和责任人员，做好清理记录。</li>"
                    "<li>粉尘爆炸危险场所检修时，应停止相关生产作业，清理作业区域积尘，使用不产生火花的工具。</li>"
                    "<li>涉及动火作业的，应办理动火审批，清理积尘并采取隔离措施，相关涉粉设备停止运行。</li>"
                    "<li>定期检测除尘系统、泄爆隔爆装置和防爆电气设备，检测结果存档备查。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "主要负责人考核测验",
                "minutes": 20,
                "pass_mark_percent": 80,
                "questions": [
                    {
                        "text": "粉尘防爆安全工作的第一责任人是？",
                        "options": [("企业主要负责人", True), ("车间班组长", False), ("设备供应商", False)],
                    },
                    {
                        "text": "下列哪些属于粉尘防爆重大事故隐患？",
                        "options": [
                            ("干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施", True),
                            ("不同防火分区共用一套除尘系统", True),
                            ("未落实粉尘清理制度，造成作业现场积尘严重", True),
                            ("作业场所未张贴企业宣传标语", False),
                        ],
                    },
                    {
                        "text": "在粉尘爆炸危险场所检修前应当？",
                        "options": [("停止相关生产作业并清理积尘", True), ("边生产边检修", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "ammonia-refrigeration",
        "slug": "cold-storage-principal",
        "title": "涉氨制冷企业主要负责人安全管理",
        "summary": "依据《工贸企业重大事故隐患判定标准》涉氨制冷部分，讲解主要负责人如何管控氨直接蒸发制冷、快速冻结装置等重大风险并做好应急准备。",
        "class_hours": "2",
        "level": "advanced",
        "audiences": ["principal", "safety_director"],
        "specialties": ["refrigeration"],
        "lessons": [
            {"kind": "video", "title": "涉氨制冷重大事故隐患解读", "minutes": 35},
            {
                "kind": "reading",
                "title": "涉氨制冷企业安全管理要点",
                "minutes": 30,
                "body": (
                    "<ul>"
                    "<li>包装间、分割间、产品整理间等人员较多的生产场所，其空调系统不得采用氨直接蒸发制冷系统。</li>"
                    "<li>快速冻结装置应设置在单独的作业间内，且作业间内作业人员数量不得超过9人。</li>"
                    "<li>企业应制定液氨泄漏专项应急预案，配备应急救援器材，并定期组织演练。</li>"
                    "<li>主要负责人应组织建立液氨使用台账，严格控制液氨储存量。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "主要负责人测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "人员较多的包装间、分割间，其空调系统能否采用氨直接蒸发制冷？",
                        "options": [("不能", True), ("能", False)],
                    },
                    {
                        "text": "快速冻结装置作业间内作业人员数量不得超过多少人？",
                        "options": [("9人", True), ("20人", False), ("没有限制", False)],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ round 4
    {
        "industry": "chemicals",
        "slug": "chemical-new-hire-induction",
        "title": "化工企业新员工三级安全教育",
        "summary": "按照《生产经营单位安全培训规定》，介绍厂级、车间级、班组级三级安全教育内容，帮助新员工认识危险化学品、安全标志和劳动防护用品。",
        "body": (
            "<p>高危企业新上岗人员岗前安全培训不得少于72学时。本课程为其中的线上理论模块，"
            "完成后还须参加企业组织的现场实操培训和考试，并在师傅带领下实习，出徒后方可独立上岗。</p>"
        ),
        "class_hours": "4",
        "level": "basic",
        "audiences": ["new_hire", "worker"],
        "lessons": [
            {"kind": "video", "title": "走进化工厂：厂级安全教育", "minutes": 40},
            {
                "kind": "reading",
                "title": "危险化学品的危险特性与安全标签",
                "minutes": 45,
                "body": (
                    "<p>危险化学品按 GB 30000 系列《化学品分类和标签规范》分为物理危险、健康危害和环境危害三大类。"
                    "每一种危险化学品都应有安全技术说明书（SDS）和安全标签，标签上的象形图、信号词"
                    "（“危险”或“警告”）和防范说明是现场最直接的提示。</p>"
                    "<p>上岗前要弄清本岗位接触的化学品名称、危险特性、接触限值和应急处置方法。"
                    "遇到没有标签或标签不清的容器，不得擅自使用，应报告班组长。</p>"
                    "<p>安全标志分为禁止、警告、指令和提示四类，分别以红色、黄色、蓝色和绿色为主要颜色"
                    "（GB 2894《安全标志及其使用导则》）。</p>"
                ),
            },
            {"kind": "video", "title": "车间与班组安全教育", "minutes": 30},
            {
                "kind": "reading",
                "title": "劳动防护用品的正确佩戴",
                "minutes": 40,
                "body": (
                    "<ul>"
                    "<li>安全帽：调整好帽箍，系紧下颏带，不得歪戴或当坐垫。</li>"
                    "<li>防护眼镜和面屏：接触酸碱等腐蚀性介质时必须佩戴。</li>"
                    "<li>防毒面具：根据毒物种类选择滤毒罐；在缺氧或毒物浓度不明的环境中不得使用过滤式防毒面具，"
                    "应使用正压式空气呼吸器。</li>"
                    "<li>防静电工作服：在爆炸危险区域必须穿着，不得在现场穿脱。</li>"
                    "<li>劳动防护用品应在有效期内使用，发现破损及时更换。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "三级安全教育结业测验",
                "minutes": 20,
                "questions": [
                    {
                        "text": "三级安全教育是指哪三级？",
                        "options": [
                            ("厂（公司）级、车间级、班组级", True),
                            ("省级、市级、县级", False),
                            ("初级、中级、高级", False),
                        ],
                    },
                    {
                        "text": "安全标志中，表示“禁止”的主要颜色是？",
                        "options": [("红色", True), ("黄色", False), ("蓝色", False), ("绿色", False)],
                    },
                    {
                        "text": "新员工在什么情况下可以独立上岗？",
                        "options": [
                            ("完成岗前培训并考试合格，师傅带徒期满出徒", True),
                            ("入职满一周", False),
                            ("自认为已熟悉操作", False),
                        ],
                    },
                    {
                        "text": "发现一个没有标签的化学品容器，正确做法是？",
                        "options": [
                            ("不擅自使用，报告班组长", True),
                            ("闻一闻判断是什么", False),
                            ("倒入下水道处理", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "coal",
        "slug": "coal-hoist-operation",
        "title": "煤矿提升机操作作业",
        "summary": "依据《煤矿安全规程》提升运输部分，讲解矿井提升机的结构、安全保护装置、操作规程及常见故障处置，适用于提升机操作工复审培训。",
        "class_hours": "1.5",
        "level": "specialized",
        "audiences": ["special_operator"],
        "specialties": ["electrical"],
        "positions": ["hoist-operator"],
        "lessons": [
            {"kind": "video", "title": "提升机安全保护装置", "minutes": 30},
            {
                "kind": "reading",
                "title": "提升机司机操作规程要点",
                "minutes": 30,
                "body": (
                    "<ul>"
                    "<li>开车前检查制动系统、深度指示器、信号系统和各项保护装置，确认完好后方可开车。</li>"
                    "<li>提升机必须装设防止过卷、防止过速、过负荷和欠电压、限速、深度指示器失效、闸间隙、"
                    "松绳、满仓、减速功能等保护装置。</li>"
                    "<li>操作中做到“手不离闸把、眼不离仪表”，严格按信号操作，信号不清不开车。</li>"
                    "<li>发现异常声响、异常振动或保护动作，应立即停车并报告。</li>"
                    "<li>交接班时双方共同检查设备运行状况并做好记录。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "提升机操作测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "提升机司机在操作中应做到？",
                        "options": [("手不离闸把、眼不离仪表", True), ("信号不清时凭经验开车", False)],
                    },
                    {
                        "text": "下列哪些属于提升机必须装设的保护装置？",
                        "options": [
                            ("防止过卷装置", True),
                            ("防止过速装置", True),
                            ("松绳保护装置", True),
                            ("自动加油装置", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "non-coal-mines",
        "slug": "non-coal-new-hire",
        "title": "非煤矿山新员工岗前安全培训",
        "summary": "面向金属非金属矿山新进井下和露天作业人员，讲解矿山主要危险有害因素、安全出口与避灾路线、劳动防护和“师傅带徒弟”要求。",
        "body": "<p>新进矿山作业人员须完成不少于72学时的岗前安全培训并考试合格；本课程为线上理论部分，约4学时。</p>",
        "class_hours": "4",
        "level": "basic",
        "audiences": ["new_hire", "worker"],
        "lessons": [
            {"kind": "video", "title": "矿山生产系统与主要危险", "minutes": 45},
            {
                "kind": "reading",
                "title": "顶板管理与敲帮问顶",
                "minutes": 40,
                "body": (
                    "<p>冒顶片帮是地下矿山最常见的事故类型之一。进入作业面前，必须先进行“敲帮问顶”，"
                    "用撬棍检查顶板和两帮，撬除松石浮石。</p>"
                    "<p>敲帮问顶时应站在安全位置，选择好退路，撬棍不得正对身体，"
                    "禁止多人在同一垂直方向上同时作业。</p>"
                    "<p>发现顶板掉渣、异响、裂缝扩大等冒顶征兆时，应立即撤离并报告。</p>"
                ),
            },
            {"kind": "video", "title": "安全出口、避灾路线与自救互救", "minutes": 35},
            {
                "kind": "reading",
                "title": "岗位安全操作与师傅带徒",
                "minutes": 45,
                "body": (
                    "<ul>"
                    "<li>新员工在师傅带领下实习，实习期满经考核合格方可独立上岗。</li>"
                    "<li>严格执行岗位操作规程，不违章指挥、不违章作业、不违反劳动纪律。</li>"
                    "<li>做到“四不伤害”：不伤害自己、不伤害他人、不被他人伤害、保护他人不受伤害。</li>"
                    "<li>发现隐患及时报告，有权拒绝违章指挥和强令冒险作业。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "岗前培训结业测验",
                "minutes": 25,
                "questions": [
                    {
                        "text": "进入作业面前首先应进行？",
                        "options": [("敲帮问顶", True), ("打钻", False), ("装药", False)],
                    },
                    {
                        "text": "“四不伤害”包括哪些？",
                        "options": [
                            ("不伤害自己", True),
                            ("不伤害他人", True),
                            ("不被他人伤害", True),
                            ("保护他人不受伤害", True),
                        ],
                    },
                    {
                        "text": "面对违章指挥和强令冒险作业，从业人员？",
                        "options": [("有权拒绝", True), ("必须服从", False)],
                    },
                    {
                        "text": "发现冒顶征兆时应当？",
                        "options": [("立即撤离并报告", True), ("继续作业完成任务", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "metallurgy",
        "slug": "metallurgy-electrical-safety",
        "title": "冶金企业电气安全作业",
        "summary": "面向冶金企业电工和一般从业人员，依据《用电安全导则》（GB/T 13869），讲解停电作业的技术措施、安全电压和触电急救。",
        "class_hours": "1.5",
        "level": "basic",
        "audiences": ["special_operator", "worker"],
        "specialties": ["electrical"],
        "positions": ["electrician"],
        "lessons": [
            {"kind": "video", "title": "触电事故与现场急救", "minutes": 30},
            {
                "kind": "reading",
                "title": "停电检修的安全技术措施",
                "minutes": 25,
                "body": (
                    "<p>在全部停电或部分停电的电气设备上工作，必须完成停电、验电、装设接地线、"
                    "悬挂标示牌和装设遮栏（围栏）等技术措施。</p>"
                    "<p>验电应使用相应电压等级、合格的验电器，验电前先在有电设备上确认验电器良好。</p>"
                    "<p>发现有人触电，应首先设法使触电者迅速脱离电源，再根据情况进行心肺复苏，"
                    "并立即拨打急救电话。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "电气安全测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "停电检修的技术措施顺序是？",
                        "options": [
                            ("停电→验电→装设接地线→悬挂标示牌和装设遮栏", True),
                            ("验电→停电→悬挂标示牌→装设接地线", False),
                        ],
                    },
                    {
                        "text": "特种作业操作证每几年复审一次？",
                        "options": [("1年", False), ("3年", True), ("6年", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "fireworks",
        "slug": "fireworks-new-hire",
        "title": "烟花爆竹企业新员工安全教育",
        "summary": "面向烟花爆竹生产企业新招录员工，讲解厂区危险等级划分、涉药工房安全守则和防静电、防火、防雷等基本要求。",
        "class_hours": "1.5",
        "level": "basic",
        "audiences": ["new_hire", "worker", "team_leader"],
        "lessons": [
            {"kind": "video", "title": "认识烟花爆竹厂区", "minutes": 30},
            {
                "kind": "reading",
                "title": "涉药工房安全守则",
                "minutes": 30,
                "body": (
                    "<p>烟花爆竹生产区的建筑物按危险等级划分为1.1级、1.3级等，危险等级越高，"
                    "安全距离和防护要求越严格（GB 50161《烟花爆竹工程设计安全规范》）。</p>"
                    "<p>新员工在涉药工房作业，必须遵守定员、定量规定，不得串岗，不得在工房内休息、饮食，"
                    "不得私自带药出工房。</p>"
                    "<p>雷雨天气应停止涉药作业；发生着火时，人员应立即沿疏散通道撤离，不得冒险抢救产品。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "新员工安全测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "雷雨天气，涉药工房应当？",
                        "options": [("停止涉药作业", True), ("加快生产赶工", False)],
                    },
                    {
                        "text": "工房着火时，正确做法是？",
                        "options": [("立即沿疏散通道撤离并报警", True), ("冒险抢救产品", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "oil-gas",
        "slug": "oilfield-new-hire",
        "title": "油气田新员工HSE入门",
        "summary": "面向油气田新入职员工，介绍井场常见风险、HSE管理基本理念、劳动防护用品和应急集合要求，作为岗前安全培训的入门课。",
        "class_hours": "1",
        "level": "basic",
        "audiences": ["new_hire", "worker"],
        "lessons": [
            {"kind": "video", "title": "井场安全初体验", "minutes": 25},
            {
                "kind": "reading",
                "title": "井场安全基本守则",
                "minutes": 15,
                "body": (
                    "<ul>"
                    "<li>进入井场必须穿戴工作服、安全帽、安全鞋和防护眼镜。</li>"
                    "<li>井场严禁吸烟和携带火种，手机等非防爆电子设备按规定存放。</li>"
                    "<li>高处作业必须系挂安全带，做到高挂低用。</li>"
                    "<li>不在吊物下停留或通过。</li>"
                    "<li>听到应急警报后，按指示迅速到上风向紧急集合点集合，等待清点人数。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "HSE入门测验",
                "minutes": 10,
                "questions": [
                    {
                        "text": "听到应急警报后应当？",
                        "options": [("到上风向紧急集合点集合", True), ("回宿舍收拾物品", False)],
                    },
                    {
                        "text": "高处作业时安全带应当？",
                        "options": [("高挂低用", True), ("低挂高用", False)],
                    },
                ],
            },
        ],
    },
    {
        "industry": "dust-explosion",
        "slug": "dust-area-hot-work",
        "title": "粉尘涉爆场所动火作业管理",
        "summary": "针对粉尘涉爆场所检修动火的特殊风险，依据《工贸企业粉尘防爆安全规定》，讲解动火前积尘清理、隔离、检测和动火期间的现场监护要求。",
        "class_hours": "1",
        "level": "advanced",
        "audiences": ["team_leader", "worker", "safety_manager"],
        "specialties": ["dust-explosion-prevention"],
        "positions": ["hot-work"],
        "lessons": [
            {"kind": "video", "title": "粉尘场所动火引发爆炸案例", "minutes": 20},
            {
                "kind": "reading",
                "title": "粉尘场所动火前的准备",
                "minutes": 20,
                "body": (
                    "<p>在粉尘爆炸危险场所动火，积尘是最大隐患。动火前应停止相关设备运行，"
                    "彻底清理作业区域、设备内部及相连管道内的积尘，必要时采取湿式清理。</p>"
                    "<p>动火点与涉粉设备之间应设置有效隔离，封堵火花可能进入的开口；"
                    "作业期间应有专人监护，并配备灭火器材。</p>"
                    "<p>动火结束后，监护人应检查现场，确认无残留火种后方可离开。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "粉尘场所动火测验",
                "minutes": 10,
                "questions": [
                    {
                        "text": "粉尘场所动火前最重要的准备工作是？",
                        "options": [
                            ("停止相关设备运行并彻底清理积尘", True),
                            ("开大除尘风机吸走火花", False),
                        ],
                    },
                    {
                        "text": "动火结束后监护人应当？",
                        "options": [
                            ("检查现场，确认无残留火种后离开", True),
                            ("作业结束立即离开", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "ammonia-refrigeration",
        "slug": "cold-storage-new-hire",
        "title": "冷库新员工安全常识",
        "summary": "面向冷库和食品加工企业新员工，讲解低温作业防护、冷库门防困、氨气泄漏识别和紧急撤离路线等基本安全常识。",
        "class_hours": "1",
        "level": "basic",
        "audiences": ["new_hire", "worker"],
        "lessons": [
            {"kind": "video", "title": "冷库作业安全须知", "minutes": 20},
            {
                "kind": "reading",
                "title": "低温作业与防困措施",
                "minutes": 15,
                "body": (
                    "<ul>"
                    "<li>进入低温库应穿戴防寒服、防寒手套和防滑鞋，连续作业时间不宜过长，注意轮换休息。</li>"
                    "<li>冷库门应能从内部开启，库内应设置呼救按钮或报警装置；进库作业应告知同事，"
                    "不得单人长时间在库内停留。</li>"
                    "<li>闻到刺激性氨味时，立即用湿毛巾捂住口鼻撤离并报告。</li>"
                    "</ul>"
                ),
            },
            {
                "kind": "quiz",
                "title": "冷库安全常识测验",
                "minutes": 10,
                "questions": [
                    {
                        "text": "闻到刺激性氨味时应当？",
                        "options": [("用湿毛巾捂住口鼻撤离并报告", True), ("继续作业", False)],
                    },
                    {
                        "text": "在低温库内被困时，应当？",
                        "options": [("使用库内呼救按钮或报警装置", True), ("原地等待，不要出声", False)],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ round 5
    {
        "industry": "chemicals",
        "slug": "chemical-leak-emergency",
        "title": "危险化学品泄漏初期应急处置",
        "summary": "依据《生产安全事故应急条例》和企业现场处置方案，讲解危险化学品泄漏的报警、隔离、人员疏散和初期堵漏要点。",
        "class_hours": "1",
        "level": "advanced",
        "audiences": ["team_leader", "worker", "safety_manager"],
        "lessons": [
            {"kind": "video", "title": "泄漏事故的初期处置", "minutes": 25},
            {
                "kind": "quiz",
                "title": "泄漏应急处置测验",
                "minutes": 10,
                "questions": [
                    {
                        "text": "发生有毒气体泄漏时，人员应向哪个方向撤离？",
                        "options": [("上风向或侧风向", True), ("下风向", False), ("低洼处", False)],
                    },
                    {
                        "text": "初期处置中，下列哪些做法正确？",
                        "options": [
                            ("立即报警并启动现场处置方案", True),
                            ("在确保安全的前提下切断泄漏源", True),
                            ("未佩戴防护装备进入泄漏区抢救", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "coal",
        "slug": "coal-team-leader",
        "title": "煤矿班组长安全管理能力提升",
        "summary": "依据《煤矿班组安全建设规定（试行）》，讲解班前会、手指口述、现场隐患排查和遇险停止作业撤人权，提升班组长现场安全管理能力。",
        "body": "<p>吉林省实施方案要求高危企业班组长普遍接受安全技能提升培训，本课程可作为企业班组长专项培训的线上部分。</p>",
        "class_hours": "2",
        "level": "advanced",
        "audiences": ["team_leader"],
        "positions": ["team-leader"],
        "lessons": [
            {"kind": "video", "title": "班前会与手指口述", "minutes": 35},
            {
                "kind": "reading",
                "title": "班组长的安全职责与权力",
                "minutes": 30,
                "body": (
                    "<p>班组长是班组安全生产第一责任人，负责组织班前安全讲话、安排作业任务、检查现场作业条件，"
                    "监督本班组人员执行操作规程。</p>"
                    "<p>《煤矿班组安全建设规定（试行）》赋予班组长在遇到险情时立即组织人员撤离的权力。"
                    "发现险情时应先撤人、后报告，任何人不得以完成生产任务为由阻拦。</p>"
                    "<p>交接班时，班组长应当面交清现场安全状况、存在的隐患和处理情况，并做好记录。</p>"
                ),
            },
            {
                "kind": "quiz",
                "title": "班组长测验",
                "minutes": 15,
                "questions": [
                    {
                        "text": "班组长在作业现场遇到险情时，有权采取什么措施？",
                        "options": [
                            ("立即停止作业、撤出人员", True),
                            ("等待矿领导批准后再撤人", False),
                            ("继续生产完成当班任务", False),
                        ],
                    },
                    {
                        "text": "班前会应包括哪些内容？",
                        "options": [
                            ("讲评上一班安全情况", True),
                            ("分析本班作业风险并明确防范措施", True),
                            ("检查人员精神状态和防护用品", True),
                            ("讨论个人工资奖金分配", False),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "industry": "non-coal-mines",
        "slug": "open-pit-slope-safety",
        "title": "露天矿山边坡与台阶作业安全",
        "summary": "依据《金属非金属矿山安全规程》（GB 16423），讲解露天矿台阶参数、边坡监测、危石清理和采装运输作业中的常见风险。",
        "class_hours": "1",
        "level": "basic",
        "audiences": ["worker", "team_leader"],
        "lessons": [
            {"kind": "video", "title": "露天边坡垮塌事故警示", "minutes": 25},
            {
                "kind": "reading",
                "title": "台阶与边坡安全要点",
                "minutes": 20,
                "body": (
                    "<ul>"
                    "<li>露天矿山应自上而下分台阶开采，严禁掏底崩落、掏挖开采和不分台阶开采。</li>"
                    "<li>台阶坡面上的浮石、伞檐应及时清理，清理时下方严禁有人作业或通行。</li>"
                    "<li>边坡应定期巡查，发现裂缝、滑移等征兆立即撤人并报告。</li>"
                    "<li>铲装作业时，人员不得在挖掘机回转半径内停留。</li>"
                    "</ul>"
                ),
            },
        ],
    },
    {
        "industry": "coal",
        "slug": "coal-new-miner-rules",
        "title": "煤矿新工人入井安全须知",
        "summary": "依据《煤矿安全规程》和《煤矿安全培训规定》，讲解入井携带物品、自救器使用、避灾路线和井下常见警示标志，适合入井前的第一课。",
        "class_hours": "0.5",
        "level": "basic",
        "audiences": ["new_hire", "worker"],
        "lessons": [
            {"kind": "video", "title": "入井须知与自救器使用", "minutes": 20},
            {
                "kind": "quiz",
                "title": "入井安全测验",
                "minutes": 10,
                "questions": [
                    {
                        "text": "入井人员必须随身携带或佩戴哪些物品？",
                        "options": [
                            ("安全帽", True),
                            ("自救器", True),
                            ("矿灯", True),
                            ("香烟和打火机", False),
                        ],
                    },
                    {
                        "text": "入井时可以穿化纤衣服吗？",
                        "options": [("不可以，严禁穿化纤衣服", True), ("可以", False)],
                    },
                ],
            },
        ],
    },
]
