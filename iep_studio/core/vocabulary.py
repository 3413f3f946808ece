"""The teacher's vocabulary: categories, degrees, placements, roles, domains.

Each term has a stable code (stored in the database and in files that travel between
schools) and its Chinese and English names from the domain glossary. The names live here,
not in the Qt translation files, because Qt-free code (the command line, the Word and PDF
exports) must print them too; the window picks the name for its current language.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    zh: str
    en: str

    def label(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


class Vocabulary:
    """An ordered list of terms, looked up by code."""

    def __init__(self, *terms: Term):
        self.terms = terms
        self._by_code = {t.code: t for t in terms}

    def __iter__(self):
        return iter(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def codes(self) -> list[str]:
        return [t.code for t in self.terms]

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def label(self, code: str | None, language: str) -> str:
        term = self._by_code.get(code or "")
        return term.label(language) if term else (code or "")


def join_labels(labels, language: str) -> str:
    """A list as each language writes one: 孤独症、言语障碍 / Autism, Speech impairment."""
    return ("、" if language.startswith("zh") else ", ").join(labels)


# Marks a text may end with that a join replaces, and marks it keeps (with none after).
WEAK_ENDINGS = " \t\n\u3000，,；;。．.、：:"
STRONG_ENDINGS = ("？", "！", "?", "!", "…", "...")


# Weekday names written out here, not taken from the computer's locale (a Chinese system
# would print 星期一 into an English document): the whole name for a heading, the short
# one for a narrow column or a list of dates.
_WEEKDAYS = {
    ("zh", False): ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    ("zh", True): ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    ("en", False): ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                    "Sunday"),
    ("en", True): ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def weekday_name(day, language: str, short: bool = False) -> str:
    return _WEEKDAYS[("zh" if language.startswith("zh") else "en", short)][day.weekday()]


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character (CJK ideographs and their extensions)."""
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
               or "\U00020000" <= c <= "\U0003134f" for c in text)


def join_clauses(parts, language: str, strong: bool = False) -> str:
    """Texts as a teacher typed them, joined into one: "，" (or "；" when `strong`) in a
    Chinese document, and in an English one between two Chinese texts; ", " or "; "
    otherwise. Empty texts are left out, and a text's own 。 or ， where it meets the
    next is dropped, so no "。；" or "，，" is printed; a ？ or ！ stays, with no mark
    after it. The last text keeps its ending."""
    texts = [p.strip() for p in parts if p and p.strip(WEAK_ENDINGS)]
    out, before = "", ""
    for i, text in enumerate(texts):
        if i < len(texts) - 1 and not text.endswith(STRONG_ENDINGS):
            text = text.rstrip(WEAK_ENDINGS)
        if before:
            chinese = language.startswith("zh") or (has_han(before) and has_han(text))
            if before.endswith(STRONG_ENDINGS):
                out += "" if chinese else " "
            else:
                out += ("；" if strong else "，") if chinese else ("; " if strong else ", ")
        out += text
        before = text
    return out


def with_note(label: str, note: str, language: str) -> str:
    """孤独症（中度） / Autism (moderate)."""
    if not note:
        return label
    return f"{label}（{note}）" if language.startswith("zh") else f"{label} ({note.lower()})"


CATEGORIES = Vocabulary(
    Term("autism", "孤独症", "Autism"),
    Term("adhd", "注意缺陷多动障碍", "ADHD"),
    Term("intellectual", "智力障碍", "Intellectual disability"),
    Term("cerebral_palsy", "脑瘫", "Cerebral palsy"),
    Term("hearing", "听力障碍", "Hearing impairment"),
    Term("visual", "视力障碍", "Visual impairment"),
    Term("speech", "言语障碍", "Speech impairment"),
    Term("physical", "肢体障碍", "Physical disability"),
    Term("multiple", "多重障碍", "Multiple disabilities"),
    Term("learning", "学习障碍", "Learning disability"),
    Term("emotional_behavioural", "情绪行为障碍", "Emotional/behavioural disorder"),
    Term("other", "其他", "Other"),
)

DEGREES = Vocabulary(
    Term("mild", "轻度", "Mild"),
    Term("moderate", "中度", "Moderate"),
    Term("severe", "重度", "Severe"),
    Term("profound", "极重度", "Profound"),
)

PLACEMENTS = Vocabulary(
    Term("regular_class", "随班就读", "Regular class"),
    Term("regular_class_resource_room", "随班就读+资源教室", "Regular class plus resource room"),
    Term("special_class", "普通学校特教班", "Special class in a regular school"),
    Term("satellite_class", "卫星班", "Satellite class"),
    Term("special_school", "特殊教育学校", "Special school"),
    Term("home_delivered", "送教上门", "Home-delivered education"),
    Term("medical_education", "医教结合", "Combined medical care and teaching"),
)

STATUSES = Vocabulary(
    Term("active", "在读", "Active"),
    Term("transferred", "已转出", "Transferred"),
    Term("graduated", "已毕业", "Graduated"),
)

SEXES = Vocabulary(
    Term("female", "女", "Female"),
    Term("male", "男", "Male"),
)

TEAM_ROLES = Vocabulary(
    Term("resource_teacher", "资源教师", "Resource teacher"),
    Term("administrator", "校长/行政", "Administrator"),
    Term("head_teacher", "班主任", "Class teacher"),
    Term("subject_teacher", "学科教师", "Subject teacher"),
    Term("mental_health_teacher", "心理健康教师", "Mental-health teacher"),
    Term("itinerant_teacher", "巡回指导教师", "Itinerant teacher"),
    Term("therapist", "康复训练师", "Therapist"),
    Term("doctor", "医生", "Doctor"),
    Term("expert", "特教专家", "Special-education expert"),
    Term("parent", "家长", "Parent"),
    Term("community", "社区人员", "Community staff"),
    Term("volunteer", "志愿者", "Volunteer"),
    Term("shadow_aide", "影子老师", "Shadow aide"),
)

RELATIONSHIPS = Vocabulary(
    Term("mother", "母亲", "Mother"),
    Term("father", "父亲", "Father"),
    Term("grandmother", "祖母/外祖母", "Grandmother"),
    Term("grandfather", "祖父/外祖父", "Grandfather"),
    Term("guardian", "其他监护人", "Other guardian"),
)

# The assessment/training domain tree; subdomains carry their parent's code as a prefix.
DOMAINS = Vocabulary(
    Term("perception", "感知觉", "Perception"),
    Term("perception.visual", "视知觉", "Visual perception"),
    Term("perception.auditory", "听知觉", "Auditory perception"),
    Term("perception.tactile", "触觉", "Tactile"),
    Term("perception.vestibular", "前庭觉", "Vestibular"),
    Term("perception.proprioceptive", "本体觉", "Proprioceptive"),
    Term("gross_motor", "粗大动作", "Gross motor"),
    Term("fine_motor", "精细动作", "Fine motor"),
    Term("receptive_language", "语言理解", "Receptive language"),
    Term("expressive_language", "语言表达与沟通", "Expressive language and communication"),
    Term("articulation", "构音", "Articulation"),
    Term("cognition", "认知", "Cognition"),
    Term("cognition.attention", "注意", "Attention"),
    Term("cognition.memory", "记忆", "Memory"),
    Term("cognition.concepts", "概念", "Concepts"),
    Term("social", "社会交往", "Social interaction"),
    Term("emotion_behaviour", "情绪与行为", "Emotion and behaviour"),
    Term("self_care", "生活自理", "Self-care"),
    Term("self_care.eating", "饮食", "Eating"),
    Term("self_care.toileting", "如厕", "Toileting"),
    Term("self_care.dressing", "穿衣", "Dressing"),
    Term("functional_chinese", "生活语文", "Functional Chinese"),
    Term("functional_maths", "生活数学", "Functional maths"),
    Term("school_routines", "学校常规", "School routines"),
    Term("community_living", "社区适应", "Community living"),
    Term("work_skills", "劳动技能", "Work skills"),
    Term("leisure", "休闲", "Leisure"),
)

# Instruments teachers name; the field stays free text, these are offered as suggestions.
INSTRUMENTS = (
    "C-PEP-3",
    "CARS",
    "ABC",
    "S-M 社会生活能力量表",
    "儿童适应行为评定量表",
    "感觉统合能力发展评定量表",
    "WISC-IV",
    "0-6岁儿童发育行为评估量表",
    "S-S 语言发育迟缓检查法",
    "中国残联 孤独症儿童发展评估表",
)

# Course units (the district practice): the three kinds, the apparatus of a resource room,
# the situations and spaces, and the age bands units and goals are written for.
UNIT_KINDS = Vocabulary(
    Term("deficit", "缺陷/功能本位", "Deficit- or function-based"),
    Term("apparatus", "器材本位", "Apparatus-based"),
    Term("situation", "情境本位", "Situation- or space-based"),
)

# The same kinds as a short tag for lists: 【器材】大龙球…
UNIT_KIND_TAGS = Vocabulary(
    Term("deficit", "功能", "Function"),
    Term("apparatus", "器材", "Apparatus"),
    Term("situation", "情境", "Situation"),
)

APPARATUS = Vocabulary(
    Term("therapy_ball", "大龙球", "Therapy ball"),
    Term("balance_board", "平衡台/平衡板", "Balance board"),
    Term("scooter_board", "滑板", "Scooter board"),
    Term("trampoline", "蹦床", "Trampoline"),
    Term("balance_beam", "平衡步道/平衡木", "Balance path/beam"),
    Term("rotating_scooter", "圆形滑车", "Rotating scooter"),
    Term("tactile_board", "触觉球/触觉板", "Tactile balls/boards"),
    Term("hop_ball", "羊角球", "Hop ball"),
    Term("bead_threading", "串珠", "Bead threading"),
    Term("peg_board", "插棍/分指板", "Peg boards"),
    Term("montessori", "拼图/蒙氏教具", "Puzzles and Montessori materials"),
    Term("picture_cards", "认知卡片", "Picture cards"),
    Term("communication_board", "沟通板", "Communication board"),
    Term("sand_tray", "沙盘", "Sand tray"),
    Term("keyboard", "电子琴", "Keyboard"),
    Term("one_leg_stool", "独脚凳", "One-leg stool"),
    Term("suspended", "悬吊器材（吊缆、秋千）", "Suspended equipment (bolster swing, swing)"),
    Term("tunnel", "阳光隧道", "Tunnel"),
    Term("jumping_sack", "跳袋", "Jumping sack"),
    Term("rainbow_parachute", "彩虹伞", "Rainbow parachute"),
    Term("speech_software", "言语训练软件", "Speech-training software"),
    Term("learning_software", "注意力与学习软件", "Attention and learning software"),
    Term("calm_corner", "冷静角", "Calm-down corner"),
    Term("hearing_aid", "助听器/人工耳蜗", "Hearing aid or cochlear implant"),
    Term("low_vision_aids", "助视器", "Low-vision aids"),
    Term("white_cane", "盲杖", "White cane"),
    Term("wheelchair", "轮椅与体位支持", "Wheelchair and positioning"),
    Term("tablet_computer", "平板电脑/计算机", "Tablet or computer"),
    Term("art_materials", "绘画与手工材料", "Art and craft materials"),
    Term("percussion", "打击乐器", "Percussion instruments"),
    Term("voice_output", "语音沟通器", "Voice-output communication aid"),
)

SITUATIONS = Vocabulary(
    Term("arriving", "入校晨检", "Arriving at school"),
    Term("queuing_stairs", "排队与上下楼梯", "Queuing and stairs"),
    Term("canteen", "食堂就餐", "The canteen"),
    Term("toilet_handwashing", "如厕洗手", "Toilet and hand washing"),
    Term("class_routines", "集体课常规", "Class routines"),
    Term("exercises_pe", "做操/体育课", "Exercises and PE"),
    Term("supermarket", "超市购物", "Supermarket"),
    Term("bus", "乘坐公交", "Riding the bus"),
    Term("crossing_road", "过马路", "Crossing the road"),
    Term("doctor", "看病就医", "Visiting the doctor"),
    Term("restaurant", "餐厅点餐", "Ordering in a restaurant"),
    Term("party_festival", "生日会/节日", "Birthday party or festival"),
    Term("break_time", "课间", "Break time"),
    Term("assembly", "升旗仪式与集会", "Flag-raising and assemblies"),
    Term("drills", "消防与地震疏散演练", "Fire and earthquake drills"),
    Term("midday_rest", "午休", "Midday rest"),
    Term("class_duty", "值日", "Class duty"),
    Term("tests", "考试（含考试调整）", "Tests with accommodations"),
    Term("library", "图书馆/阅览室", "The library"),
    Term("school_trip", "研学与春秋游", "School trips"),
    Term("lift", "乘电梯", "Taking the lift"),
    Term("metro", "乘地铁", "Riding the metro"),
    Term("phone_payment", "手机支付", "Paying by phone"),
    Term("starting_primary", "升入小学", "Starting primary school"),
    Term("work_placement", "职业体验", "Work experience"),
    Term("home_learning", "居家学习（送教上门）", "Learning at home (home-delivered education)"),
)

AGE_BANDS = Vocabulary(
    Term("3-6", "学前（3-6岁）", "Preschool (3-6)"),
    Term("6-9", "小学低段（6-9岁）", "Lower primary (6-9)"),
    Term("9-12", "小学高段（9-12岁）", "Upper primary (9-12)"),
    Term("12-15", "初中（12-15岁）", "Junior secondary (12-15)"),
)

# Tiers of a differentiated step or a graded assignment, from most to least support.
TIERS = Vocabulary(
    Term("1", "基础层", "Foundation"),
    Term("2", "发展层", "Developing"),
    Term("3", "拓展层", "Extension"),
)


def age_on(birth, today) -> int:
    """Full years of age on a day."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def age_band_of(age: int) -> str:
    """The AGE_BANDS code ("6-9") an age falls in, or "" outside them all."""
    for term in AGE_BANDS:
        low, high = (int(x) for x in term.code.split("-"))
        if low <= age < high:
            return term.code
    return ""


# The resource-room rhythm (planner, behaviour records).
THEME_SCOPES = Vocabulary(
    Term("room", "全体", "Whole room"),
    Term("group", "小组", "A group"),
    Term("student", "个别学生", "One student"),
)

BEHAVIOUR_FUNCTIONS = Vocabulary(
    Term("attention", "获取关注", "Attention"),
    Term("tangible", "获取实物", "Tangible"),
    Term("escape", "逃避", "Escape"),
    Term("sensory", "感觉刺激", "Sensory"),
    Term("unknown", "不确定", "Not sure yet"),
)

# What a file attached to a student's file is (core/services/attachments.py).
ATTACHMENT_KINDS = Vocabulary(
    Term("diagnosis", "诊断证明", "Diagnosis"),
    Term("consent", "家长知情同意书", "Parents' consent form"),
    Term("committee_decision", "专家委员会评估意见", "Expert committee's decision"),
    Term("work_sample", "作品样本", "Work sample"),
    Term("photo", "照片", "Photo"),
    Term("assessment_report", "评估报告", "Assessment report"),
    Term("other", "其他", "Other"),
)


# What an account may do (see core/access.py for the rules behind each).
ACCOUNT_ROLES = Vocabulary(
    Term("resource_teacher", "资源教师", "Resource teacher"),
    Term("team_member", "团队成员", "Team member"),
    Term("administrator", "审核人/管理员", "Reviewer / administrator"),
    Term("read_only", "只读", "Read-only"),
    # The district special-education centre's guidance staff: read the files of the schools
    # they are given and write case-guidance notes (core/access/rules.py).
    Term("district_coordinator", "区域特教指导员", "District coordinator"),
)

# How a case-guidance note came about: offered in the note's form, which also takes a
# teacher's own words (so the note keeps the text, not a code).
GUIDANCE_OCCASIONS = Vocabulary(
    Term("school_visit", "到校视导", "School visit"),
    Term("telephone", "电话指导", "Telephone"),
    Term("case_meeting", "个案会议", "Case meeting"),
    Term("home_visit", "送教上门随访", "Home-delivery visit"),
)

# A case-guidance note's fields as its history names them ("given_on" is a lesson's day
# elsewhere).
GUIDANCE_FIELDS = Vocabulary(
    Term("given_on", "指导日期", "Date"),
    Term("given_by", "指导人", "Given by"),
    Term("occasion", "指导方式", "Occasion"),
    Term("seen", "观察所见", "What was seen"),
    Term("guidance", "指导意见", "Guidance"),
    Term("follow_up", "跟进事项", "To follow up"),
    Term("follow_up_by", "跟进期限", "Follow up by"),
)

# Record kinds as the history of a file names them.
RECORD_KINDS = Vocabulary(
    Term("student", "学生档案", "Student file"),
    Term("student_category", "障碍类别", "Category"),
    Term("placement_period", "安置形式", "Placement"),
    Term("guardian", "监护人", "Guardian"),
    Term("team_membership", "融合教育团队", "Team"),
    Term("assessment", "评估", "Assessment"),
    Term("assessment_result", "评估结果", "Assessment result"),
    Term("item_score", "评估项目得分", "Item score"),
    Term("plan", "个别化教育计划", "IEP"),
    Term("plan_present_level", "现有水平", "Present level"),
    Term("plan_goal", "长期目标", "Annual goal"),
    Term("plan_objective", "短期目标", "Objective"),
    Term("objective_review", "目标评量", "Objective review"),
    Term("plan_service", "相关服务", "Service"),
    Term("plan_review", "团队审阅", "Team review"),
    Term("plan_signature", "签名", "Signature"),
    Term("plan_revision", "计划版本", "Plan revision"),
    Term("lesson", "课", "Lesson"),
    Term("lesson_student", "课上的学生", "Student in a lesson"),
    Term("observation", "观察记录", "Observation"),
    Term("behaviour_record", "行为记录(ABC)", "Behaviour record (ABC)"),
    Term("home_visit", "送教上门", "Home visit"),
    Term("attachment", "附件", "Attachment"),
    Term("intake_record", "转介安置步骤", "Intake step"),
    Term("monthly_theme", "月主题", "Monthly theme"),
    Term("weekly_activity", "周活动", "Weekly activity"),
    Term("teaching_session", "资源教室课时", "Session"),
    Term("user_course_unit", "课程单元", "Course unit"),
    Term("own_goal", "本校目标", "Our school's goal"),
    Term("school", "学校", "School"),
    Term("person", "人员", "Person"),
    Term("account", "账户", "Account"),
    Term("case_guidance", "个案指导记录", "Guidance note"),
    Term("coordinated_school", "指导员负责的学校", "School a coordinator follows"),
)

# Fields as the history of a file names them (the plan's own are in iep/terms.py).
FIELD_LABELS = Vocabulary(
    Term("full_name", "姓名", "Name"),
    Term("student_number", "学号", "Student number"),
    Term("sex", "性别", "Sex"),
    Term("birth_date", "出生日期", "Birth date"),
    Term("grade", "年级", "Grade"),
    Term("class_name", "班级", "Class"),
    Term("enrolled_on", "入学日期", "Enrolled on"),
    Term("status", "状态", "Status"),
    Term("certificate_no", "残疾证号", "Certificate no."),
    Term("diagnosis", "诊断", "Diagnosis"),
    Term("health_notes", "健康状况", "Health notes"),
    Term("medication", "用药", "Medication"),
    Term("strengths", "优势", "Strengths"),
    Term("interests", "兴趣", "Interests"),
    Term("needs", "需求", "Needs"),
    Term("home_language", "家庭语言", "Home language"),
    Term("family_needs", "家庭需求", "Family needs"),
    Term("archived", "已归档", "Archived"),
    Term("category", "障碍类别", "Category"),
    Term("degree", "程度", "Degree"),
    Term("placement", "安置形式", "Placement"),
    Term("start_date", "开始日期", "Start date"),
    Term("end_date", "结束日期", "End date"),
    Term("note", "备注", "Note"),
    Term("name", "姓名", "Name"),
    Term("relationship_", "关系", "Relationship"),
    Term("person_id", "人员", "Person"), Term("author_id", "撰写人", "Author"),
    Term("observer", "观察人", "Observer"), Term("made_by", "经办人", "Made by"),
    Term("kind", "类别", "Kind"), Term("provider", "提供者", "Provider"),
    Term("frequency_text", "频率", "Frequency"), Term("signed_at", "签名时间", "Signed at"),
    Term("approved_at", "批准时间", "Approved at"), Term("closed_at", "结束时间", "Closed at"),
    Term("event", "事件", "Event"), Term("number", "版本号", "Number"),
    Term("made_at", "时间", "Made at"), Term("reason", "原因", "Reason"),
    Term("given_on", "上课日期", "Given on"), Term("tier", "层级", "Level"),
    Term("adjustments", "调整", "Adjustments"), Term("objectives", "目标", "Objectives"),
    Term("carried_status", "延续", "Carried"), Term("bank_goal_id", "目标库", "Goal bank"),
    Term("phone", "电话", "Phone"),
    Term("workplace", "工作单位", "Workplace"),
    Term("primary_contact", "主要联系人", "Primary contact"),
    Term("role", "角色", "Role"),
    Term("since", "起始日期", "Since"),
    Term("trials", "试次", "Trials"),
    Term("observed_on", "观察日期", "Observed on"),
    Term("duration_seconds", "持续时间（秒）", "Duration (seconds)"),
    Term("frequency", "次数", "Count"),
    Term("rating", "评分", "Rating"),
    Term("antecedent", "前因", "Antecedent"),
    Term("behaviour", "行为", "Behaviour"),
    Term("consequence", "后果", "Consequence"),
    Term("function", "功能", "Function"),
    Term("occurred_on", "日期", "Date"),
    Term("occurred_at", "时间", "Time"),
    Term("setting", "情境", "Setting"),
    Term("duration", "持续时间", "Duration"),
    Term("visited_on", "日期", "Date"),
    Term("minutes", "分钟", "Minutes"),
    Term("visitors", "参与人员", "Who went"),
    Term("activities", "活动内容", "What was done"),
    Term("objective_ids", "短期目标", "Objectives"),
    Term("statement", "目标", "Goal"),
    Term("domain", "领域", "Domain"),
    Term("condition", "条件", "Condition"),
    Term("criterion", "标准", "Criterion"),
    Term("measurement", "评量方式", "Measured by"),
    Term("target_date", "目标日期", "Target date"),
    Term("responsible", "负责人", "Responsible"),
    Term("code", "评量结果", "Result"),
    Term("comment", "意见", "Comment"),
    Term("reviewer", "评量人", "Reviewer"),
    Term("instrument", "评估工具", "Instrument"),
    Term("assessed_on", "评估日期", "Assessed on"),
    Term("assessor", "评估人", "Assessor"),
    Term("summary", "小结", "Summary"),
    Term("score", "得分", "Score"),
    Term("present_level", "现有能力水平", "Present level"),
    Term("level", "现有能力水平", "Present level"),
    Term("source", "来源", "Source"),
    Term("title", "名称", "Title"),
    Term("period_start", "开始日期", "Period start"),
    Term("period_end", "结束日期", "Period end"),
    Term("review_due", "下次检讨日期", "Next review"),
    Term("edition", "版次", "Edition"),
    Term("position", "顺序", "Order"),
    Term("mastery_percent", "达标百分比", "Mastery percent"),
    Term("mastery_sessions", "达标次数", "Mastery sessions"),
    Term("mastery_level", "计入达标的提示等级", "Counted prompt level"),
    Term("decision", "决定", "Decision"),
    Term("section", "部分", "Section"),
    Term("text", "内容", "Text"),
    Term("person_name", "人员", "Person"),
    Term("display_name", "姓名", "Name"),
    Term("username", "登录名", "Sign-in name"),
    Term("active", "可以登录", "May sign in"),
    Term("password_hash", "密码", "Password"),
    Term("last_signed_in", "上次登录", "Last signed in"),
    # An attachment: which file it was, never its content.
    Term("file_name", "文件名", "File name"),
    Term("media_type", "文件类型", "File type"),
    Term("byte_size", "大小（字节）", "Size (bytes)"),
    Term("sha256", "校验码(SHA-256)", "Checksum (SHA-256)"),
    Term("taken_on", "日期", "Date"),
    # A child's step from referral to placement (the step's key is hidden: its name says it).
    Term("step_name", "步骤", "Step"),
    Term("done_on", "完成日期", "Done on"),
    Term("done_by", "经办人", "Done by"),
)
