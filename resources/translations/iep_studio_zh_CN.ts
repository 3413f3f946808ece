<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDesk</name>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="210"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="211"/>
        <source>Only an administrator manages accounts. You can change your own password.</source>
        <translation>只有管理员可以管理账户。您可以修改自己的密码。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="221"/>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="226"/>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="23"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="25"/>
        <source>Sign-in name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="28"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="30"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="34"/>
        <source>On students&apos; teams as:</source>
        <translation>在学生团队中的身份：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="35"/>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="36"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="39"/>
        <source>Schools followed:</source>
        <translation>负责指导的学校：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="41"/>
        <source>No school is ticked: this coordinator will see no student&apos;s file until you tick one.</source>
        <translation>没有勾选学校：勾选之前，这位指导员看不到任何学生档案。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="47"/>
        <source>May sign in</source>
        <translation>可以登录</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="90"/>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="96"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="94"/>
        <source>Sign-in name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="94"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="94"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="94"/>
        <source>Last signed in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="95"/>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="104"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="104"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="105"/>
        <source>New password…</source>
        <translation>设置新密码…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="106"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="132"/>
        <source> (off)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="133"/>
        <source>Locked after %1 wrong passwords</source>
        <translation>连续输错 %1 次密码后已锁定</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="190"/>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="19"/>
        <source>&amp;New student file…</source>
        <translation>新建学生档案(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="20"/>
        <source>&amp;Archive student file</source>
        <translation>归档学生档案(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="21"/>
        <source>&amp;Restore student file</source>
        <translation>恢复学生档案(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="22"/>
        <source>&amp;Export documents…</source>
        <translation>导出文档(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="23"/>
        <source>&amp;Send the student&apos;s file to another school…</source>
        <translation>把学生档案转给其他学校(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="24"/>
        <source>Recei&amp;ve a student file…</source>
        <translation>接收学生档案(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="25"/>
        <source>&amp;Import students from a spreadsheet…</source>
        <translation>从表格导入学生(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="26"/>
        <source>Export the student &amp;list to Excel…</source>
        <translation>导出学生名单为 Excel(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="27"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="28"/>
        <source>Restore a bac&amp;kup…</source>
        <translation>从备份恢复(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="29"/>
        <source>Create &amp;demo school</source>
        <translation>创建演示学校(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="30"/>
        <source>Sign &amp;out / switch user…</source>
        <translation>退出登录 / 切换用户(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="31"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="40"/>
        <source>School and district &amp;overview…</source>
        <translation>学校与区域概览(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="46"/>
        <source>Where is my da&amp;ta?</source>
        <translation>我的数据在哪里(&amp;T)？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="56"/>
        <source>W&amp;ithdraw to draft</source>
        <translation>撤回修改(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="58"/>
        <source>Request c&amp;hanges…</source>
        <translation>要求修改(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="61"/>
        <source>IEP mee&amp;ting…</source>
        <translation>IEP会议(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="63"/>
        <source>Amen&amp;d…</source>
        <translation>修订(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="65"/>
        <source>Compare re&amp;visions…</source>
        <translation>比较修订(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="68"/>
        <source>&amp;Family wording…</source>
        <translation>家长版措辞(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="69"/>
        <source>&amp;Export as PDF and Word…</source>
        <translation>导出 PDF 和 Word(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="70"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="32"/>
        <source>&amp;Previous week</source>
        <translation>上一周(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="33"/>
        <source>&amp;Next week</source>
        <translation>下一周(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="34"/>
        <source>&amp;This week</source>
        <translation>本周(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="35"/>
        <source>New t&amp;heme…</source>
        <translation>新建主题(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="36"/>
        <source>New &amp;activity…</source>
        <translation>新建活动(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="37"/>
        <source>New &amp;session…</source>
        <translation>新建课时(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="38"/>
        <location filename="../../iep_studio/ui/actions.py" line="39"/>
        <source>&amp;Record observations…</source>
        <translation>记录观察(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="39"/>
        <source>&amp;Copy this week forward…</source>
        <translation>复制本周到以后(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="41"/>
        <source>&amp;Export this week…</source>
        <translation>导出本周计划(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="42"/>
        <source>&amp;Print data sheet for the day…</source>
        <translation>打印当天记录表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="44"/>
        <source>Print data sheet for the wee&amp;k…</source>
        <translation>打印本周记录表(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="46"/>
        <location filename="../../iep_studio/ui/actions.py" line="32"/>
        <location filename="../../iep_studio/ui/actions.py" line="71"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="47"/>
        <location filename="../../iep_studio/ui/actions.py" line="33"/>
        <location filename="../../iep_studio/ui/actions.py" line="72"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="34"/>
        <source>&amp;Find student</source>
        <translation>查找学生(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="35"/>
        <source>Course-unit &amp;library…</source>
        <translation>课程单元库(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="36"/>
        <source>&amp;Home: reminders</source>
        <translation>首页：提醒(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="37"/>
        <source>Open the current &amp;IEP…</source>
        <translation>打开当前的个别化教育计划(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="38"/>
        <source>Resource-room &amp;planner…</source>
        <translation>资源教室计划(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="41"/>
        <source>&amp;Who am I…</source>
        <translation>我是谁(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="42"/>
        <source>A&amp;ccounts…</source>
        <translation>账户管理(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="43"/>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="44"/>
        <source>&amp;Documents: logo and Word template…</source>
        <translation>文档：校徽与 Word 模板(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="45"/>
        <source>&amp;Language…</source>
        <translation>语言(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="47"/>
        <source>&amp;About IEP Studio</source>
        <translation>关于 IEP Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="54"/>
        <source>&amp;Check completeness</source>
        <translation>完整性检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="55"/>
        <source>&amp;Submit for review…</source>
        <translation>提交审阅(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="57"/>
        <source>Co&amp;mment…</source>
        <translation>意见(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="59"/>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="60"/>
        <source>Si&amp;gn…</source>
        <translation>签名(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="62"/>
        <source>&amp;Review objectives…</source>
        <translation>检讨短期目标(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/actions.py" line="64"/>
        <source>C&amp;lose the plan…</source>
        <translation>结束计划(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="48"/>
        <location filename="../../iep_studio/ui/actions.py" line="73"/>
        <source>Close &amp;window</source>
        <translation>关闭窗口(&amp;W)</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="123"/>
        <source>Activity of the week</source>
        <translation>本周活动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="124"/>
        <source>Week:</source>
        <translation>周：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="125"/>
        <source>Activity:</source>
        <translation>活动：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="126"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="127"/>
        <source>(no theme)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="128"/>
        <source>Course unit:</source>
        <translation>课程单元：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="129"/>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="135"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="134"/>
        <source>Lesson:</source>
        <translation>课：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="136"/>
        <source>Students:</source>
        <translation>学生：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="138"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>ApparatusPanel</name>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="23"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="23"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="23"/>
        <source>Domains</source>
        <translation>训练领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="24"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="24"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="25"/>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="66"/>
        <source>Apparatus and situations</source>
        <translation>器材与情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="42"/>
        <source>Apparatus</source>
        <translation>器材</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="42"/>
        <source>Situation</source>
        <translation>情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="63"/>
        <source>Added by the school</source>
        <translation>本校添加</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="64"/>
        <source>IEP Studio</source>
        <translation>IEP Studio 自带</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="82"/>
        <source>Add apparatus or a situation</source>
        <translation>添加器材或情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="97"/>
        <source>Change apparatus or situation</source>
        <translation>修改器材或情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="111"/>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="119"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="111"/>
        <source>Remove &quot;%1&quot; from the list? Units already taught keep their copy.</source>
        <translation>从列表中删除“%1”吗？已经上过的课仍保留原来的单元内容。</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="24"/>
        <source>Assessment</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="38"/>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="78"/>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="38"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="38"/>
        <source>Present level</source>
        <translation>现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="40"/>
        <source>Results by domain</source>
        <translation>各领域评估结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="43"/>
        <source>Add domain</source>
        <translation>添加领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="44"/>
        <source>Remove domain</source>
        <translation>删除领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="54"/>
        <source>Instrument:</source>
        <translation>评估工具：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="55"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="56"/>
        <source>Assessor:</source>
        <translation>评估人：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="57"/>
        <source>Summary:</source>
        <translation>小结：</translation>
    </message>
</context>
<context>
    <name>AssessmentsTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="105"/>
        <source>Instrument</source>
        <translation>评估工具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="105"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="105"/>
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="106"/>
        <source>Assessments</source>
        <translation>评估记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="124"/>
        <source>Assess with an instrument scored item by item (IEP Studio&apos;s curriculum-based assessment): one key per item, then draft the plan from it</source>
        <translation>用逐项评分的评估工具（IEP Studio 课程本位评估）评估：每项按一个键，评完可据此起草计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="122"/>
        <source>S&amp;core item by item…</source>
        <translation>逐项评估(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="128"/>
        <source>Profile &amp;over time…</source>
        <translation>历次对比(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="146"/>
        <source>Choose an assessment to see its results.</source>
        <translation>选择一条评估记录，查看评估结果。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="174"/>
        <source>%1 items scored. Open it (Enter) to go on scoring or to draft the plan.</source>
        <translation>已评 %1 项。打开（按回车）可继续评分或起草计划。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="195"/>
        <source>Score item by item</source>
        <translation>逐项评估</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="196"/>
        <source>Instrument:</source>
        <translation>评估工具：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="204"/>
        <source>Start an assessment</source>
        <translation>开始评估</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="246"/>
        <source>Add assessment</source>
        <translation>添加评估</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="260"/>
        <source>Edit assessment</source>
        <translation>编辑评估</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/assessments_tab.py" line="267"/>
        <source>Remove assessment</source>
        <translation>删除评估</translation>
    </message>
</context>
<context>
    <name>AttachmentDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="20"/>
        <source>Attached file</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="21"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="24"/>
        <source>Title:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="26"/>
        <source>What it is:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="29"/>
        <source>Date on it:</source>
        <translation>文件日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="31"/>
        <source>Belongs to:</source>
        <translation>所属：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="32"/>
        <source>(the student&apos;s file)</source>
        <translation>（学生档案）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="37"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="45"/>
        <source>IEP: %1</source>
        <translation>IEP：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="47"/>
        <source>Intake step: %1</source>
        <translation>转介安置步骤：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_dialog.py" line="49"/>
        <source>Observation</source>
        <translation>观察记录</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="43"/>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="43"/>
        <source>What it is</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="43"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="43"/>
        <source>Belongs to</source>
        <translation>所属</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="44"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="44"/>
        <source>Attached files</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="45"/>
        <source>Attach files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="46"/>
        <source>Edit details…</source>
        <translation>修改说明…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="47"/>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="51"/>
        <source>Scans and photos are kept in the file itself and shown here. To attach, use Attach files… or drop files on this page.</source>
        <translation>扫描件和照片保存在档案内，并在这里显示。添加附件请点“添加附件…”，或把文件拖到本页。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="111"/>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="137"/>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="142"/>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="173"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="112"/>
        <source>Scans and pictures (%1);;All files (*)</source>
        <translation>扫描件和图片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="150"/>
        <source>Attaching the files…</source>
        <translation>正在添加附件…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="168"/>
        <source>%1 of %2 files were attached. These were not:</source>
        <translation>%2 个文件中已添加 %1 个。以下文件未添加：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="171"/>
        <source>No file was attached:</source>
        <translation>没有添加任何文件：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="199"/>
        <source>Edit attached file</source>
        <translation>修改附件说明</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="209"/>
        <source>Remove attached file</source>
        <translation>删除附件</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachments_tab.py" line="218"/>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="107"/>
        <source>Needs attention</source>
        <translation>需要关注的情况</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="107"/>
        <source>Students</source>
        <translation>学生人数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="108"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="123"/>
        <source>Students needing attention</source>
        <translation>需要关注的学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="111"/>
        <source>The weeks without observations and the home visits planned each term are set on the Settings page.</source>
        <translation>“多少周没有观察记录即列出”和“每学期计划上门次数”可在“设置”页修改。</translation>
    </message>
</context>
<context>
    <name>BackupDesk</name>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="110"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="118"/>
        <source>The automatic backup could not be written: %1</source>
        <translation>自动备份未能写入：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="124"/>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="129"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="125"/>
        <source>The shared server database is backed up by the server&apos;s own tools.</source>
        <translation>共享服务器上的数据库由服务器自己的工具备份。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="130"/>
        <source>Backup written: %1</source>
        <translation>备份已写入：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="133"/>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="152"/>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="162"/>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="136"/>
        <source>The shared server database is backed up and restored by the server&apos;s own tools: ask your administrator.</source>
        <translation>共享服务器上的数据库由服务器自己的工具备份和恢复，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="143"/>
        <source>Only an administrator can restore a backup.</source>
        <translation>只有管理员可以从备份恢复。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="154"/>
        <source>Restore the backup of %1? The data as it is now is kept as a backup first. IEP Studio closes now and opens the backup at its next start.</source>
        <translation>要恢复 %1 的备份吗？当前数据会先另存为备份。IEP Studio 现在会关闭，下次启动时打开这个备份。</translation>
    </message>
</context>
<context>
    <name>BehaviourDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="25"/>
        <source>Behaviour record (ABC)</source>
        <translation>行为记录（ABC）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="26"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="27"/>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="30"/>
        <source>Where, during what:</source>
        <translation>地点、当时在做什么：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="31"/>
        <source>A — what happened before:</source>
        <translation>A 前因——之前发生了什么：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="33"/>
        <source>B — what the student did:</source>
        <translation>B 行为——学生做了什么：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="34"/>
        <source>C — what happened after:</source>
        <translation>C 后果——之后发生了什么：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="36"/>
        <source>Likely function:</source>
        <translation>可能的功能：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="37"/>
        <source>(not judged yet)</source>
        <translation>（尚未判断）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="38"/>
        <source>How many times:</source>
        <translation>次数：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="39"/>
        <source>How long:</source>
        <translation>持续时间：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="40"/>
        <source>minutes, or 3:30</source>
        <translation>分钟，或 3:30</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="41"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>BehaviourTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="69"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="69"/>
        <source>Antecedent</source>
        <translation>前因</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="69"/>
        <source>Behaviour</source>
        <translation>行为</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="69"/>
        <source>Consequence</source>
        <translation>后果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="70"/>
        <source>Function</source>
        <translation>功能</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="70"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="70"/>
        <source>How long</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="71"/>
        <source>Behaviour records</source>
        <translation>行为记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="72"/>
        <source>Add ABC record…</source>
        <translation>添加 ABC 记录…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="95"/>
        <source>%1 records. Likely functions: %2</source>
        <translation>共 %1 条记录。可能的功能：%2</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="100"/>
        <source>%1 records.</source>
        <translation>共 %1 条记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="106"/>
        <source>Add behaviour record</source>
        <translation>添加行为记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="118"/>
        <source>Edit behaviour record</source>
        <translation>修改行为记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/behaviour_tab.py" line="125"/>
        <source>Remove behaviour record</source>
        <translation>删除行为记录</translation>
    </message>
</context>
<context>
    <name>Bilingual</name>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="30"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="32"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="31"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="33"/>
        <source>English</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="22"/>
        <source>Categories</source>
        <translation>障碍类别</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="31"/>
        <source>(degree not set)</source>
        <translation>（未填程度）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="35"/>
        <source>Degree of %1</source>
        <translation>%1的程度</translation>
    </message>
</context>
<context>
    <name>CentreDialog</name>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="131"/>
        <source>Apparatus</source>
        <translation>器材</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="132"/>
        <source>Situation</source>
        <translation>情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="134"/>
        <source>e.g. 攀岩墙</source>
        <translation>例如：攀岩墙</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="135"/>
        <source>e.g. Climbing wall</source>
        <translation>例如：Climbing wall</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="154"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="155"/>
        <source>Name (Chinese):</source>
        <translation>中文名称：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="156"/>
        <source>Name (English):</source>
        <translation>英文名称：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="157"/>
        <source>Domains it trains:</source>
        <translation>训练领域：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="158"/>
        <source>Safety (Chinese):</source>
        <translation>安全提示（中文）：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/apparatus_panel.py" line="159"/>
        <source>Safety (English):</source>
        <translation>安全提示（英文）：</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="134"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="219"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="134"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="201"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="219"/>
        <source>Rule</source>
        <translation>规定</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="134"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="202"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="219"/>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="135"/>
        <source>Not met at</source>
        <translation>不符合处</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="135"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="143"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="220"/>
        <source>Students</source>
        <translation>学生人数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="136"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="226"/>
        <source>The regulation&apos;s checks</source>
        <translation>条例检查</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="142"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="220"/>
        <source>School or class</source>
        <translation>学校或班级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="142"/>
        <location filename="../../iep_studio/ui/overview/pages.py" line="220"/>
        <source>What was found</source>
        <translation>发现的情况</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="145"/>
        <source>Schools or classes not meeting the rule</source>
        <translation>不符合该规定的学校或班级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="164"/>
        <source>Not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="164"/>
        <source>Met</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="199"/>
        <source> (default %1)</source>
        <translation>（默认%1）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="203"/>
        <source>Figures used</source>
        <translation>所用数值</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="205"/>
        <source>Not met at the schools or classes below; open one to see its students.</source>
        <translation>下列学校或班级不符合；打开某一行可查看其学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="207"/>
        <source>Every school and class meets this rule.</source>
        <translation>所有学校和班级都符合这条规定。</translation>
    </message>
</context>
<context>
    <name>ChildrenDialog</name>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="36"/>
        <source>Students behind this figure</source>
        <translation>该数字对应的学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="39"/>
        <source>&amp;Open the student&apos;s file</source>
        <translation>打开学生档案(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="42"/>
        <source>E&amp;xport to Excel…</source>
        <translation>导出为 Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="70"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="70"/>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="70"/>
        <source>Grade</source>
        <translation>年级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="70"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="71"/>
        <source>Placement</source>
        <translation>安置形式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="74"/>
        <source>Review was due</source>
        <translation>计划评估到期日</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="76"/>
        <source>Last observation</source>
        <translation>最近一次观察</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="78"/>
        <source>Home visits this term</source>
        <translation>本学期已上门次数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="78"/>
        <source>Planned by now</source>
        <translation>截至今日应上门次数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/children_dialog.py" line="89"/>
        <source>None yet</source>
        <translation>尚无</translation>
    </message>
</context>
<context>
    <name>ColumnChoice</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/column_choice.py" line="36"/>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/column_choice.py" line="41"/>
        <source>(left out)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/column_choice.py" line="45"/>
        <source>Column %1 holds</source>
        <translation>第 %1 列的内容</translation>
    </message>
</context>
<context>
    <name>CompletenessDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="18"/>
        <source>You, as the person responsible</source>
        <translation>您本人作为负责人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="19"/>
        <source>The resource room&apos;s individual probe, as the way of measuring</source>
        <translation>以资源教室个别测查作为评量方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="22"/>
        <source>The plan&apos;s last day, as the target date</source>
        <translation>以计划的最后一天作为预定完成日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="34"/>
        <source>Completeness check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="40"/>
        <source>Nothing is missing. The plan is ready for the team.</source>
        <translation>没有缺漏。计划可以交给团队审阅了。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="42"/>
        <source>%1 to fix before the plan goes to the team, %2 to look at.</source>
        <translation>提交团队前需修改 %1 项，另有 %2 项请留意。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="47"/>
        <source>What is missing</source>
        <translation>缺少的内容</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="58"/>
        <source>Double-click an item, or press Enter, to go to the place to fix it.</source>
        <translation>双击某一项或按 Enter 键，即可跳到需要修改的位置。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="63"/>
        <source>&amp;Go to it</source>
        <translation>前往修改(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="77"/>
        <source>&amp;Submit anyway</source>
        <translation>仍然提交(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="77"/>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/completeness_dialog.py" line="97"/>
        <source>&amp;Fill in all %1 alike</source>
        <translation>一并补全这 %1 处(&amp;F)</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="18"/>
        <source>Someone else changed this</source>
        <translation>其他人修改了这里</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="20"/>
        <source>%1 was saved by %2 while you were editing it. Your text was not saved and is kept on the right. Edit it if you like (you can copy from theirs), then save it on top of their version, or keep theirs.</source>
        <translation>您编辑“%1”时，%2 已保存了修改。您的内容没有保存，保留在右侧。可以先修改（也可从左侧复制），再保存在对方版本之上；或者保留对方的版本。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="23"/>
        <source>someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="27"/>
        <source>Their version</source>
        <translation>对方的版本</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="29"/>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="33"/>
        <source>Your version</source>
        <translation>您的版本</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="32"/>
        <source>Their version (saved)</source>
        <translation>对方的版本（已保存）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="37"/>
        <source>Save mine</source>
        <translation>保存我的</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/conflict_dialog.py" line="39"/>
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
</context>
<context>
    <name>CopyWeekDialog</name>
    <message>
        <location filename="../../iep_studio/ui/planner/copy_week_dialog.py" line="14"/>
        <source>Copy this week forward</source>
        <translation>复制本周到以后</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/copy_week_dialog.py" line="19"/>
        <source>Into the week of:</source>
        <translation>复制到哪一周（该周任一天）：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/copy_week_dialog.py" line="22"/>
        <source>The activities and sessions of this week are copied to the same days and times of the week you choose.</source>
        <translation>本周的活动和课时会复制到所选那一周的相同星期和时间。</translation>
    </message>
</context>
<context>
    <name>CountsPage</name>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="59"/>
        <source>Count &amp;by:</source>
        <translation>分组方式(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="63"/>
        <source>Counts</source>
        <translation>学生人数统计</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="65"/>
        <source>A student with more than one disability category is counted under each of them.</source>
        <translation>一名学生有多个障碍类别时，在每个类别下各计一次。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="95"/>
        <source>Students</source>
        <translation>学生人数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/pages.py" line="99"/>
        <source>Students by %1</source>
        <translation>按%1统计的学生人数</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../iep_studio/ui/crash.py" line="40"/>
        <source>(could not be saved)</source>
        <translation>（无法保存）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/crash.py" line="42"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/crash.py" line="43"/>
        <source>IEP Studio met an unexpected problem. Everything you saw as saved is safe. A report was written to:
%1
Please send it to whoever supports IEP Studio at your school.</source>
        <translation>IEP Studio 遇到了意外问题。已显示保存的内容都不会丢失。问题报告已保存到：
%1
请把它发给学校里负责 IEP Studio 技术支持的老师。</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/fields.py" line="31"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="37"/>
        <source>Comment on the plan</source>
        <translation>对计划提出意见</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="38"/>
        <source>Request changes</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="39"/>
        <source>Approve the plan</source>
        <translation>批准计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="45"/>
        <source>(the whole plan)</source>
        <translation>（整份计划）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="51"/>
        <source>Who:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="53"/>
        <source>Section:</source>
        <translation>部分：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="54"/>
        <source>Approval note:</source>
        <translation>批准说明：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="54"/>
        <source>Text:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="59"/>
        <source>The plan goes back to draft for its author to change.</source>
        <translation>计划将退回草稿状态，由编写者修改。</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/dialogs.py" line="72"/>
        <source>Throw away what you typed in this window?</source>
        <translation>放弃在此窗口中输入的内容吗？</translation>
    </message>
</context>
<context>
    <name>DocumentSettingsDialog</name>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="17"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="21"/>
        <source>School logo:</source>
        <translation>校徽：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="22"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="23"/>
        <source>Word template:</source>
        <translation>Word 模板：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="24"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="26"/>
        <source>The logo is printed at the top of every document. Word documents start from the template: its styles, page set-up, header and footer are kept. Leave a field empty for the standard layout.</source>
        <translation>校徽印在每份文档的页眉。Word 文档以模板为基础：保留模板的样式、页面设置、页眉和页脚。留空则使用标准版式。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="41"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/document_settings.py" line="41"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>DomainChoice</name>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="45"/>
        <source>Present level</source>
        <translation>现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="47"/>
        <source>Long-term goal</source>
        <translation>长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="74"/>
        <source>Present level:</source>
        <translation>现有能力水平：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="75"/>
        <source>Long-term goal:</source>
        <translation>长期目标：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="76"/>
        <source>Objectives:</source>
        <translation>短期目标：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="66"/>
        <source>From the items: %1</source>
        <translation>来自评估项目：%1</translation>
    </message>
</context>
<context>
    <name>DraftPlanDialog</name>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="101"/>
        <source>Draft the plan from the assessment</source>
        <translation>根据评估起草计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="107"/>
        <source>A new draft for</source>
        <translation>新建计划草稿，期限</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="112"/>
        <source>Add to the current draft: %1</source>
        <translation>加入当前草稿：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="121"/>
        <source>from</source>
        <translation>自</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="122"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="133"/>
        <source>Nothing scored yet suggests an objective: score the items of a ladder first.</source>
        <translation>目前的评分还不足以建议目标：请先为某个子领域的项目评分。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="138"/>
        <source>Domains</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="146"/>
        <source>&amp;Write into the plan</source>
        <translation>写入计划(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="164"/>
        <source>Choose at least one domain.</source>
        <translation>请至少选择一个领域。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/draft_plan_dialog.py" line="176"/>
        <source>Draft the plan</source>
        <translation>起草计划</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="21"/>
        <source>Unsaved text from last time</source>
        <translation>上次未保存的文字</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="23"/>
        <source>This text was typed but not saved when IEP Studio last stopped. Save it into the file (you can edit it first), or discard it. Closing keeps it for next time.</source>
        <translation>IEP Studio 上次停止时，这些文字已经输入但还没有保存。可以把它保存到档案中（可先修改），或者放弃。关闭本窗口则留到下次再处理。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="28"/>
        <source>Unsaved texts</source>
        <translation>未保存的文字</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="30"/>
        <source>Unsaved text</source>
        <translation>未保存的文字</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="34"/>
        <source>&amp;Save into the file</source>
        <translation>保存到档案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="35"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="75"/>
        <source>Saved in the file now: %1</source>
        <translation>文件中现在保存的是：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="76"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/drafts_dialog.py" line="95"/>
        <source>Discard this unsaved text for good?</source>
        <translation>确定永久放弃这段未保存的文字吗？</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../iep_studio/core/services/guidance.py" line="48"/>
        <location filename="../../iep_studio/core/services/lessons.py" line="47"/>
        <location filename="../../iep_studio/core/services/observations.py" line="60"/>
        <location filename="../../iep_studio/core/services/home_visits.py" line="48"/>
        <location filename="../../iep_studio/core/services/intake.py" line="132"/>
        <location filename="../../iep_studio/core/services/behaviour.py" line="31"/>
        <location filename="../../iep_studio/core/services/attachments.py" line="111"/>
        <location filename="../../iep_studio/core/services/assessments.py" line="40"/>
        <location filename="../../iep_studio/core/services/plans.py" line="465"/>
        <location filename="../../iep_studio/core/services/planner.py" line="348"/>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="150"/>
        <source>This student file no longer exists.</source>
        <translation>这份学生档案已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/assessments.py" line="83"/>
        <location filename="../../iep_studio/core/services/plan_drafting.py" line="73"/>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="260"/>
        <source>This assessment no longer exists.</source>
        <translation>这条评估记录已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/schools.py" line="57"/>
        <source>This school no longer exists.</source>
        <translation>这所学校已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/schools.py" line="85"/>
        <location filename="../../iep_studio/core/services/schools.py" line="104"/>
        <source>This person no longer exists.</source>
        <translation>该人员已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="56"/>
        <location filename="../../iep_studio/core/transfer/export.py" line="76"/>
        <source>This student file no longer exists. It may have been removed in another window.</source>
        <translation>这份学生档案已不存在，可能已在另一个窗口中删除。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="190"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="226"/>
        <source>Enrolment ({later}) is before the birth date ({earlier}). Check both dates.</source>
        <translation>入学日期（{later}）早于出生日期（{earlier}），请检查这两个日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="194"/>
        <source>Choose the student&apos;s school.</source>
        <translation>请选择学生所在的学校。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="204"/>
        <source>Student number {number} is already used by {name} in this school. Check the number.</source>
        <translation>学号 {number} 已被本校学生{name}使用，请检查学号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="222"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="258"/>
        <source>The category {category} is listed twice.</source>
        <translation>障碍类别“{category}”重复填写了。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="255"/>
        <source>The new placement must start after the current one ({earlier}).</source>
        <translation>新安置形式的开始日期必须晚于当前安置形式的开始日期（{earlier}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="288"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="229"/>
        <source>The placement cannot end ({later}) before it starts ({earlier}).</source>
        <translation>安置形式的结束日期（{later}）不能早于开始日期（{earlier}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="366"/>
        <source>Choose a person.</source>
        <translation>请选择人员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="378"/>
        <location filename="../../iep_studio/core/services/students.py" line="414"/>
        <source>This person already has this role on the team.</source>
        <translation>此人在融合教育团队中已担任这一角色。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="446"/>
        <location filename="../../iep_studio/core/store/database.py" line="169"/>
        <source>Someone else changed this file while you were editing it. Your text is kept; reload the file to see their change, then apply yours again.</source>
        <translation>您编辑期间，别人修改了这份档案。您输入的内容仍然保留；请重新载入档案查看对方的修改，再重新提交您的修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/students.py" line="453"/>
        <source>This entry no longer exists. It may have been removed in another window.</source>
        <translation>这条记录已不存在，可能已在另一个窗口中删除。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/home_visits.py" line="104"/>
        <location filename="../../iep_studio/core/services/overview.py" line="245"/>
        <location filename="../../iep_studio/core/services/validation.py" line="26"/>
        <location filename="../../iep_studio/core/services/validation.py" line="54"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="62"/>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="135"/>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="157"/>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="28"/>
        <location filename="../../iep_studio/core/services/validation.py" line="35"/>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="138"/>
        <source>Too long: at most {limit} characters.</source>
        <translation>内容太长：最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="44"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="47"/>
        <location filename="../../iep_studio/core/spreadsheets/roster.py" line="277"/>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="161"/>
        <source>&quot;{value}&quot; is not one of the choices: {choices}.</source>
        <translation>“{value}”不在可选项中，可选：{choices}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="60"/>
        <location filename="../../iep_studio/core/spreadsheets/roster.py" line="258"/>
        <source>&quot;{value}&quot; is not a date. Write it as YYYY-MM-DD, for example 2016-09-01.</source>
        <translation>“{value}”不是有效日期。请按 YYYY-MM-DD 格式填写，例如 2016-09-01。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="65"/>
        <source>The year {year} is too early.</source>
        <translation>年份 {year} 太早了，请检查。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="68"/>
        <source>{date} is in the future. Check the year and the month.</source>
        <translation>{date} 是将来的日期，请检查年份和月份。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="89"/>
        <source>&quot;{value}&quot; is not a time. Write it as hours:minutes, for example 08:30 or 14:05.</source>
        <translation>“{value}”不是时间。请写成“时:分”，例如 08:30 或 14:05。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="104"/>
        <source>Write a whole number from {lowest} to {highest}.</source>
        <translation>请填写 {lowest} 到 {highest} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/validation.py" line="120"/>
        <source>&quot;{value}&quot; is not a length of time. Write minutes (5), minutes:seconds (3:30) or seconds (45s).</source>
        <translation>“{value}”不是时长。请写分钟（5）、分:秒（3:30）或秒（45s）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="276"/>
        <source>The database is busy in another window or program. Wait a moment and try again; your text is kept.</source>
        <translation>数据库正被另一个窗口或程序占用。请稍等片刻再试；您输入的内容仍然保留。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="260"/>
        <source>The disk is full or cannot be written. Free some space, then try again; your text is kept.</source>
        <translation>磁盘已满或无法写入。请腾出一些空间后再试；您输入的内容仍然保留。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="161"/>
        <source>This record cannot be opened: it has been removed, or it belongs to a student whose team you are not on. Nothing was changed; refresh the list, or ask the administrator to add you to the team.</source>
        <translation>无法打开这条记录：它已被删除，或者属于您不在其团队中的学生。没有做任何改动；请刷新列表，或请管理员把您加入该学生的团队。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="234"/>
        <source>Someone else saved the same entry at the same moment, so yours was not saved. Your text is kept; reload to see theirs, then try again.</source>
        <translation>其他人在同一时刻保存了同一条内容，您的修改没有保存。您的文字已保留；请重新载入查看对方的修改，再试一次。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="248"/>
        <source>The shared database cannot be reached. Check the network and the server address in IEP_STUDIO_DB_URL, or ask your administrator whether the database server is running; then try again.</source>
        <translation>无法连接共享数据库。请检查网络和 IEP_STUDIO_DB_URL 中的服务器地址，或询问管理员数据库服务器是否在运行，然后再试。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="254"/>
        <source>The shared database refused to let IEP Studio in. Check the user name and password in IEP_STUDIO_DB_URL, or ask your administrator.</source>
        <translation>共享数据库拒绝了 IEP Studio 的连接。请检查 IEP_STUDIO_DB_URL 中的用户名和密码，或询问管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="264"/>
        <source>The data folder is read-only. Choose a folder you can write to (--data-dir), or ask your administrator.</source>
        <translation>数据文件夹是只读的。请选择一个可以写入的文件夹（--data-dir），或请管理员帮忙。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="268"/>
        <source>The database file is damaged. Restore the latest backup from the backups folder.</source>
        <translation>数据库文件已损坏。请从备份文件夹中恢复最近的一份备份。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="271"/>
        <source>The database could not be used: {detail}</source>
        <translation>无法使用数据库：{detail}</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="313"/>
        <source>The data folder {folder} cannot be used ({reason}). Choose another folder with --data-dir.</source>
        <translation>数据文件夹 {folder} 无法使用（{reason}）。请用 --data-dir 另选一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="322"/>
        <source>IEP_STUDIO_DB_URL points to a {backend} database, which IEP Studio cannot use: a shared database must be PostgreSQL (or remove IEP_STUDIO_DB_URL to use the SQLite database in the data folder). Write it as postgresql+psycopg://user@server/database.</source>
        <translation>IEP_STUDIO_DB_URL 指向的是 {backend} 数据库，IEP Studio 无法使用：共享数据库必须是 PostgreSQL（或删除 IEP_STUDIO_DB_URL，使用数据文件夹中的 SQLite 数据库）。请写成 postgresql+psycopg://用户@服务器/数据库。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="339"/>
        <source>The shared database needs the PostgreSQL driver, which is not installed. Install IEP Studio with its postgres extra (pip install &apos;.[postgres]&apos;), or ask your administrator.</source>
        <translation>共享数据库需要 PostgreSQL 驱动，但尚未安装。请安装带 postgres 扩展的 IEP Studio（pip install &apos;.[postgres]&apos;），或询问管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/database.py" line="348"/>
        <source>IEP_STUDIO_DB_URL is not a database address IEP Studio can use. Write it as postgresql+psycopg://user@server/database, or remove it to use the database in the data folder.</source>
        <translation>IEP_STUDIO_DB_URL 不是 IEP Studio 能使用的数据库地址。请写成 postgresql+psycopg://用户@服务器/数据库，或删除它以使用数据文件夹中的数据库。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/opening.py" line="61"/>
        <source>The database file {path} is empty (0 bytes), so IEP Studio did not open it: it would have started a new, empty school in its place. Restore the newest backup (iep-studio backups, then iep-studio restore), or ask your administrator. To start a new school instead, move the empty file away.</source>
        <translation>数据库文件 {path} 是空的（0 字节），因此 IEP Studio 没有打开它，否则会在原处新建一所空白学校。请恢复最新的一份备份（先运行 iep-studio backups，再运行 iep-studio restore），或询问管理员。如果确实要新建学校，请先把这个空文件移到别处。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/opening.py" line="68"/>
        <source>The file {path} is not an IEP Studio database (it is not a SQLite database at all), so IEP Studio did not open it and changed nothing. Check the data folder (--data-dir) and IEP_STUDIO_DB_URL; if your records were in this file, restore the newest backup (iep-studio backups, then iep-studio restore).</source>
        <translation>文件 {path} 不是 IEP Studio 的数据库（根本不是 SQLite 数据库），因此 IEP Studio 没有打开它，也没有做任何改动。请检查数据文件夹（--data-dir）和 IEP_STUDIO_DB_URL；如果您的记录原本就在这个文件里，请恢复最新的一份备份（先运行 iep-studio backups，再运行 iep-studio restore）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/migrations/__init__.py" line="51"/>
        <source>This database does not say which version of IEP Studio made it (its version record is empty): its first setup did not finish, or the file is damaged. Nothing was changed. Restore the latest backup from the backups folder, or choose an empty folder to start again.</source>
        <translation>这个数据库没有记录是哪个版本的 IEP Studio 创建的（版本记录为空）：可能是首次设置没有完成，或文件已损坏。没有做任何更改。请从备份文件夹恢复最近的备份，或选择一个空文件夹重新开始。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/migrations/__init__.py" line="56"/>
        <source>This database was not made by IEP Studio. Choose another file or an empty folder.</source>
        <translation>这个数据库不是 IEP Studio 创建的。请选择其他文件或一个空文件夹。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/migrations/__init__.py" line="85"/>
        <source>This database was written by a newer IEP Studio (schema {revision}). Install the newer version to open it; nothing was changed.</source>
        <translation>这个数据库由更新版本的 IEP Studio 写入（结构版本 {revision}）。请安装新版本后再打开；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/migrations/__init__.py" line="89"/>
        <source>This database records a schema version IEP Studio never used ({revision}): it was not made by IEP Studio, or its version record was changed or damaged. Nothing was changed. Restore the latest backup from the backups folder, or choose another file.</source>
        <translation>这个数据库记录的结构版本（{revision}）不是 IEP Studio 用过的版本：它不是 IEP Studio 创建的，或者其版本记录被改动或损坏。没有做任何更改。请从备份文件夹恢复最近的备份，或选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/migrations/__init__.py" line="124"/>
        <source>The database upgrade found {count} broken links between records, so it was not upgraded. The backup taken before the upgrade is in the backups folder.</source>
        <translation>升级数据库时发现 {count} 处记录之间的关联已损坏，因此没有升级。升级前的备份保存在备份文件夹中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/lessons.py" line="37"/>
        <source>Choose at least one student.</source>
        <translation>请至少选择一名学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/lessons.py" line="40"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="96"/>
        <source>The level must be 1, 2 or 3.</source>
        <translation>层级必须是 1、2 或 3。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/lessons.py" line="76"/>
        <location filename="../../iep_studio/core/services/planner.py" line="195"/>
        <source>This lesson no longer exists.</source>
        <translation>这节课已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/library.py" line="66"/>
        <source>The course unit &quot;{id}&quot; no longer exists.</source>
        <translation>课程单元“{id}”已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/library.py" line="126"/>
        <source>&quot;{id}&quot; is the id of a shipped unit. Give your unit its own id.</source>
        <translation>“{id}”是内置单元的编号，请为你的单元另取一个编号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/library.py" line="134"/>
        <source>Another unit already has the id &quot;{id}&quot;.</source>
        <translation>已有另一个单元使用编号“{id}”。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/library.py" line="167"/>
        <source>Shipped units cannot be removed; only units written here can.</source>
        <translation>内置单元不能删除，只能删除在本软件中编写的单元。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="55"/>
        <location filename="../../iep_studio/core/services/plan_drafting.py" line="77"/>
        <source>This plan no longer exists.</source>
        <translation>这份计划已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="61"/>
        <source>This plan is with the team for review. Withdraw it to draft to change it.</source>
        <translation>此计划正在由团队审阅。如需修改，请先撤回为草稿。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="65"/>
        <source>This plan is approved and locked. To change it, make an amendment.</source>
        <translation>此计划已批准并锁定。如需修改，请制作修订版。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="68"/>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="53"/>
        <source>This plan is closed and can no longer change.</source>
        <translation>此计划已结束，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="154"/>
        <source>This plan has been with the team, so it is kept with its history. Change it instead.</source>
        <translation>这份计划已经交给团队审阅过，需连同记录一起保留。请直接修改它。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="164"/>
        <location filename="../../iep_studio/core/services/plans.py" line="186"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="231"/>
        <source>The plan cannot end ({later}) before it starts ({earlier}).</source>
        <translation>计划的结束日期（{later}）不能早于开始日期（{earlier}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/own_goals.py" line="144"/>
        <location filename="../../iep_studio/core/services/plans.py" line="300"/>
        <location filename="../../iep_studio/core/services/plans.py" line="323"/>
        <location filename="../../iep_studio/core/services/plan_drafting.py" line="64"/>
        <location filename="../../iep_studio/core/services/plan_drafting.py" line="67"/>
        <source>This goal is not in the goal bank.</source>
        <translation>目标库中没有这个目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/own_goals.py" line="206"/>
        <source>This goal is already among your archived goals. Restore it there instead of importing it again.</source>
        <translation>这个目标已在本校已归档的目标中。请在那里恢复它，不必再次导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/own_goals.py" line="210"/>
        <source>This goal is already in the goal bank, with the same words.</source>
        <translation>目标库中已有措辞相同的目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/own_goals.py" line="213"/>
        <source>The same goal is on row {row} of this file; it is imported once, from there.</source>
        <translation>同一目标已在本表第 {row} 行，只从那一行导入一次。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="493"/>
        <source>This objective is no longer in the plan.</source>
        <translation>这个短期目标已不在计划中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="495"/>
        <source>This plan is closed; its family version stays as it was.</source>
        <translation>这份计划已结束，家长版保持原样，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="388"/>
        <location filename="../../iep_studio/core/services/plans.py" line="440"/>
        <source>This goal no longer exists.</source>
        <translation>这个长期目标已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="448"/>
        <location filename="../../iep_studio/core/services/team_review.py" line="246"/>
        <source>This objective no longer exists.</source>
        <translation>这个短期目标已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="456"/>
        <source>This service no longer exists.</source>
        <translation>这项服务已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="484"/>
        <source>Someone else changed this plan while you were editing it. Your text is kept; reload the plan to see their change, then apply yours again.</source>
        <translation>您编辑期间，别人修改了这份计划。您输入的内容仍然保留；请重新载入计划查看对方的修改，再重新提交您的修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="577"/>
        <source>Write the number of sessions a week, from 0 to 40.</source>
        <translation>请填写每周的次数，范围为 0 到 40。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="590"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="233"/>
        <source>The target date ({later}) is before the start date ({earlier}).</source>
        <translation>预定完成日期（{later}）早于开始日期（{earlier}），请检查。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/plans.py" line="619"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="235"/>
        <source>The service cannot end ({later}) before it starts ({earlier}).</source>
        <translation>服务的结束日期（{later}）不能早于开始日期（{earlier}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="60"/>
        <source>Only an administrator or a special-education expert on this student&apos;s team can approve the plan.</source>
        <translation>只有该学生融合教育团队中的校长/行政或特教专家可以批准计划。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="89"/>
        <source>A plan is signed when it is with the team or in effect, not as a draft or after it is closed.</source>
        <translation>计划在团队审阅中或生效期间才能签名，草稿或已结束的计划不能签名。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/team_review.py" line="215"/>
        <source>This guardian is not in the student&apos;s file.</source>
        <translation>该监护人不在这名学生的档案中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/team_review.py" line="225"/>
        <source>{name} has already signed this plan.</source>
        <translation>{name} 已经在这份计划上签过名了。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="92"/>
        <source>Objectives are reviewed while the plan is in effect.</source>
        <translation>短期目标只能在计划生效期间进行检讨。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/team_review.py" line="173"/>
        <source>Tick at least one person who signed.</source>
        <translation>请至少勾选一位已签名的人。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/team_review.py" line="261"/>
        <source>The next review ({date}) is already past. Choose a later date.</source>
        <translation>下次检讨日期（{date}）已经过了，请选择更晚的日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/team_review.py" line="269"/>
        <source>The next review ({date}) is after the plan ends ({end}). Choose a date within the plan, or write the next plan.</source>
        <translation>下次检讨日期（{date}）在计划结束（{end}）之后。请选择计划期内的日期，或编写下一份计划。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/team_review.py" line="320"/>
        <source>Signed in as {name}, you review, approve and sign in your own name only. Ask the other person to sign in and do it themselves.</source>
        <translation>您以 {name} 的身份登录，只能以自己的名义审阅、批准和签名。请对方自己登录后操作。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="54"/>
        <source>Only members of this student&apos;s team can review, sign or change the plan. Add the person on the Team tab first.</source>
        <translation>只有该学生融合教育团队的成员才能审阅、签名或修改计划。请先在“团队”页添加此人。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="57"/>
        <source>Only the plan&apos;s author, a resource or itinerant teacher, or an administrator on the team can do this.</source>
        <translation>只有计划的编写者，或团队中的资源教师、巡回指导教师、校长/行政才能进行此操作。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="81"/>
        <source>Only a draft can be submitted. This plan is already with the team or in effect.</source>
        <translation>只有草稿才能提交。此计划已在团队审阅中或已生效。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="63"/>
        <source>This plan is not with the team for review.</source>
        <translation>此计划目前不在团队审阅中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/review_steps.py" line="64"/>
        <source>Only a plan in effect can be amended or closed.</source>
        <translation>只有生效中的计划才能修订或结束。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="44"/>
        <source>The plan period has no start or end date.</source>
        <translation>计划期间缺少开始日期或结束日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="47"/>
        <source>The plan ends ({end}) before it starts ({start}).</source>
        <translation>计划的结束日期（{end}）早于开始日期（{start}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="51"/>
        <source>No review date is set.</source>
        <translation>尚未设定检讨日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="54"/>
        <source>The review date {date} has passed. Set the next review date.</source>
        <translation>检讨日期 {date} 已过。请设定下次检讨日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="58"/>
        <source>No present levels are written. Fill them from the latest assessments.</source>
        <translation>还没有填写现有能力水平。请根据最近的评估结果填写。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="62"/>
        <source>No participation of the family is recorded (who took part, how, and when).</source>
        <translation>还没有记录家庭的参与情况（谁参与、以什么方式、在什么时候）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="66"/>
        <source>No one on the student&apos;s team may approve the plan: add the principal (or another administrator) or a special-education expert.</source>
        <translation>该学生的团队中还没有可以批准计划的人：请添加校长（或其他行政人员）或特教专家。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="71"/>
        <source>The plan has no long-term goals yet.</source>
        <translation>计划还没有长期目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="80"/>
        <source>Goal {goal} has no statement.</source>
        <translation>长期目标 {goal} 还没有写目标内容。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="83"/>
        <source>Goal {goal} has no domain.</source>
        <translation>长期目标 {goal} 没有选择领域。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="86"/>
        <source>Goal {goal} has no short-term objectives.</source>
        <translation>长期目标 {goal} 还没有短期目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="92"/>
        <source>Objective {number} does not say what the student will do.</source>
        <translation>短期目标 {number} 没有写明学生要做到的行为。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="94"/>
        <source>Objective {number} has no criterion.</source>
        <translation>短期目标 {number} 没有标准。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="96"/>
        <source>Objective {number} has no person responsible.</source>
        <translation>短期目标 {number} 没有负责人。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="101"/>
        <source>Objective {number} does not say how it is measured.</source>
        <translation>短期目标 {number} 没有写明评量方式。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="106"/>
        <source>Objective {number} has no target date.</source>
        <translation>短期目标 {number} 没有预定完成日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="109"/>
        <source>Objective {number}: the target date {date} is outside the plan period ({start} – {end}).</source>
        <translation>短期目标 {number}：预定完成日期 {date} 不在计划期间内（{start} – {end}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/iep/completeness.py" line="114"/>
        <source>Objective {number}: the target date is before the start date.</source>
        <translation>短期目标 {number}：预定完成日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/records.py" line="21"/>
        <source>This entry no longer exists. Someone may have removed it; the list has been refreshed.</source>
        <translation>这条记录已不存在，可能已被别人删除；列表已刷新。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/access/rules.py" line="85"/>
        <source>Records of students whose team you are not on belong to this, so only the administrator can remove it. Nothing was changed.</source>
        <translation>这一项关联着您不在其团队中的学生的记录，只有管理员可以删除它。没有做任何改动。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/observations.py" line="178"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="79"/>
        <source>&quot;{codes}&quot; is not a prompt level. Use I, V, G, M, P, F or N (keys 1 to 6, and 0 for not done).</source>
        <translation>“{codes}”不是辅助层级。请用 I、V、G、M、P、F 或 N（数字键 1 到 6，0 表示未完成）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/observations.py" line="182"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="83"/>
        <source>Too many trials: at most {limit} in one record.</source>
        <translation>尝试次数太多：一条记录最多 {limit} 次。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/progress.py" line="100"/>
        <location filename="../../iep_studio/core/transfer/rules.py" line="90"/>
        <source>&quot;{value}&quot; is not a prompt level. Use I, V, G, M, P or F.</source>
        <translation>“{value}”不是辅助层级。请用 I、V、G、M、P 或 F。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/planner.py" line="109"/>
        <source>A theme for one student needs exactly one student chosen.</source>
        <translation>个别学生的主题需要且只能选一名学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/planner.py" line="112"/>
        <source>Name the group or choose its students.</source>
        <translation>请填写小组名称或选择小组的学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/planner.py" line="193"/>
        <source>This theme no longer exists.</source>
        <translation>这个主题已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/planner.py" line="260"/>
        <source>The session ends ({later}) before it starts ({earlier}).</source>
        <translation>课时的结束时间（{later}）早于开始时间（{earlier}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/planner.py" line="281"/>
        <source>Choose another week to copy into.</source>
        <translation>请选择另一周作为复制目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/reports/export.py" line="70"/>
        <source>The school logo {path} cannot be read: {reason}. Choose it again in Settings, or clear it.</source>
        <translation>无法读取校徽 {path}：{reason}。请在“设置”中重新选择，或清除它。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/saving.py" line="28"/>
        <source>Could not write {path}: the file may be open in another program (Excel, WPS, Word), or the folder may not be yours to write to. Close the file or choose another folder, then try again.</source>
        <translation>无法写入 {path}：文件可能正在其他程序（Excel、WPS、Word）中打开，或您没有写入该文件夹的权限。请关闭该文件或换一个文件夹，然后再试。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/saving.py" line="33"/>
        <source>Could not write {path}: {reason}. Check that the folder exists, that you may write to it and that the disk is not full.</source>
        <translation>无法写入 {path}：{reason}。请确认文件夹存在、您有写入权限，并且磁盘没有满。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/reports/word.py" line="79"/>
        <source>The Word template {path} cannot be opened as a .docx document. Choose another in Settings, or clear it to use the standard layout.</source>
        <translation>Word 模板 {path} 无法作为 .docx 文档打开。请在“设置”中另选一个，或清除它以使用标准版式。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/backup.py" line="50"/>
        <location filename="../../iep_studio/core/store/backup.py" line="296"/>
        <source>The backup could not be written: {reason}. Free some disk space or choose another folder for the data.</source>
        <translation>备份未能写入：{reason}。请腾出一些磁盘空间，或为数据选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/backup.py" line="78"/>
        <source>The database {path} is damaged, so no backup was made and the earlier backups were kept as they are. Stop entering records and restore the newest backup: File → Restore a backup… in the window (damaged backups are marked), or iep-studio backups and iep-studio restore on the command line. Ask your administrator if you are unsure.</source>
        <translation>数据库 {path} 已损坏，因此没有进行备份，之前的备份都原样保留。请先停止录入记录，并恢复最新的一份备份：在窗口中选择“文件 → 从备份恢复…”（已损坏的备份会被标出），或在命令行中使用 iep-studio backups 和 iep-studio restore。如不确定，请询问管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/backup.py" line="250"/>
        <source>The backup {name} was made by a newer IEP Studio (schema {revision}). Install the newer version to restore it.</source>
        <translation>备份 {name} 由更新版本的 IEP Studio 制作（数据结构 {revision}）。请安装新版本后再恢复。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/backup.py" line="258"/>
        <source>The backup {name} cannot be used: {reason}. Choose another backup.</source>
        <translation>备份 {name} 无法使用：{reason}。请选择其他备份。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/backup.py" line="273"/>
        <source>The backup could not be put in place: {reason}. The data as it was is kept in the backups folder.</source>
        <translation>备份未能恢复到位：{reason}。原来的数据已保存在备份文件夹中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/reports/pdf.py" line="98"/>
        <source>A text in “{title}” is too long to lay out on a page. Shorten the longest entry, or export as Word.</source>
        <translation>“{title}”中有一段内容太长，无法排在一页上。请缩短最长的那一项，或导出为 Word。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="70"/>
        <source>The first account already exists. Sign in, and ask its holder to make an account for you.</source>
        <translation>第一个账户已经存在。请登录，并请该账户的持有人为您建立账户。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="106"/>
        <source>The name {name} is taken. Choose another.</source>
        <translation>登录名 {name} 已被使用，请换一个。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="280"/>
        <location filename="../../iep_studio/core/store/server_logins.py" line="63"/>
        <source>The name or the password is not right. Check them (and the keyboard&apos;s Caps Lock) and try again.</source>
        <translation>用户名或密码不对。请检查（以及键盘的大写锁定）后再试。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="199"/>
        <source>The current password is not right; the password was not changed.</source>
        <translation>当前密码不对，密码没有修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="99"/>
        <source>Too long for the shared server: a sign-in name here may have at most {count} letters or digits (fewer in Chinese). Choose a shorter one.</source>
        <translation>名字对共享服务器来说太长：这里的登录名最多 {count} 个字母或数字（中文更少）。请换一个短一些的。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="247"/>
        <source>At least one active administrator must remain, or no one could manage the accounts. Make someone else administrator first.</source>
        <translation>必须至少保留一位在用的管理员，否则没有人能管理账户。请先让另一位成为管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="271"/>
        <source>A password is required on a shared server.</source>
        <translation>在共享服务器上必须设置密码。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="274"/>
        <source>Too short: a password needs at least {count} characters.</source>
        <translation>太短：密码至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="286"/>
        <source>This account is locked after {count} wrong passwords in a row. Ask the administrator to unlock it in Settings → Accounts.</source>
        <translation>这个账户因连续 {count} 次输错密码已被锁定。请管理员在“设置 → 账户管理”中解锁。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="301"/>
        <source>Too many wrong passwords in a row. Wait {seconds} s, then try again.</source>
        <translation>连续输错密码的次数太多。请等 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="340"/>
        <source>A school you chose no longer exists. Nothing was saved; the list of schools has been refreshed, choose again.</source>
        <translation>您选择的学校已不存在。没有保存任何内容；学校列表已刷新，请重新选择。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/accounts.py" line="358"/>
        <source>This account no longer exists. The list has been refreshed.</source>
        <translation>该账户已不存在，列表已刷新。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/history.py" line="162"/>
        <source>The history could not be written to {path} ({reason}). Choose another folder or free some space.</source>
        <translation>修改记录无法写入 {path}（{reason}）。请选择其他文件夹或腾出磁盘空间。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/access/rules.py" line="65"/>
        <source>Your account&apos;s role does not allow this change. Nothing was saved; ask a resource teacher or the administrator.</source>
        <translation>您账户的角色不允许这项修改。没有保存任何内容；请联系资源教师或管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/access/rules.py" line="71"/>
        <source>Whether a school has a resource room and how many resource teachers it has are the district&apos;s records, kept by the administrator. Nothing was saved; ask the administrator to correct them.</source>
        <translation>学校是否设有资源教室、有几名资源教师，是区里的记录，由管理员维护。没有保存任何内容；如需更正，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/access/rules.py" line="78"/>
        <source>A guidance note is changed or removed only by whoever wrote it, or by the administrator. Nothing was changed; write a note of your own instead.</source>
        <translation>个案指导记录只能由记录人本人或管理员修改、删除。没有作任何修改；如需补充，请另写一条记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/access/rules.py" line="91"/>
        <source>You are not on this student&apos;s team, so their file is closed to you. Nothing was changed; ask the administrator to add you to the team.</source>
        <translation>您不在这名学生的团队中，因此无法查看其档案。没有任何改动；请请管理员把您加入团队。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/faults.py" line="29"/>
        <source>{name} is damaged: {problem}. Ask the sender to export the student again from IEP Studio.</source>
        <translation>{name} 已损坏：{problem}。请发送人从 IEP Studio 重新导出该学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/faults.py" line="35"/>
        <source>{name} is not a student file from IEP Studio, or it is damaged (perhaps cut short while it was copied). Ask for the file to be sent again.</source>
        <translation>{name} 不是 IEP Studio 的学生档案文件，或者已损坏（可能在复制时被截断）。请对方重新发送。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/archive.py" line="69"/>
        <source>{name} is larger than a student file can be (over {limit} MB), so it was not opened. Ask the sender to export the student again from IEP Studio.</source>
        <translation>{name} 超过学生档案文件的最大大小（{limit} MB 以上），因此没有打开。请发送人从 IEP Studio 重新导出该学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="120"/>
        <source>Choose a password to protect the student file.</source>
        <translation>请设置一个密码来保护学生档案文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="161"/>
        <source>The files attached to {student}&apos;s file are too many or too large for one student file (number: {count}, size: {size} MB; at most {most} files and {limit} MB). Save copies of the largest, remove them from the file, export again, and send those copies separately.</source>
        <translation>{student}档案中的附件太多或太大，无法放入一个学生档案文件（{count} 个，共 {size} MB；最多 {most} 个、{limit} MB）。请先把最大的几个另存副本，从档案中删除后再导出，副本另行发送。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="181"/>
        <source>The student file could not be written ({reason}). Choose another folder or free some disk space.</source>
        <translation>学生档案文件无法写入（{reason}）。请选择其他文件夹或腾出磁盘空间。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="203"/>
        <source>{name} was changed or damaged after it was exported: its contents do not match its checksum. Ask for the file to be sent again.</source>
        <translation>{name} 在导出后被改动或损坏：内容与校验值不符。请对方重新发送。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/archive.py" line="92"/>
        <source>{name} cannot be read ({reason}). Check that the file is there and that you may open it.</source>
        <translation>无法读取 {name}（{reason}）。请检查文件是否存在、您是否有权限打开。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/sealing.py" line="49"/>
        <source>{name} is protected with a password. Enter the password the sender gave you.</source>
        <translation>{name} 设有密码保护。请输入发送人告诉您的密码。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/sealing.py" line="60"/>
        <source>{name} could not be opened with this password. Check the password (capital letters count) and try again; if it is right, the file is damaged: ask for it to be sent again.</source>
        <translation>用这个密码无法打开 {name}。请检查密码（区分大小写）后再试；如果密码没错，说明文件已损坏，请对方重新发送。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/archive.py" line="153"/>
        <source>{name} holds more parts than a student file has, so it was not opened. Ask the sender to export the student again from IEP Studio.</source>
        <translation>{name} 包含的部分多于学生档案文件应有的数量，因此没有打开。请发送人从 IEP Studio 重新导出该学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/archive.py" line="120"/>
        <source>{name} holds a part that does not belong in a student file (&quot;{part}&quot;), so it was not opened. Ask the sender to export the student again from IEP Studio.</source>
        <translation>{name} 含有不属于学生档案文件的部分（“{part}”），因此没有打开。请发送人从 IEP Studio 重新导出该学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="219"/>
        <source>{name} is not a student file from IEP Studio. Choose a file that ends in .iepstudent.</source>
        <translation>{name} 不是 IEP Studio 的学生档案文件。请选择以 .iepstudent 结尾的文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="224"/>
        <source>{name} was made by a newer IEP Studio (file format {version}). Install the newer version to import it.</source>
        <translation>{name} 由较新版本的 IEP Studio 生成（文件格式 {version}）。请安装新版本后再导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/package.py" line="230"/>
        <source>{name} was made by a newer IEP Studio (database schema {revision}). Install the newer version to import it.</source>
        <translation>{name} 由较新版本的 IEP Studio 生成（数据库结构 {revision}）。请安装新版本后再导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/import_.py" line="156"/>
        <source>This school no longer exists. Choose another school.</source>
        <translation>该学校已不存在，请选择其他学校。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/import_.py" line="215"/>
        <source>{student} is already in this database, in {school}. To keep a second, separate file, import it as a copy.</source>
        <translation>{student} 已在本数据库中（{school}）。如需另存一份独立的档案，请作为副本导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/import_.py" line="220"/>
        <source>Some records in {name} are already in this database (was the file imported before?). Import it as a copy to keep both.</source>
        <translation>{name} 中的部分记录已在本数据库中（是否之前导入过？）。请作为副本导入，两份都保留。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/import_.py" line="230"/>
        <source>{school} already has a student with the number {number} ({other}). Change one of the two numbers, then import again.</source>
        <translation>{school} 已有学号为 {number} 的学生（{other}）。请修改其中一个学号后再导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/import_.py" line="234"/>
        <source>{school} already has a student with the number {number}, on a team you are not on. Ask the administrator which of the two numbers to change, then import again.</source>
        <translation>{school}已有一名学号为 {number} 的学生，但您不在其团队中。请询问管理员应修改哪一个学号，然后再导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/editing/file_editing.py" line="16"/>
        <source>Someone else changed this field after your edit, so undo or redo would overwrite their text. Nothing was changed; edit the field by hand if you need to.</source>
        <translation>您编辑之后，其他人又修改了这个字段，撤销或重做会覆盖对方的内容。没有做任何改动；如有需要请直接修改该字段。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/cli.py" line="220"/>
        <source>The setting {name} holds bytes that are not text in this computer&apos;s encoding. Set it again as plain text.</source>
        <translation>设置 {name} 中含有按本机编码无法识别为文字的字节。请用普通文字重新设置。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/cli.py" line="232"/>
        <source>A file could not be used: {reason}.</source>
        <translation>无法使用某个文件：{reason}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/cli.py" line="234"/>
        <source>{path} cannot be used: {reason}. Check that the name is right and not too long, that the folder exists and that you may read and write there.</source>
        <translation>无法使用 {path}：{reason}。请检查名称是否正确、是否过长，文件夹是否存在，以及您是否有读写权限。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/cli.py" line="322"/>
        <source>iep-studio server needs IEP_STUDIO_DB_URL to be the PostgreSQL address of the database&apos;s owner, with its user name and password, such as postgresql+psycopg://iep_owner:secret@server/iep.</source>
        <translation>iep-studio server 需要把 IEP_STUDIO_DB_URL 设为数据库所有者的 PostgreSQL 地址（含用户名和密码），例如 postgresql+psycopg://iep_owner:secret@server/iep。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/cli.py" line="341"/>
        <source>The two passwords are not the same; nothing was changed.</source>
        <translation>两次输入的密码不一致，没有做任何改动。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/cli.py" line="348"/>
        <source>There is no account named {name}.</source>
        <translation>没有名为 {name} 的账户。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/store/server_logins.py" line="55"/>
        <source>IEP_STUDIO_DB_URL signs in as the database&apos;s owner, which only the administrator&apos;s commands use (iep-studio server, iep-studio upgrade). For everything else, use the server&apos;s address without a user, such as postgresql+psycopg://server/iep, and sign in with your own name.</source>
        <translation>IEP_STUDIO_DB_URL 使用的是数据库所有者的身份，只有管理员的命令（iep-studio server、iep-studio upgrade）才使用它。其他操作请使用不含用户名的服务器地址，例如 postgresql+psycopg://server/iep，并用您自己的账户登录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/sign_in.py" line="75"/>
        <source>The shared database is not ready for this version of IEP Studio (schema {revision}). Ask your administrator to run: iep-studio upgrade</source>
        <translation>共享数据库尚未升级到这一版本的 IEP Studio（结构版本 {revision}）。请管理员运行：iep-studio upgrade</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/sign_in.py" line="94"/>
        <source>This account may not sign in now: it is locked or turned off. Ask the administrator, who can unlock it or turn it on in Settings → Accounts.</source>
        <translation>这个账户现在不能登录：它已被锁定或停用。请联系管理员在“设置 → 账户”中解锁或启用。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/demo.py" line="49"/>
        <source>The demo school is only for a personal copy, made by its administrator. Nothing was added.</source>
        <translation>演示学校只能由个人版的管理员创建，共享服务器上不能创建。没有添加任何内容。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="98"/>
        <source>IEP Studio&apos;s own instrument cannot be removed.</source>
        <translation>IEP Studio 自带的评估工具不能删除。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="105"/>
        <source>{count} assessments were scored on this instrument, so it stays: their items must remain readable. Import a corrected copy instead.</source>
        <translation>已有 {count} 次评估使用了这个评估工具，因此不能删除：这些评估的项目必须保持可读。可以导入修订后的版本来替换。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="116"/>
        <source>The instrument this assessment was scored on is not installed here. Import its files (Library, Instruments) to see its items.</source>
        <translation>本机没有安装这次评估所用的评估工具。请导入其文件（课程库 → 评估工具）后查看各项目。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="196"/>
        <source>This item&apos;s scale has no N/A: give one of its values.</source>
        <translation>本项目的量表没有“不适用”，请给出量表中的一个分值。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="199"/>
        <source>{value} is not on this item&apos;s scale; its values are {values}.</source>
        <translation>{value} 不在本项目的量表上；可用的分值为 {values}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="253"/>
        <source>This item is not in the instrument.</source>
        <translation>评估工具中没有这个项目。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="262"/>
        <source>This assessment was recorded per domain, not item by item.</source>
        <translation>这次评估是按领域记录的，不是逐项评分。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/rules.py" line="104"/>
        <source>&quot;{value}&quot; is not a score: a number from -1000 to 1000, or empty for N/A.</source>
        <translation>“{value}”不是有效的得分：应为 -1000 到 1000 之间的数，不适用时留空。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/transfer/rules.py" line="113"/>
        <source>&quot;{value}&quot; is not a checksum (SHA-256).</source>
        <translation>“{value}”不是有效的校验值（SHA-256）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/unit_centres.py" line="75"/>
        <source>Choose apparatus or a situation.</source>
        <translation>请选择器材或情境。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/unit_centres.py" line="113"/>
        <source>The unit &quot;{unit}&quot; is built around it. Change that unit first, then remove this.</source>
        <translation>单元“{unit}”以它为中心。请先修改该单元，再删除此项。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/unit_centres.py" line="127"/>
        <source>This apparatus or situation no longer exists.</source>
        <translation>此器材或情境已不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/unit_centres.py" line="136"/>
        <source>Give it a name, in Chinese, English or both.</source>
        <translation>请填写名称，中文、英文或两者都填。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/unit_centres.py" line="143"/>
        <source>&quot;{name}&quot; is already in the list. Use that one, or give this another name.</source>
        <translation>“{name}”已在列表中。请用那一项，或换个名称。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/unit_centres.py" line="150"/>
        <source>Unknown domain &quot;{code}&quot;.</source>
        <translation>未知的领域“{code}”。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/overview.py" line="379"/>
        <source>A special class&apos;s fewest students ({fewest}) cannot be more than its most ({most}).</source>
        <translation>特教班最少人数（{fewest}）不能多于最多人数（{most}）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/rosters.py" line="84"/>
        <source>Nothing was imported: row {row} was refused ({reason}). Look at the rows again, then import.</source>
        <translation>未导入任何学生：第 {row} 行被拒绝（{reason}）。请重新查看各行后再导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/rosters.py" line="181"/>
        <source>Student number {number} is also on row {rows} of this file. Give each student their own number.</source>
        <translation>学号 {number} 在本文件第 {rows} 行也出现了。请为每名学生填写各自的学号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/rosters.py" line="187"/>
        <source>{name}, born {date}, is also on row {rows} of this file. Leave one of the rows out.</source>
        <translation>{name}（出生日期 {date}）在本文件第 {rows} 行也出现了。请删去其中一行。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/rosters.py" line="210"/>
        <source>{name}, born {date}, already has a file in this school. Leave the row out, or check the name and the birth date.</source>
        <translation>{name}（出生日期 {date}）在本校已有档案。请删去这一行，或核对姓名和出生日期。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/rosters.py" line="259"/>
        <source>Student number {number} is already used in this school, perhaps by a file you cannot open. Check the number, or ask the administrator.</source>
        <translation>学号 {number} 在本校已被使用，可能是您无权打开的档案。请核对学号，或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/roster.py" line="146"/>
        <source>{name} holds no rows to import. Check that it is the list of students, and that the list is on the sheet that shows when the file opens.</source>
        <translation>{name} 中没有可导入的行。请确认这是学生名单，且名单在打开文件时显示的工作表上。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/roster.py" line="294"/>
        <source>A degree needs its category. Write the category too, or leave the degree out.</source>
        <translation>填写了程度，却没有障碍类别。请补上类别，或删去程度。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/roster.py" line="322"/>
        <source>No column is read as the students&apos; names. Choose the column that holds the names.</source>
        <translation>没有哪一列被识别为学生姓名。请选择填有姓名的那一列。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/roster.py" line="328"/>
        <source>Two columns are read as the same field: “{first}” and “{second}”. Leave one of them out.</source>
        <translation>“{first}”和“{second}”两列被识别为同一项。请将其中一列设为不导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="64"/>
        <source>{name} is not a spreadsheet the app reads. Save the list from the spreadsheet as an Excel workbook (.xlsx) or as CSV, then import that file.</source>
        <translation>{name} 不是本软件能读取的表格文件。请在表格软件中将名单另存为 Excel 工作簿（.xlsx）或 CSV 文件，再导入该文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="71"/>
        <source>{name} is larger than {limit} MB, more than a list of students needs. Save only the sheet with the students, or split the list into smaller files.</source>
        <translation>{name} 超过 {limit} MB，远大于一份学生名单所需。请只保存含学生名单的工作表，或把名单拆成几个较小的文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="77"/>
        <source>{name} is an older Excel file (.xls), or a workbook protected by a password. Open it in Excel or WPS and save it as .xlsx without a password, or as CSV, then import that file.</source>
        <translation>{name} 是旧版 Excel 文件（.xls），或设有密码保护的工作簿。请用 Excel 或 WPS 打开，另存为不设密码的 .xlsx 或 CSV 文件，再导入该文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="86"/>
        <source>{name} could not be opened ({reason}). Check that the file is still there and that you may read it.</source>
        <translation>无法打开 {name}（{reason}）。请检查文件是否还在，以及您是否有权读取。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="94"/>
        <source>{name} could not be read as an Excel workbook: it is damaged, or not a workbook. Open it in Excel or WPS and save it again as .xlsx, or as CSV.</source>
        <translation>无法将 {name} 作为 Excel 工作簿读取：文件已损坏，或并非工作簿。请用 Excel 或 WPS 打开，重新另存为 .xlsx 或 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="111"/>
        <source>{name} unpacks to more than {limit} MB, more than a list of students needs. Copy the students&apos; rows into a new workbook, save it and import that.</source>
        <translation>{name} 解压后超过 {limit} MB，远大于一份学生名单所需。请把学生各行复制到一个新工作簿，保存后导入新文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="208"/>
        <source>{name} could not be read as a CSV file. Open it in the spreadsheet and save it again as “CSV UTF-8”, or as an Excel workbook (.xlsx).</source>
        <translation>无法将 {name} 作为 CSV 文件读取。请用表格软件打开，重新另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="231"/>
        <source>{name} has more than {limit} columns. Delete the columns the import does not need, or copy the students&apos; columns into a new sheet.</source>
        <translation>{name} 超过 {limit} 列。请删除导入不需要的列，或把学生信息各列复制到新的工作表。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/reading.py" line="238"/>
        <source>{name} has more than {limit} rows. Split the list into files of at most {limit} students and import them one after the other.</source>
        <translation>{name} 超过 {limit} 行。请把名单拆成每个不超过 {limit} 名学生的文件，逐个导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/intake.py" line="135"/>
        <source>&quot;{step}&quot; is not one of the district&apos;s steps from referral to placement. Choose a step from the list.</source>
        <translation>“{step}”不是本区的转介安置步骤，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/intake.py" line="142"/>
        <source>This step is already recorded for this child (on {date}). Change that entry instead.</source>
        <translation>这个步骤已为该学生记录过（{date}），请修改那一条记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/intake.py" line="232"/>
        <source>A step&apos;s key &quot;{key}&quot; may hold only lower-case letters, digits, &quot;_&quot; and &quot;-&quot;.</source>
        <translation>步骤代码“{key}”只能包含小写字母、数字、“_”和“-”。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/intake.py" line="236"/>
        <source>Two steps have the key &quot;{key}&quot;. Give each step its own key.</source>
        <translation>有两个步骤的代码都是“{key}”，请为每个步骤设不同的代码。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/intake.py" line="243"/>
        <source>Step {number} has no name. Write its name in Chinese, English or both.</source>
        <translation>第 {number} 步没有名称，请填写中文或英文名称（或两者都填）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/intake.py" line="255"/>
        <source>Keep at least one step that is followed: with none, no file could show where a child is between referral and placement.</source>
        <translation>请至少保留一个正在执行的步骤：一个都没有，档案就无法显示学生在转介到安置过程中的进展。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachments.py" line="118"/>
        <source>{name} is already attached to this student&apos;s file, as &quot;{title}&quot;. Nothing was added.</source>
        <translation>{name} 已经是该学生档案的附件（“{title}”），没有重复添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachments.py" line="157"/>
        <source>This file cannot be shown: it may be damaged. Save a copy and open it on the computer where it was made.</source>
        <translation>这个文件无法显示，可能已损坏。请另存副本，在制作它的电脑上打开查看。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachments.py" line="230"/>
        <source>What this file was to belong to is not in this student&apos;s file (it may have been removed). Choose again from the list.</source>
        <translation>这个附件要归属的记录已不在该学生档案中（可能已被删除）。请从列表中重新选择。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachments.py" line="264"/>
        <source>{name} cannot be read ({reason}). Check that the file is still there and that you may open it.</source>
        <translation>无法读取 {name}（{reason}）。请确认文件仍在原处，并且您有权限打开它。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="94"/>
        <source>{name} is empty (0 bytes). Check that it was saved or scanned completely, then attach it again.</source>
        <translation>{name} 是空文件（0 字节）。请确认它已完整保存或扫描，然后重新添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="99"/>
        <source>{name} is {size} MB; a file attached may be at most {limit} MB. Scan it again at a lower resolution (150 to 200 dpi is clear enough to read) or as PDF, then attach it.</source>
        <translation>{name} 有 {size} MB，附件最大为 {limit} MB。请用较低的分辨率（150 至 200 dpi 已足够清晰）或以 PDF 格式重新扫描后再添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="107"/>
        <source>{name} is an iPhone photo (HEIC), which cannot be shown here. Send it as JPEG instead (on the iPhone: Settings, Camera, Formats, Most Compatible), then attach it.</source>
        <translation>{name} 是 iPhone 照片（HEIC 格式），这里无法显示。请改用 JPEG 格式（iPhone 上：设置 → 相机 → 格式 → 兼容性最佳）后再添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="112"/>
        <source>{name} cannot be attached: whatever its name says, it is not a PDF or a picture (JPEG, PNG, WEBP, TIFF or BMP). Save a Word or Excel document as PDF first; scan paper as PDF or as a picture.</source>
        <translation>{name} 无法添加：不论文件名如何，它都不是 PDF 或图片（JPEG、PNG、WEBP、TIFF、BMP）。Word 或 Excel 文档请先另存为 PDF；纸质材料请扫描为 PDF 或图片。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="123"/>
        <source>{name} is a picture of more than {limit} million pixels, too large to be shown safely. Scan it again at a lower resolution, or make the picture smaller, then attach it.</source>
        <translation>{name} 是超过 {limit} 百万像素的图片，太大，无法安全显示。请用较低的分辨率重新扫描，或把图片缩小后再添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="129"/>
        <source>{name} is a PDF locked with a password, so it cannot be shown. Save a copy without the password (or print it to PDF), then attach that.</source>
        <translation>{name} 是设有密码的 PDF，无法显示。请另存一份不带密码的副本（或“打印”为 PDF），再添加那一份。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/attachment_files.py" line="134"/>
        <source>{name} looks like a {kind} file, but it cannot be read: it may be damaged, or cut short while it was copied. Open it where it was made, save it again, then attach it.</source>
        <translation>{name} 看起来是 {kind} 文件，但无法读取：可能已损坏，或复制时没有复制完整。请在制作它的地方打开并重新保存，然后再添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/intake_steps.py" line="104"/>
        <source>The default steps from referral to placement could not be read ({problem}). Reinstall IEP Studio, or ask the administrator to set the district&apos;s steps.</source>
        <translation>无法读取默认的转介安置步骤（{problem}）。请重新安装 IEP Studio，或请管理员设定本区的步骤。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="108"/>
        <source>{name} holds no goals to import. Check that it is the goal list, and that the list is on the sheet that shows when the file opens.</source>
        <translation>{name} 中没有可导入的目标。请确认这是目标表，并且目标写在打开文件时显示的那张工作表上。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="193"/>
        <source>&quot;{value}&quot; is not an age the goal bank knows. Write one band, such as {example}, or leave the cell empty for every age.</source>
        <translation>“{value}”不是目标库能识别的年龄。请写一个年龄段，例如 {example}；适用于所有年龄的目标请留空。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/spreadsheets/goal_list.py" line="234"/>
        <source>&quot;{value}&quot; is not a mastery rule the app can read. Write a percentage and, if you like, the sessions in a row, e.g. {example}.</source>
        <translation>“{value}”不是能识别的掌握标准。请写百分比，需要时再写连续次数，例如 {example}。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="225"/>
        <source>Writing the documents…</source>
        <translation>正在写入文档…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="226"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="257"/>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="284"/>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="319"/>
        <source>Export documents</source>
        <translation>导出文档</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="312"/>
        <source>%1 documents written to %2.</source>
        <translation>已写入 %1 份文档，保存在 %2。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="315"/>
        <source>Without a plan, so skipped: %1</source>
        <translation>没有计划，因此跳过：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="321"/>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="33"/>
        <source>Export documents</source>
        <translation>导出文档</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="40"/>
        <source>and the parent version</source>
        <translation>以及家长版</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="44"/>
        <source>%1 only</source>
        <translation>仅 %1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="46"/>
        <source>All %1 students in the list</source>
        <translation>列表中的全部 %1 名学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="49"/>
        <source>Word (.docx)</source>
        <translation>Word（.docx）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="58"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="71"/>
        <source>Document:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="74"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="76"/>
        <source>For:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="79"/>
        <source>Formats:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="80"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="81"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="84"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="85"/>
        <source>Preview and print…</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="129"/>
        <source>Folder for the documents</source>
        <translation>保存文档的文件夹</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="151"/>
        <source>Choose PDF, Word or both.</source>
        <translation>请选择 PDF、Word 或两者。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="154"/>
        <source>Choose the folder to write the documents into.</source>
        <translation>请选择保存文档的文件夹。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="194"/>
        <source>Family wording…</source>
        <translation>家长版措辞…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="340"/>
        <source>Open a student&apos;s file to preview their document.</source>
        <translation>请先打开一名学生的档案，再预览其文档。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/documents/export_dialog.py" line="349"/>
        <source>This student has no plan yet.</source>
        <translation>这名学生还没有计划。</translation>
    </message>
</context>
<context>
    <name>FamilyTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="72"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="72"/>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="72"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="72"/>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="73"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="73"/>
        <source>Guardians</source>
        <translation>监护人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="79"/>
        <source>Language at home:</source>
        <translation>家庭用语：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="80"/>
        <source>Family needs:</source>
        <translation>家庭需求：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="81"/>
        <source>Guardians and contacts</source>
        <translation>监护人及联系方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="107"/>
        <source>Add guardian</source>
        <translation>添加监护人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="119"/>
        <source>Edit guardian</source>
        <translation>编辑监护人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="128"/>
        <source>Remove guardian</source>
        <translation>删除监护人</translation>
    </message>
</context>
<context>
    <name>FamilyWordingDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="70"/>
        <source>Family wording: %1</source>
        <translation>家长版措辞：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="76"/>
        <source>What the family reads in the parent version, objective by objective. A sentence left empty is printed as shown in grey, made from the objective; click in it to change its words. Fit each home tip to the child and to the home: something the family can do in daily life. A goal with no tip in any of its objectives gets the area&apos;s general suggestions; for a child taught at home or with medical care, a line saying the teacher will show the family how.</source>
        <translation>下面是家长版里家长会读到的内容，一个目标一行。句子一栏空着时，打印的就是灰色显示的那句（由目标自动生成），点进去可以直接改几个字。居家建议请按孩子的情况和家里的条件调整，写家长在日常生活里就能做的事。一个长期目标下各项都没有建议时，印该领域的通用建议；送教上门、医教结合的孩子则印一句“老师会当面和您商量怎么练”。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="92"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="93"/>
        <source>The objective as the team wrote it</source>
        <translation>团队写的目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="94"/>
        <source>What the family reads</source>
        <translation>家长读到的句子</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="95"/>
        <source>What the family can do at home</source>
        <translation>在家里可以这样做</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="119"/>
        <source>Sentence for the family, objective %1</source>
        <translation>目标 %1：给家长的句子</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="121"/>
        <source>Empty: the sentence shown in grey is printed. Click in it to change its words.</source>
        <translation>空着时，打印灰色显示的那句。点进去可以改几个字。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="125"/>
        <source>Something the family can do at home for this objective</source>
        <translation>家长在家里为这个目标可以做的一件事</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="127"/>
        <source>Home tip, objective %1</source>
        <translation>目标 %1：居家建议</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="139"/>
        <source>The plan has no objectives yet.</source>
        <translation>计划里还没有短期目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="146"/>
        <source>Objectives</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/family_wording_dialog.py" line="153"/>
        <source>Preview the parent version…</source>
        <translation>预览家长版…</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/fields.py" line="202"/>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>FileEditing</name>
    <message>
        <location filename="../../iep_studio/ui/editing/file_editing.py" line="81"/>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
</context>
<context>
    <name>FirstAccountDialog</name>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="42"/>
        <source>Welcome to IEP Studio</source>
        <translation>欢迎使用 IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="53"/>
        <source>(not on any team yet)</source>
        <translation>（还不在任何团队中）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="65"/>
        <source>Make your account. Every change to a student&apos;s file is recorded under it. You will be its administrator and can add accounts for colleagues later.</source>
        <translation>请建立您的账户。对学生档案的每一次修改都会记录在这个账户名下。您将是管理员，之后可以为同事添加账户。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="68"/>
        <source>A password is required on a shared server.</source>
        <translation>在共享服务器上必须设置密码。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="69"/>
        <source>On a computer only you use, the password may stay empty.</source>
        <translation>如果这台电脑只有您使用，密码可以不填。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="74"/>
        <source>On students&apos; teams you are:</source>
        <translation>您在学生团队中是：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="75"/>
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="76"/>
        <source>Sign-in name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="77"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="78"/>
        <source>Password again:</source>
        <translation>再输入一次密码：</translation>
    </message>
</context>
<context>
    <name>GoalBankPanel</name>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="23"/>
        <source>Short-term objectives</source>
        <translation>短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="24"/>
        <source>Long-term goals</source>
        <translation>长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="25"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="26"/>
        <source>A long-term goal is added with all the objectives it groups</source>
        <translation>长期目标连同其下所有短期目标一起加入计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="29"/>
        <source>Search goals in Chinese or English…</source>
        <translation>用中文或英文搜索目标…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="31"/>
        <source>Search goals</source>
        <translation>搜索目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="33"/>
        <source>All domains</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="34"/>
        <source>Domain filter</source>
        <translation>领域筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="36"/>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="114"/>
        <source>All ages</source>
        <translation>全部年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="37"/>
        <source>Age filter</source>
        <translation>年龄段筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="43"/>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="43"/>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="117"/>
        <source>Subdomain</source>
        <translation>子领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="44"/>
        <source>Age</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="44"/>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="118"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="45"/>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="100"/>
        <source>%1 objectives</source>
        <translation>%1 个短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="105"/>
        <source>Objectives</source>
        <translation>短期目标数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="106"/>
        <source>Long-term goal</source>
        <translation>长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="128"/>
        <source>%1 long-term goals</source>
        <translation>共 %1 个长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/goal_bank_panel.py" line="129"/>
        <source>%1 goals</source>
        <translation>%1 条目标</translation>
    </message>
</context>
<context>
    <name>GoalListImportDialog</name>
    <message>
        <location filename="../../iep_studio/ui/library/goal_list_dialog.py" line="43"/>
        <source>Import goals from a spreadsheet</source>
        <translation>从表格导入目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/goal_list_dialog.py" line="44"/>
        <source>%1: each column&apos;s heading says what it holds; change any that is read wrongly. Domain, condition, behaviour and criterion are needed; a goal written only in Chinese is fine. Rows with problems are left out and listed afterwards.</source>
        <translation>%1：每一列的表头说明这一列是什么内容；读错的列请在下面改过来。领域、条件、行为和标准必须填写；目标只写中文也可以。有问题的行不会导入，导入后会逐条列出。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/goal_list_dialog.py" line="47"/>
        <source>Rows of the goal list</source>
        <translation>目标表的各行</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/goal_list_dialog.py" line="56"/>
        <source>Ready to import: %1 goals. With problems: %2 rows.</source>
        <translation>可导入：%1 个目标。有问题：%2 行。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/goal_list_dialog.py" line="47"/>
        <source>&amp;Import the goals without problems</source>
        <translation>导入没有问题的目标(&amp;I)</translation>
    </message>
</context>
<context>
    <name>GoalsPage</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="128"/>
        <source>Goals and objectives</source>
        <translation>长期目标与短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="130"/>
        <source>New &amp;goal</source>
        <translation>新建长期目标(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="131"/>
        <source>New &amp;objective</source>
        <translation>新建短期目标(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="132"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="133"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="134"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="135"/>
        <source>Move up (Ctrl+Up)</source>
        <translation>上移（Ctrl+Up）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="136"/>
        <source>Move down (Ctrl+Down)</source>
        <translation>下移（Ctrl+Down）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="150"/>
        <source>Choose a goal or an objective, or add one from the goal bank on the right.</source>
        <translation>请选择一个长期目标或短期目标，或从右侧的目标库中添加。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="170"/>
        <source>&amp;Add to plan</source>
        <translation>加入计划(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="171"/>
        <source>Adds the chosen goal-bank objective (or press Enter, or double-click it).</source>
        <translation>把目标库中选中的目标加入计划（也可按 Enter 键或双击该目标）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="179"/>
        <source>Goal bank</source>
        <translation>目标库</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="197"/>
        <source>Domain:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="219"/>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="220"/>
        <source>Target date</source>
        <translation>预定完成日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_goals.py" line="306"/>
        <source>Carried over from the previous plan, last reviewed: %1</source>
        <translation>沿用自上一份计划，上次检讨结果：%1</translation>
    </message>
</context>
<context>
    <name>GuardianDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="23"/>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="26"/>
        <source>(not set)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="30"/>
        <source>Main contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="35"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="36"/>
        <source>Relationship:</source>
        <translation>关系：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="37"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="38"/>
        <source>Workplace:</source>
        <translation>工作单位：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/family_tab.py" line="40"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>GuidanceDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="35"/>
        <source>Guidance note</source>
        <translation>个案指导记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="36"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="37"/>
        <source>Given by:</source>
        <translation>指导人：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="38"/>
        <source>Occasion:</source>
        <translation>指导方式：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="39"/>
        <source>What was seen:</source>
        <translation>观察所见：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="40"/>
        <source>Guidance:</source>
        <translation>指导意见：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="41"/>
        <source>To follow up:</source>
        <translation>跟进事项：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="42"/>
        <source>Follow up by:</source>
        <translation>跟进期限：</translation>
    </message>
</context>
<context>
    <name>GuidanceTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="60"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="60"/>
        <source>Given by</source>
        <translation>指导人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="60"/>
        <source>Occasion</source>
        <translation>指导方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="60"/>
        <source>Guidance</source>
        <translation>指导意见</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="61"/>
        <source>Follow up by</source>
        <translation>跟进期限</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="61"/>
        <source>Guidance notes</source>
        <translation>个案指导记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="62"/>
        <source>Add guidance note…</source>
        <translation>添加指导记录…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="80"/>
        <source>%1 notes. To follow up by %2: %3</source>
        <translation>共 %1 条记录。%2 前跟进：%3</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="84"/>
        <source>%1 notes.</source>
        <translation>共 %1 条记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="99"/>
        <source>Add guidance note</source>
        <translation>添加指导记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="111"/>
        <source>Edit guidance note</source>
        <translation>修改指导记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/guidance_tab.py" line="118"/>
        <source>Remove guidance note</source>
        <translation>删除指导记录</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="29"/>
        <source>History of changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="39"/>
        <source>Save as spreadsheet (CSV)…</source>
        <translation>另存为表格（CSV）…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="77"/>
        <source>%n change(s), newest first.</source>
        <translation>
            <numerusform>共 %n 条修改，最新的在前。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="79"/>
        <source>The newest %1 changes; the spreadsheet holds them all.</source>
        <translation>显示最新的 %1 条修改；表格文件中包含全部。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="86"/>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="94"/>
        <source>Save the history</source>
        <translation>保存修改记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="87"/>
        <source>Spreadsheet (*.csv)</source>
        <translation>表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/history_tab.py" line="96"/>
        <source>%1 rows saved to %2.</source>
        <translation>已保存 %1 行到 %2。</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="13"/>
        <source>Review overdue since %1</source>
        <translation>检讨已逾期（应于 %1）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="14"/>
        <source>Waiting for your signature</source>
        <translation>等待您签名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="15"/>
        <source>Review due on %1</source>
        <translation>将于 %1 检讨</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="16"/>
        <source>Follow-up of the district&apos;s guidance due on %1</source>
        <translation>个案指导跟进期限：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="18"/>
        <source>Draft untouched since %1</source>
        <translation>草稿自 %1 起未修改</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="19"/>
        <source>No plan in effect or in progress</source>
        <translation>没有生效中或编写中的计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="23"/>
        <source>Newly mastered on %1</source>
        <translation>新近达标：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="24"/>
        <source>Stalled: no gain in the last sessions (last %1)</source>
        <translation>停滞：最近几次课没有进步（最后一次 %1）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="25"/>
        <source>Nothing recorded since %1</source>
        <translation>自 %1 起没有记录</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="72"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="74"/>
        <source>Who am I…</source>
        <translation>我是谁…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="76"/>
        <source>Choose a student on the left, or make a new file with Ctrl+N. Alt+Home comes back here.</source>
        <translation>请在左侧选择学生，或按 Ctrl+N 新建学生档案。按 Alt+Home 可回到这里。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="83"/>
        <source>Sessions without gain</source>
        <translation>几次课没有进步算停滞</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="86"/>
        <source>Days without data</source>
        <translation>几天没有记录算无数据</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="90"/>
        <source>Stalled:</source>
        <translation>停滞：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="91"/>
        <source>sessions without gain</source>
        <translation>次课无进步</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="92"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="92"/>
        <source>No data:</source>
        <translation>无数据：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="99"/>
        <source>Progress across the caseload</source>
        <translation>个案进展</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="114"/>
        <source>No student files yet. Start with one of these:</source>
        <translation>还没有学生档案。可以从这里开始：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="116"/>
        <source>Make the first student file (Ctrl+N)</source>
        <translation>新建第一份学生档案（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="118"/>
        <source>Look around a demo school of made-up students</source>
        <translation>先看看演示学校（虚构的学生）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="138"/>
        <source>Welcome to IEP Studio</source>
        <translation>欢迎使用 IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="145"/>
        <source>%1&apos;s caseload: %2 things need attention</source>
        <translation>%1 的个案：%2 项需要关注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="148"/>
        <source>All students: %1 things need attention.</source>
        <translation>全部学生：有 %1 项需要关注。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="151"/>
        <source>All students: %1 things need attention. Say who you are to see only your caseload.</source>
        <translation>全部学生：%1 项需要关注。设定“我是谁”后，只显示您的个案。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="167"/>
        <source>Nothing needs attention. Well done.</source>
        <translation>没有需要关注的事项，做得很好！</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="183"/>
        <source>Progress: %1 objectives to look at</source>
        <translation>进展：有 %1 个目标需要关注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/home_view.py" line="201"/>
        <source>Every objective in effect has recent data and is moving.</source>
        <translation>所有在实施的目标都有近期数据，并在进步。</translation>
    </message>
</context>
<context>
    <name>HomeVisitsTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="50"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="50"/>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="50"/>
        <source>Who went</source>
        <translation>送教人员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="51"/>
        <source>What was done</source>
        <translation>送教内容</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="51"/>
        <source>Objectives served</source>
        <translation>涉及目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="52"/>
        <source>Home visits</source>
        <translation>送教上门</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="53"/>
        <source>Log a visit…</source>
        <translation>记录一次送教…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="70"/>
        <source>%1: %2 visits, %3 hours %4 minutes, %5 objectives served</source>
        <translation>%1：送教 %2 次，共 %3 小时 %4 分钟，涉及 %5 个目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="76"/>
        <source>No visits logged. For a student taught at home (送教上门), log each visit here.</source>
        <translation>还没有送教记录。送教上门的学生，每次上门都在这里记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="87"/>
        <source>Log home visit</source>
        <translation>记录送教</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="99"/>
        <source>Edit home visit</source>
        <translation>修改送教记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="106"/>
        <source>Remove home visit</source>
        <translation>删除送教记录</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/import_report.py" line="20"/>
        <source>%1 rows were left out because of their problems: correct them in the spreadsheet, then import those rows.</source>
        <translation>有 %1 行因存在问题未导入：请在表格中改正后，再导入这些行。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/import_report.py" line="22"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/import_report.py" line="25"/>
        <source>… and %1 more.</source>
        <translation>……还有 %1 行。</translation>
    </message>
</context>
<context>
    <name>InstrumentsPanel</name>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="21"/>
        <source>Instrument</source>
        <translation>评估工具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="21"/>
        <source>Domains</source>
        <translation>领域数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="22"/>
        <source>Items</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="22"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="23"/>
        <source>Assessment instruments</source>
        <translation>评估工具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="32"/>
        <source>&amp;Import a folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="33"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="59"/>
        <source>IEP Studio</source>
        <translation>IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="59"/>
        <source>Imported by the school</source>
        <translation>本校导入</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="84"/>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="91"/>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="94"/>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="99"/>
        <source>Import an instrument</source>
        <translation>导入评估工具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="95"/>
        <source>Nothing was imported. Correct these and import the folder again:</source>
        <translation>没有导入任何内容。请改正以下问题后重新导入该文件夹：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="100"/>
        <source>Imported: %1. It can now be scored item by item.</source>
        <translation>已导入：%1。现在可以用它逐项评分。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="108"/>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="116"/>
        <source>Remove the instrument</source>
        <translation>删除评估工具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/instruments_panel.py" line="109"/>
        <source>Remove %1 from the library? Its files stay where they were imported from.</source>
        <translation>从课程库中删除“%1”吗？原来导入的文件仍保留在原处。</translation>
    </message>
</context>
<context>
    <name>IntakeStepDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="29"/>
        <source>Step from referral to placement</source>
        <translation>转介安置步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="33"/>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="35"/>
        <source>Step:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="43"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="44"/>
        <source>Done by:</source>
        <translation>经办人：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="45"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>IntakeStepsDialog</name>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="26"/>
        <source>Steps from referral to placement</source>
        <translation>转介到安置的步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="32"/>
        <source>Step (Chinese)</source>
        <translation>步骤（中文）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="32"/>
        <source>Step (English)</source>
        <translation>步骤（英文）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="33"/>
        <source>Status (Chinese)</source>
        <translation>显示状态（中文）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="33"/>
        <source>Status (English)</source>
        <translation>显示状态（英文）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="34"/>
        <source>Asks for (Chinese)</source>
        <translation>工作要求（中文）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="34"/>
        <source>Asks for (English)</source>
        <translation>工作要求（英文）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="35"/>
        <source>Required</source>
        <translation>必需</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="35"/>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="46"/>
        <source>A step no longer followed is retired, not removed: the files that record it keep it. A step not required (the expert committee, taken only where needed) is never shown as missing.</source>
        <translation>不再执行的步骤设为停用而不删除：已记录该步骤的档案仍保留它。非必需的步骤（如仅在需要时进行的专家委员会评估）不会显示为缺少。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="51"/>
        <source>Only an administrator can change the district&apos;s steps. They apply to every school&apos;s files.</source>
        <translation>只有管理员可以修改本区的步骤，修改后适用于所有学校的档案。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="55"/>
        <source>&amp;Add a step</source>
        <translation>添加步骤(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="56"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="57"/>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/intake_steps_dialog.py" line="58"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
</context>
<context>
    <name>IntakeTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="74"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="74"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="74"/>
        <source>Done by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="75"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="75"/>
        <source>Steps from referral to placement</source>
        <translation>转介到安置的步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="76"/>
        <source>Record a step…</source>
        <translation>记录步骤…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="97"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="120"/>
        <source>Now: %1</source>
        <translation>当前：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="124"/>
        <source>Missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="127"/>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="130"/>
        <source>Every required step is recorded.</source>
        <translation>必需的步骤均已记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="157"/>
        <source>Record intake step</source>
        <translation>记录转介安置步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="178"/>
        <source>Edit intake step</source>
        <translation>修改转介安置步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/intake_tab.py" line="188"/>
        <source>Remove intake step</source>
        <translation>删除转介安置步骤</translation>
    </message>
</context>
<context>
    <name>LessonDialog</name>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="26"/>
        <source>New lesson: %1</source>
        <translation>新建课程：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="31"/>
        <source>Find a student…</source>
        <translation>查找学生…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="32"/>
        <source>Find a student</source>
        <translation>查找学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="37"/>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="37"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="38"/>
        <source>Adjustments for this student</source>
        <translation>对该生的调整</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="39"/>
        <source>Students in this lesson</source>
        <translation>参加本课的学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="54"/>
        <source>Level of %1</source>
        <translation>%1的层级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="61"/>
        <source>Objectives this lesson serves</source>
        <translation>本课服务的目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="69"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/lesson_dialog.py" line="76"/>
        <source>Objectives this lesson serves:</source>
        <translation>本课服务的目标：</translation>
    </message>
</context>
<context>
    <name>LessonsTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="19"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="19"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="20"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="20"/>
        <source>Adjustments</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="21"/>
        <source>Lessons</source>
        <translation>课程记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="26"/>
        <source>Make lessons from the course-unit library (Ctrl+L).</source>
        <translation>在课程单元库中用单元生成课程（Ctrl+L）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/lessons_tab.py" line="29"/>
        <source>Lesson plan…</source>
        <translation>教案…</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="31"/>
        <source>Course-unit library</source>
        <translation>课程单元库</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="35"/>
        <source>Search units in Chinese or English…</source>
        <translation>用中文或英文搜索单元…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="37"/>
        <source>Search units</source>
        <translation>搜索单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="38"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="38"/>
        <source>Kind filter</source>
        <translation>类型筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="39"/>
        <source>All domains</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="39"/>
        <source>Domain filter</source>
        <translation>领域筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="41"/>
        <location filename="../../iep_studio/ui/library/library_window.py" line="127"/>
        <source>All apparatus</source>
        <translation>全部器材</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="41"/>
        <source>Apparatus filter</source>
        <translation>器材筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="43"/>
        <location filename="../../iep_studio/ui/library/library_window.py" line="128"/>
        <source>All situations</source>
        <translation>全部情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="43"/>
        <source>Situation filter</source>
        <translation>情境筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="44"/>
        <source>All ages</source>
        <translation>全部年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="44"/>
        <source>Age filter</source>
        <translation>年龄段筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="46"/>
        <source>Course units</source>
        <translation>课程单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="48"/>
        <source>Unit preview</source>
        <translation>单元预览</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="49"/>
        <source>&amp;Copy and adapt</source>
        <translation>复制并改编(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="50"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="51"/>
        <source>Make a &amp;lesson…</source>
        <translation>用此单元上课(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="52"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="53"/>
        <source>Lesson &amp;plan (Word, PDF)…</source>
        <translation>教案（Word、PDF）(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="54"/>
        <source>&amp;Import folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="55"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="86"/>
        <source>Course &amp;units</source>
        <translation>课程单元(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="87"/>
        <source>&amp;Goal bank</source>
        <translation>目标库(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="92"/>
        <source>&amp;Our school&apos;s goals</source>
        <translation>本校目标(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="96"/>
        <source>Assessment i&amp;nstruments</source>
        <translation>评估工具(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="100"/>
        <source>&amp;Apparatus and situations</source>
        <translation>器材与情境(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="157"/>
        <source> (mine)</source>
        <translation>（我的）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="180"/>
        <source>No unit matches. Clear the search or the filters.</source>
        <translation>没有符合条件的单元。请清除搜索词或筛选条件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="242"/>
        <location filename="../../iep_studio/ui/library/library_window.py" line="248"/>
        <source>Export unit</source>
        <translation>导出单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="242"/>
        <source>Unit files (*.yaml)</source>
        <translation>单元文件 (*.yaml)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="249"/>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="252"/>
        <location filename="../../iep_studio/ui/library/library_window.py" line="266"/>
        <source>Import unit files</source>
        <translation>导入单元文件</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="262"/>
        <source>%1 unit(s) imported.</source>
        <translation>已导入 %1 个单元。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="264"/>
        <source>These files were not imported:</source>
        <translation>以下文件未导入：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="272"/>
        <source>Remove unit</source>
        <translation>删除单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/library_window.py" line="273"/>
        <source>Remove “%1” from your library? Lessons already given keep their copy.</source>
        <translation>要从单元库中删除“%1”吗？已上过的课会保留各自的副本。</translation>
    </message>
</context>
<context>
    <name>ListSection</name>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="80"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="81"/>
        <source>Add to %1</source>
        <translation>添加到%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="95"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../iep_studio/ui/app.py" line="222"/>
        <source>Welcome to IEP Studio</source>
        <translation>欢迎使用 IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/app.py" line="223"/>
        <source>There are no student files yet. Create a demo school with made-up students to look around? It is clearly marked as a demo.</source>
        <translation>还没有学生档案。要先创建一所演示学校（学生都是虚构的）看看吗？演示学校会有明显的标记。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="78"/>
        <location filename="../../iep_studio/ui/main_window.py" line="131"/>
        <location filename="../../iep_studio/ui/main_window.py" line="157"/>
        <location filename="../../iep_studio/ui/main_window.py" line="248"/>
        <location filename="../../iep_studio/ui/main_window.py" line="584"/>
        <source>IEP Studio</source>
        <translation>IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="93"/>
        <location filename="../../iep_studio/ui/app.py" line="141"/>
        <source>Opening the student files…</source>
        <translation>正在打开学生档案…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="241"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="289"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="293"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="294"/>
        <source>&amp;Teaching</source>
        <translation>教学(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="296"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="298"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="310"/>
        <source>Main commands</source>
        <translation>常用命令</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="373"/>
        <source>%1 of %2 students</source>
        <translation>显示 %1 名，共 %2 名学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="410"/>
        <source>Saved at %1</source>
        <translation>已于 %1 保存</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="431"/>
        <location filename="../../iep_studio/ui/main_window.py" line="439"/>
        <source>Archive student file</source>
        <translation>归档学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="432"/>
        <source>Archive the file of %1? It leaves the list but is kept; tick “Show archived” to find it and restore it.</source>
        <translation>要归档%1的档案吗？归档后不再显示在列表中，但档案仍会保留；勾选“显示已归档”即可找到并恢复。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="439"/>
        <source>Restore student file</source>
        <translation>恢复学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="460"/>
        <location filename="../../iep_studio/ui/main_window.py" line="465"/>
        <source>Demo school</source>
        <translation>演示学校</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="461"/>
        <source>The demo school is for trying IEP Studio on a computer of your own; made-up children are never put into a shared server&apos;s records.</source>
        <translation>演示学校用于在自己的电脑上试用 IEP Studio；虚构的孩子不会放进共享服务器的正式记录中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="466"/>
        <source>The demo school is already here.</source>
        <translation>演示学校已经创建过了。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="468"/>
        <source>Creating the demo school…</source>
        <translation>正在创建演示学校…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="522"/>
        <location filename="../../iep_studio/ui/main_window.py" line="540"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="528"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="541"/>
        <source>The new language is used the next time IEP Studio starts.</source>
        <translation>新语言将在下次启动 IEP Studio 时生效。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="563"/>
        <source>The settings could not be saved (%1). They apply until IEP Studio closes.</source>
        <translation>设置未能保存（%1）。在关闭 IEP Studio 之前仍然有效。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="572"/>
        <source>Where is my data?</source>
        <translation>我的数据在哪里？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="573"/>
        <source>Database: %1
Backups: %2
Logs: %3</source>
        <translation>数据库：%1
备份：%2
日志：%3</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="579"/>
        <source>About IEP Studio</source>
        <translation>关于 IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="580"/>
        <source>IEP Studio %1
Student files and individualised education plans for resource teachers.</source>
        <translation>IEP Studio %1
帮助资源教师管理学生档案和个别化教育计划。</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="170"/>
        <source>e.g. itinerant teacher Zhou, who did not sign</source>
        <translation>如：未签名的巡回指导教师周老师</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="184"/>
        <source>IEP meeting</source>
        <translation>IEP会议</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="193"/>
        <source>Meeting date:</source>
        <translation>会议日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="194"/>
        <source>Others present:</source>
        <translation>其他出席人员：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="195"/>
        <source>Parents&apos; opinion:</source>
        <translation>家长意见：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="197"/>
        <source>Printed in the plan above the signatures, with everyone who signed this edition.</source>
        <translation>打印在计划的签名之上，并列出在本版本上签名的每一位。</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="294"/>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="307"/>
        <source>An empty plan</source>
        <translation>空白计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="309"/>
        <source>Start from: %1</source>
        <translation>沿用：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="315"/>
        <source>Begin with:</source>
        <translation>起始内容：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="316"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="317"/>
        <source>Plan starts:</source>
        <translation>计划开始：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="318"/>
        <source>Plan ends:</source>
        <translation>计划结束：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="319"/>
        <source>Next review:</source>
        <translation>下次检讨：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="323"/>
        <source>Starting from an earlier plan copies its sections and services and carries over every objective not yet met, with its last review result.</source>
        <translation>沿用以前的计划时，会复制其各部分内容和相关服务，并沿用所有尚未达成的短期目标及其上次检讨结果。</translation>
    </message>
</context>
<context>
    <name>NewStudentDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="20"/>
        <source>New student file</source>
        <translation>新建学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="29"/>
        <source>Choose, or type a new school&apos;s name</source>
        <translation>选择学校，或输入新学校的名称</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="33"/>
        <source>(not set)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="40"/>
        <source>(not yet known)</source>
        <translation>（暂不确定）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="43"/>
        <source>(degree not set)</source>
        <translation>（未填程度）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="48"/>
        <source>Not placed yet (referral in progress)</source>
        <translation>尚未安置（转介评估中）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="60"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="61"/>
        <source>Student n&amp;umber:</source>
        <translation>学号(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="62"/>
        <source>&amp;School:</source>
        <translation>学校(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="63"/>
        <source>Se&amp;x:</source>
        <translation>性别(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="64"/>
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="65"/>
        <source>&amp;Grade:</source>
        <translation>年级(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="66"/>
        <source>&amp;Class:</source>
        <translation>班级(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="67"/>
        <source>C&amp;ategory:</source>
        <translation>障碍类别(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="68"/>
        <source>&amp;Placement:</source>
        <translation>安置形式(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/new_student_dialog.py" line="73"/>
        <source>Degree</source>
        <translation>程度</translation>
    </message>
</context>
<context>
    <name>ObjectiveReviewDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="221"/>
        <source>Review the objectives</source>
        <translation>检讨短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="230"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="230"/>
        <source>Objective</source>
        <translation>短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="231"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="231"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="232"/>
        <source>Objectives to review</source>
        <translation>待检讨的短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="244"/>
        <source>Result of objective %1</source>
        <translation>短期目标 %1 的结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="246"/>
        <source>Comment on objective %1</source>
        <translation>对短期目标 %1 的意见</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="258"/>
        <source>When the team meets next; it clears the “review overdue” reminder.</source>
        <translation>团队下次开会的日期；设定后“检讨已逾期”提醒会消失。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="264"/>
        <source>Review date:</source>
        <translation>检讨日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="265"/>
        <source>Reviewer:</source>
        <translation>检讨人：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="266"/>
        <source>Next review:</source>
        <translation>下次检讨：</translation>
    </message>
</context>
<context>
    <name>ObservationEntry</name>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="89"/>
        <source>Record observations</source>
        <translation>记录观察</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="96"/>
        <source>Students and objectives</source>
        <translation>学生和目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="103"/>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="127"/>
        <source>Trials</source>
        <translation>尝试</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="110"/>
        <source>minutes, or 3:30</source>
        <translation>分钟，或 3:30</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="116"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="117"/>
        <source>Trials:</source>
        <translation>尝试：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="119"/>
        <source>Duration:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="120"/>
        <source>Count:</source>
        <translation>次数：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="121"/>
        <source>Rating:</source>
        <translation>评分：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="121"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="126"/>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="126"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="127"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="128"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="129"/>
        <source>Recorded in this sitting</source>
        <translation>本次已记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="137"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="158"/>
        <source>Recorded in this sitting (Delete removes, Ctrl+Z undoes):</source>
        <translation>本次已记录（Delete 删除，Ctrl+Z 撤销）：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="219"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="245"/>
        <source>Everyone in this session is recorded. Close with Esc, or choose an objective to add more.</source>
        <translation>这节课的学生都记录完了。按 Esc 关闭，或选一个目标继续记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="277"/>
        <source>Record observation</source>
        <translation>记录观察</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="331"/>
        <source>Remove observation</source>
        <translation>删除观察记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="344"/>
        <source>(no plan objective: a note, a duration or a count)</source>
        <translation>（没有计划目标：可记录备注、时长或次数）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="354"/>
        <source>&lt;b&gt;Enter&lt;/b&gt; next objective&#x3000;&lt;b&gt;↑ ↓&lt;/b&gt; choose another&#x3000;&lt;b&gt;Backspace&lt;/b&gt; takes back a trial</source>
        <translation>&lt;b&gt;Enter&lt;/b&gt; 下一个目标&#x3000;&lt;b&gt;↑ ↓&lt;/b&gt; 换目标&#x3000;&lt;b&gt;Backspace&lt;/b&gt; 撤回一次尝试</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="361"/>
        <source>No trials yet.</source>
        <translation>还没有尝试。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/observation_entry.py" line="367"/>
        <source>%1 trials: %2 — %3% independent</source>
        <translation>%1 次：%2 —— 独立 %3%</translation>
    </message>
</context>
<context>
    <name>OverviewExport</name>
    <message>
        <location filename="../../iep_studio/ui/overview/figure_table.py" line="126"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/figure_table.py" line="149"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_pages.py" line="46"/>
        <source>Plan overview</source>
        <translation>计划概况</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_pages.py" line="47"/>
        <source>Basic information and the family come from the student&apos;s file; here is what this plan adds.</source>
        <translation>基本信息和家庭情况来自学生档案；这里填写本计划补充的内容。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_pages.py" line="55"/>
        <source>Plan starts:</source>
        <translation>计划开始：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_pages.py" line="56"/>
        <source>Plan ends:</source>
        <translation>计划结束：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_pages.py" line="61"/>
        <source>Who in the family took part, how and when (e.g. the mother came to the IEP meeting on 2026-09-10).</source>
        <translation>家庭中谁参与了、以什么方式、在什么时候（如：母亲于 2026-09-10 参加了 IEP 会议）。</translation>
    </message>
</context>
<context>
    <name>OverviewWindow</name>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="36"/>
        <source>School and district overview</source>
        <translation>学校与区域概览</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="41"/>
        <source>Double-click a row, or press Enter on it, to see the students behind its figure.</source>
        <translation>双击某一行或在该行按回车键，即可查看该数字对应的学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="44"/>
        <source>Only the students whose files you may see are counted.</source>
        <translation>只统计您有权查看档案的学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="47"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="48"/>
        <source>E&amp;xport to Excel…</source>
        <translation>导出为 Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="49"/>
        <source>Write the table this page shows to an Excel workbook</source>
        <translation>将本页显示的表格导出为 Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="51"/>
        <source>Export a&amp;ll tables…</source>
        <translation>导出全部表格(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="52"/>
        <source>Write every table of the overview to one Excel workbook, a sheet each (Ctrl+E)</source>
        <translation>将概览中的每张表格导出到同一个 Excel 工作簿，每张表一个工作表（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="60"/>
        <source>Export all tables…</source>
        <translation>导出全部表格…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="64"/>
        <source>Count again (F5)</source>
        <translation>重新统计 (F5)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="70"/>
        <source>&amp;Counts</source>
        <translation>概况(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="71"/>
        <source>&amp;Needing attention</source>
        <translation>需要关注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="72"/>
        <source>Regulation chec&amp;ks</source>
        <translation>条例检查(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="73"/>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="117"/>
        <source>As of %1: %2 in all.</source>
        <translation>截至%1，共%2。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="146"/>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="180"/>
        <source>Written to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="153"/>
        <source>Export all tables</source>
        <translation>导出全部表格</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/overview_window.py" line="158"/>
        <source>Writing the workbook…</source>
        <translation>正在写入工作簿…</translation>
    </message>
</context>
<context>
    <name>OwnGoalsPanel</name>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="31"/>
        <source>Goals your school added from its own lists. The goal bank offers them beside the app&apos;s goals, marked “%1”, for every plan.</source>
        <translation>本校从自编目标表导入的目标。目标库中它们与软件自带的目标列在一起，标有“%1”，每份计划都可以选用。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="36"/>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="36"/>
        <source>Age</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="37"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="37"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="38"/>
        <source>Added</source>
        <translation>导入日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="39"/>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="83"/>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="128"/>
        <source>Our school&apos;s goals</source>
        <translation>本校目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="46"/>
        <source>No goals of your own yet. Save a blank goal list, fill it in, then import it.</source>
        <translation>还没有本校自己的目标。先保存一份空白目标表，填好后再导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="49"/>
        <source>Sho&amp;w the archived goals</source>
        <translation>显示已归档的目标(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="50"/>
        <source>&amp;Import goals from a spreadsheet…</source>
        <translation>从表格导入目标(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="51"/>
        <source>Save a &amp;blank goal list…</source>
        <translation>保存空白目标表(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="52"/>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="114"/>
        <source>A&amp;rchive</source>
        <translation>归档(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="91"/>
        <source>(archived) %1</source>
        <translation>（已归档）%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="93"/>
        <source>All ages</source>
        <translation>全部年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="113"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="135"/>
        <source>Save a blank goal list</source>
        <translation>保存空白目标表</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="136"/>
        <source>Goal list</source>
        <translation>目标表</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="138"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="147"/>
        <source>The file could not be written: %1</source>
        <translation>文件无法写入：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="151"/>
        <source>Saved to %1. Write one goal a row under the headings, keeping or replacing the example, then import the file here.</source>
        <translation>已保存到 %1。请在表头下每行写一个目标，示例行可以保留或替换，写好后在这里导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="158"/>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="177"/>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="201"/>
        <source>Import goals from a spreadsheet</source>
        <translation>从表格导入目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="160"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/own_goals_panel.py" line="199"/>
        <source>%1 goals were added to the goal bank.</source>
        <translation>已向目标库添加 %1 个目标。</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="74"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="76"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/accounts_dialog.py" line="77"/>
        <source>New password again:</source>
        <translation>再输入一次新密码：</translation>
    </message>
</context>
<context>
    <name>PlacementDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="59"/>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="95"/>
        <source>Change placement</source>
        <translation>变更安置形式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="66"/>
        <source>e.g. 3 resource-room sessions a week</source>
        <translation>如：每周到资源教室上 3 次课</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="70"/>
        <source>New placement:</source>
        <translation>新安置形式：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="71"/>
        <source>From:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/placement_dialogs.py" line="72"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>PlanDesk</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_desk.py" line="142"/>
        <source>Who am I</source>
        <translation>我是谁</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_desk.py" line="144"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_desk.py" line="145"/>
        <source>(no one: show every student)</source>
        <translation>（不指定：显示全部学生）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_desk.py" line="150"/>
        <source>I am:</source>
        <translation>我是：</translation>
    </message>
</context>
<context>
    <name>PlanWindow</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="100"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="107"/>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="112"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="122"/>
        <source>Strengths and needs</source>
        <translation>优势与需求</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="124"/>
        <source>Copied from the student&apos;s file when the plan was made; write what matters for this period.</source>
        <translation>制定计划时从学生档案复制而来；请填写与本计划期间相关的内容。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="131"/>
        <source>Teaching strategies and adjustments</source>
        <translation>教学策略与课程调整</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="134"/>
        <source>Behaviour support plan</source>
        <translation>行为支持计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="136"/>
        <source>The behaviour, what usually comes before and after it (ABC), its likely function, and how the team responds.</source>
        <translation>目标行为、行为发生前后通常的情况（ABC）、可能的功能，以及团队的应对方式。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="138"/>
        <source>Transition plan</source>
        <translation>转衔计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="139"/>
        <source>The next stage: a new class or school, vocational training, work.</source>
        <translation>下一阶段：新的班级或学校、职业培训、就业。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="143"/>
        <source>Sections</source>
        <translation>各部分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="144"/>
        <source>1-3 Overview</source>
        <translation>1-3 计划概况</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="144"/>
        <source>4 Present levels</source>
        <translation>4 现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="145"/>
        <source>5 Strengths and needs</source>
        <translation>5 优势与需求</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="145"/>
        <source>6-7 Goals and objectives</source>
        <translation>6-7 长期目标与短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="146"/>
        <source>8 Strategies and adjustments</source>
        <translation>8 教学策略与课程调整</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="146"/>
        <source>9 Services and devices</source>
        <translation>9 相关服务与辅具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="147"/>
        <source>10 Behaviour support</source>
        <translation>10 行为支持</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="147"/>
        <source>11 Transition</source>
        <translation>11 转衔</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="148"/>
        <source>12 Reviews and signatures</source>
        <translation>12 评估检讨与签名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="219"/>
        <source>%1 · %2 · IEP</source>
        <translation>%1 · %2 · IEP</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="221"/>
        <source>Draft, edition %1: changes save themselves.</source>
        <translation>草稿，第%1版：修改会自动保存。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="222"/>
        <source>In review, edition %1: locked. Withdraw it to change it.</source>
        <translation>审阅中，第%1版：已锁定。撤回后才能修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="223"/>
        <source>Approved and in effect, edition %1: locked. Amend it to change it.</source>
        <translation>已批准并生效，第%1版：已锁定。如需修改请制作修订版。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="225"/>
        <source>Closed, edition %1.</source>
        <translation>已结束，第%1版。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="272"/>
        <source>IEP Studio</source>
        <translation>IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="283"/>
        <source>Add the person who approves the plan to the student&apos;s team now?</source>
        <translation>现在把批准计划的人加入该学生的团队吗？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="313"/>
        <source>You are not on this student&apos;s team. Ask the resource teacher to add you on the Team tab first.</source>
        <translation>您不在这名学生的团队中。请先请资源教师在“团队”页把您加入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="318"/>
        <source>This student has no team yet. Add the team members on the Team tab of the student&apos;s file first.</source>
        <translation>这名学生还没有融合教育团队。请先在学生档案的“团队”页添加团队成员。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="322"/>
        <source>Who are you?</source>
        <translation>您是谁？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="327"/>
        <source>Team member</source>
        <translation>团队成员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="330"/>
        <source>Choose yourself among the student&apos;s team. IEP Studio remembers it on this computer (Settings → Who am I).</source>
        <translation>请在该学生的团队成员中选择您自己。IEP Studio 会在这台电脑上记住您的选择（设置 → 我是谁）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="389"/>
        <source>Add yourself to the student&apos;s team first: the person responsible is taken from it.</source>
        <translation>请先把您本人加入该学生的团队：负责人从团队中取得。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="406"/>
        <source>Fill in alike</source>
        <translation>一并补全</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="416"/>
        <source>The plan is with the team. No one on the team may approve it yet: the principal (or another administrator) or a special-education expert. Add that person now?</source>
        <translation>计划已交团队审阅。团队中还没有可以批准它的人：校长（或其他行政人员）或特教专家。现在添加吗？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="465"/>
        <source>Edit the family wording</source>
        <translation>修改家长版措辞</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="529"/>
        <source>No one on this student&apos;s team may approve the plan: the principal (or another administrator) or a special-education expert. Add that person now?</source>
        <translation>该学生的团队中没有可以批准计划的人：校长（或其他行政人员）或特教专家。现在添加吗？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="542"/>
        <source>The plan cannot be approved yet: something is missing. The completeness check lists it.</source>
        <translation>计划暂时不能批准：还缺少一些内容。完整性检查会列出来。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="558"/>
        <source>Everyone on the team and every guardian has signed this edition.</source>
        <translation>团队全体成员和所有监护人都已在这一版上签名。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="570"/>
        <source>Edit the IEP meeting</source>
        <translation>修改IEP会议记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="591"/>
        <source>Amend the plan</source>
        <translation>修订计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="592"/>
        <source>Make an amendment? It is a new draft (the next edition) copied from this plan. This plan stays in effect until the team approves the amendment.</source>
        <translation>要制作修订版吗？修订版是从本计划复制而来的新草稿（下一版）。在团队批准修订版之前，本计划仍然有效。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="604"/>
        <source>Close the plan</source>
        <translation>结束计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="605"/>
        <source>Close this plan? Its period is over and it can no longer change; it stays in the student&apos;s file.</source>
        <translation>要结束这份计划吗？结束后计划期间即告终止，不能再修改；计划仍保留在学生档案中。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="635"/>
        <source>Move goal</source>
        <translation>移动长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="639"/>
        <source>Move objective</source>
        <translation>移动短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="648"/>
        <source>New goal</source>
        <translation>新建长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="660"/>
        <source>Choose the goal the objective belongs to, or make a goal first.</source>
        <translation>请选择这个短期目标所属的长期目标，或先新建一个长期目标。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="664"/>
        <source>New objective</source>
        <translation>新建短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="707"/>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="724"/>
        <source>Add from the goal bank</source>
        <translation>从目标库添加</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="710"/>
        <source>Added. Edit the wording on the left; Ctrl+Z takes it back.</source>
        <translation>已添加。可在左侧修改文字；按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="728"/>
        <source>Added with its objectives. Edit the wording on the left; Ctrl+Z takes it back.</source>
        <translation>已连同短期目标一起加入。可在左侧修改措辞；按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="739"/>
        <source>Remove goal</source>
        <translation>删除长期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="743"/>
        <source>Remove objective</source>
        <translation>删除短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_window.py" line="746"/>
        <source>Removed. Ctrl+Z brings it back.</source>
        <translation>已删除。按 Ctrl+Z 可恢复。</translation>
    </message>
</context>
<context>
    <name>PlannerWindow</name>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="68"/>
        <source>Resource-room planner</source>
        <translation>资源教室计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="92"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="100"/>
        <source>Show the week of</source>
        <translation>显示谁的一周</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="105"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="107"/>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="109"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="107"/>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="107"/>
        <source>Aims</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="108"/>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="121"/>
        <source>Themes of the month</source>
        <translation>本月主题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="109"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="110"/>
        <source>Course unit</source>
        <translation>课程单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="110"/>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="114"/>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="111"/>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="122"/>
        <source>Activities of the week</source>
        <translation>本周活动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="113"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="113"/>
        <source>Room</source>
        <translation>教室</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="113"/>
        <source>Session</source>
        <translation>课时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="114"/>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="115"/>
        <source>Sessions of the day</source>
        <translation>当天课时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="143"/>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="147"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="150"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="153"/>
        <source>Planner</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="171"/>
        <source>A sheet to record the chosen day&apos;s sessions on paper: each student&apos;s objectives in the order the observation entry lists them, with boxes for the trials, duration, count and notes</source>
        <translation>在纸上记录所选当天各节课的记录表：按“记录观察”窗口列出的顺序列出每个学生的目标，并留有尝试、时长、次数和备注的格子</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="175"/>
        <source>A sheet to record this week on paper: each student&apos;s objectives with a box for every day from Monday to Friday</source>
        <translation>在纸上记录本周的记录表：每个学生的目标，周一到周五每天一格</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="245"/>
        <source>All students</source>
        <translation>全部学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="293"/>
        <source>Add theme</source>
        <translation>添加主题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="306"/>
        <source>Edit theme</source>
        <translation>修改主题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="314"/>
        <source>Remove theme</source>
        <translation>删除主题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="325"/>
        <source>Add activity</source>
        <translation>添加活动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="338"/>
        <source>Edit activity</source>
        <translation>修改活动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="353"/>
        <source>Remove activity</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="359"/>
        <source>Resource room</source>
        <translation>资源教室</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="366"/>
        <source>Add session</source>
        <translation>添加课时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="382"/>
        <source>Edit session</source>
        <translation>修改课时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="390"/>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="396"/>
        <source>Remove session</source>
        <translation>删除课时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="391"/>
        <source>Remove this session? Observations recorded in it are kept. You can undo this with Ctrl+Z.</source>
        <translation>删除这个课时吗？其中的观察记录会保留。可以用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="418"/>
        <source>Choose a session in the week first; its students and objectives are then ready to record.</source>
        <translation>请先在周计划中选一个课时，它的学生和目标就会准备好供记录。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="428"/>
        <source>Copy this week forward</source>
        <translation>复制本周到以后</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="429"/>
        <source>The week you chose already has sessions. Add this week&apos;s to them?</source>
        <translation>所选的那一周已有课时。要把本周的课时加进去吗？</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/week_planner.py" line="433"/>
        <source>Copy week</source>
        <translation>复制一周</translation>
    </message>
</context>
<context>
    <name>PlansTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="30"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="30"/>
        <source>Period</source>
        <translation>计划期间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="31"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="31"/>
        <source>Edition</source>
        <translation>版次</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="32"/>
        <source>Next review</source>
        <translation>下次检讨</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="33"/>
        <source>Plans</source>
        <translation>个别化教育计划</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="40"/>
        <source>&amp;New plan…</source>
        <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="41"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="42"/>
        <source>&amp;Compare revisions…</source>
        <translation>比较修订(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/plans_tab.py" line="46"/>
        <source>No plan yet. Make the first one with “New plan”: present levels are filled from the assessments.</source>
        <translation>还没有计划。请用“新建计划”制定第一份计划：现有能力水平会根据评估结果自动填写。</translation>
    </message>
</context>
<context>
    <name>PresentLevelsPage</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="27"/>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="36"/>
        <source>Present levels</source>
        <translation>现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="28"/>
        <source>Drawn from the latest assessment of each domain when the plan was made. Edit the text in place; refill after a new assessment.</source>
        <translation>制定计划时取自各领域最近一次评估。可直接修改文字；有新的评估后可重新填写。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="34"/>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="34"/>
        <source>Present level</source>
        <translation>现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="35"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="44"/>
        <source>Domain to add</source>
        <translation>要添加的领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="45"/>
        <source>Add domain</source>
        <translation>添加领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="46"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="47"/>
        <source>Fill from the latest assessments</source>
        <translation>根据最近的评估填写</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="89"/>
        <source>Edit present level</source>
        <translation>编辑现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="92"/>
        <source>Add present level</source>
        <translation>添加现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="101"/>
        <source>Remove present level</source>
        <translation>删除现有能力水平</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="105"/>
        <source>Fill present levels from assessments</source>
        <translation>根据评估填写现有能力水平</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_preview.py" line="26"/>
        <source>Preview of the attached file</source>
        <translation>附件预览</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_preview.py" line="30"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_preview.py" line="31"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_preview.py" line="32"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_preview.py" line="68"/>
        <source>Choose a file in the list to see it here.</source>
        <translation>在列表中选择一个文件，就会在这里显示。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/attachment_preview.py" line="86"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>ProfileChart</name>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="40"/>
        <source>Domain profile</source>
        <translation>领域剖面图</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="67"/>
        <source>Nothing scored yet.</source>
        <translation>尚未评分。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="88"/>
        <source>filled: independent · outlined: with help</source>
        <translation>实心：独立完成 · 空心：需协助</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="29"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="31"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="32"/>
        <source>Student number:</source>
        <translation>学号：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="34"/>
        <source>School:</source>
        <translation>学校：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="36"/>
        <source>(not set)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="39"/>
        <source>Sex:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="40"/>
        <source>Birth date:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="41"/>
        <source>Grade:</source>
        <translation>年级：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="42"/>
        <source>Class:</source>
        <translation>班级：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="43"/>
        <source>Enrolled on:</source>
        <translation>入学日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="46"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="47"/>
        <source>Disability certificate no.:</source>
        <translation>残疾证号：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="49"/>
        <source>Categories and placement</source>
        <translation>障碍类别与安置形式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="53"/>
        <source>Edit categories…</source>
        <translation>编辑障碍类别…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="57"/>
        <source>Categories:</source>
        <translation>障碍类别：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="61"/>
        <source>Change placement…</source>
        <translation>变更安置形式…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="62"/>
        <source>Placement:</source>
        <translation>安置形式：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="66"/>
        <source>History:</source>
        <translation>变更记录：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="68"/>
        <source>Diagnosis and health</source>
        <translation>诊断与健康</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="70"/>
        <source>Diagnosis:</source>
        <translation>诊断：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="71"/>
        <source>Health notes:</source>
        <translation>健康状况：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="72"/>
        <source>Medication:</source>
        <translation>用药情况：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="74"/>
        <source>Strengths, interests and needs</source>
        <translation>优势、兴趣与需求</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="76"/>
        <source>Strengths:</source>
        <translation>优势：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="77"/>
        <source>Interests:</source>
        <translation>兴趣：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="78"/>
        <source>Needs:</source>
        <translation>需求：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="104"/>
        <source>(none recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="107"/>
        <source>%1 since %2</source>
        <translation>%1（自 %2 起）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="108"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/profile_tab.py" line="128"/>
        <source>Edit categories</source>
        <translation>编辑障碍类别</translation>
    </message>
</context>
<context>
    <name>ProfileWindow</name>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="117"/>
        <source>Profile over time</source>
        <translation>历次评估对比</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="128"/>
        <source>Items gained</source>
        <translation>新掌握的项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="129"/>
        <source>Items lost</source>
        <translation>退步的项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="141"/>
        <source>Objective of the plan</source>
        <translation>计划中的短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="141"/>
        <source>Item</source>
        <translation>评估项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="141"/>
        <source>Now</source>
        <translation>目前</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="142"/>
        <source>The items behind each objective</source>
        <translation>各短期目标对应的评估项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="167"/>
        <source>Independent now, not at %1</source>
        <translation>现在能独立完成、%1 时还不能的项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="169"/>
        <source>Independent at %1, not now</source>
        <translation>%1 时能独立完成、现在不能的项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="179"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="189"/>
        <source>independent</source>
        <translation>独立完成</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="189"/>
        <source>with help</source>
        <translation>需协助</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="190"/>
        <source>not yet</source>
        <translation>未掌握</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/profile_window.py" line="190"/>
        <source>not scored</source>
        <translation>未评</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="87"/>
        <source>Progress chart</source>
        <translation>进展图</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="71"/>
        <source>%1 sessions; last %2: %3%</source>
        <translation>%1 次课；最近一次 %2：%3%</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="80"/>
        <source>%1: %2% counted (%3)</source>
        <translation>%1：计入达标 %2%（%3）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="96"/>
        <source>Progress chart: %1</source>
        <translation>进展图：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="100"/>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="167"/>
        <source>No trials recorded yet.</source>
        <translation>还没有记录尝试。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="314"/>
        <source>percent counted toward mastery</source>
        <translation>计入达标的百分比</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="90"/>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="168"/>
        <source>Choose an objective to see its progress.</source>
        <translation>选一个目标查看进展。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="106"/>
        <source>Up and down arrows: another objective; left and right arrows: one session at a time.</source>
        <translation>上下方向键：换一个目标；左右方向键：逐次查看每次课。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="223"/>
        <source>criterion %1% × %2</source>
        <translation>标准 %1% × %2 次</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="105"/>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="304"/>
        <location filename="../../iep_studio/ui/student_file/progress_chart.py" line="318"/>
        <source>mastered %1</source>
        <translation>达标 %1</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="61"/>
        <source>Area</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="61"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="62"/>
        <source>Sessions</source>
        <translation>课次</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="62"/>
        <source>Where it stands</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="63"/>
        <source>Objectives and progress</source>
        <translation>目标与进展</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="76"/>
        <source>Record observations…</source>
        <translation>记录观察…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="78"/>
        <source>Mastery rule…</source>
        <translation>达标规则…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="103"/>
        <source>No plan yet: write an IEP to follow progress toward its objectives. Notes can still be recorded.</source>
        <translation>还没有计划：写好 IEP 后即可跟踪各目标的进展。现在仍可记录备注。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="107"/>
        <source>Plan: %1</source>
        <translation>计划：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="142"/>
        <source>Mastered %1</source>
        <translation>已达标 %1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="144"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="146"/>
        <source>Stalled</source>
        <translation>停滞</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="147"/>
        <source>%1 of %2 sessions at the criterion</source>
        <translation>%1 / %2 次课达到标准</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="189"/>
        <source>Change mastery rule</source>
        <translation>修改达标规则</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="72"/>
        <source>Receive a student file</source>
        <translation>接收学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="75"/>
        <source>From %1, sent %2.</source>
        <translation>来自%1，于 %2 导出。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="79"/>
        <source>Arriving: %1</source>
        <translation>将导入：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="84"/>
        <source>This file is already here: %1 in %2. It can only be received as a separate copy.</source>
        <translation>这份档案已在这里：%2的%1。只能作为独立的副本接收。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="89"/>
        <source>Some of its records are already here (was it received before?). It can only be received as a separate copy.</source>
        <translation>其中部分记录已在这里（是否之前接收过？）。只能作为独立的副本接收。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="92"/>
        <source>Already here, perhaps the same child: %1 (%2) in %3.</source>
        <translation>已在这里，可能是同一个孩子：%3的%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="97"/>
        <source>People already here, not added twice: %1</source>
        <translation>已在这里的人员，不会重复添加：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="106"/>
        <source>Receive as a separate copy (new ids)</source>
        <translation>作为独立副本接收（新编号）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="110"/>
        <source>Into the school:</source>
        <translation>接收到学校：</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/record_table.py" line="46"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/record_table.py" line="47"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/record_table.py" line="48"/>
        <location filename="../../iep_studio/ui/widgets/record_table.py" line="121"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/record_table.py" line="122"/>
        <source>Remove “%1” from this file? You can undo this with Ctrl+Z.</source>
        <translation>要从档案中删除“%1”吗？删除后可以按 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="174"/>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="178"/>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="178"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="179"/>
        <source>Holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="179"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="180"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="190"/>
        <source>%1 students</source>
        <translation>%1 名学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="195"/>
        <source>at start</source>
        <translation>启动时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="195"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="196"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="197"/>
        <source>before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="198"/>
        <source>before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="211"/>
        <source>The data as it is now is kept as a backup before the chosen one replaces it, so a restore can itself be undone.</source>
        <translation>在所选备份替换之前，当前数据会先另存为一个备份，因此恢复本身也可以撤回。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/backup_desk.py" line="215"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="52"/>
        <source>Reviews and signatures</source>
        <translation>评估检讨与签名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="53"/>
        <source>Team members comment on a section, ask for changes or approve; everyone who took part signs. At each review of a plan in effect, every objective gets a result: P passed, C continue, S simplify, E extend, D dropped.</source>
        <translation>团队成员可对某一部分提出意见、要求修改或批准；所有参与者签名。计划生效期间每次检讨时，每个短期目标都要记录结果：P 通过，C 继续，S 简化，E 加深，D 放弃。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="66"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="66"/>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="66"/>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="69"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="67"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="67"/>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="67"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="68"/>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="74"/>
        <source>Team review</source>
        <translation>团队审阅</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="69"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="69"/>
        <source>Edition</source>
        <translation>版次</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="70"/>
        <source>Signed</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="70"/>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="75"/>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="71"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="71"/>
        <source>Objective</source>
        <translation>短期目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="71"/>
        <source>Last result</source>
        <translation>上次结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="72"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="72"/>
        <source>Reviewed</source>
        <translation>检讨日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="73"/>
        <location filename="../../iep_studio/ui/plan/plan_review_page.py" line="76"/>
        <source>Progress of the objectives</source>
        <translation>短期目标进展</translation>
    </message>
</context>
<context>
    <name>RevisionCompareDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="146"/>
        <source>Compare revisions</source>
        <translation>比较修订</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="150"/>
        <source>Earlier version</source>
        <translation>较早的版本</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="151"/>
        <source>Later version</source>
        <translation>较新的版本</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="156"/>
        <source>%1, edition %2 · #%3 %4 · %5 · %6</source>
        <translation>%1，第%2版 · #%3 %4 · %5 · %6</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="167"/>
        <source>%1 as it is now</source>
        <translation>%1（当前内容）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="171"/>
        <source>Only the changes</source>
        <translation>只显示改动</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="173"/>
        <source>Comparison</source>
        <translation>比较结果</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="176"/>
        <source>Earlier:</source>
        <translation>较早：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="177"/>
        <source>Later:</source>
        <translation>较新：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="202"/>
        <source>This plan has no revisions yet: one is kept each time its status changes.</source>
        <translation>这份计划还没有修订记录：每次计划状态改变时都会保存一份。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/revision_compare.py" line="208"/>
        <source>%1 lines differ.</source>
        <translation>有 %1 行不同。</translation>
    </message>
</context>
<context>
    <name>RhythmDesk</name>
    <message>
        <location filename="../../iep_studio/ui/planner/rhythm_desk.py" line="50"/>
        <source>This session has no students yet. Edit it to choose who takes part.</source>
        <translation>这个课时还没有学生。请修改课时，选择参加的学生。</translation>
    </message>
</context>
<context>
    <name>RosterDesk</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="26"/>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="46"/>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="98"/>
        <source>Import students from a spreadsheet</source>
        <translation>从表格导入学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="29"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="70"/>
        <source>Importing the students…</source>
        <translation>正在导入学生…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="93"/>
        <source>%1 students were imported.</source>
        <translation>已导入 %1 名学生。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="96"/>
        <source>New schools: %1.</source>
        <translation>新建的学校：%1。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="106"/>
        <source>Export the student list to Excel</source>
        <translation>导出学生名单为 Excel</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="111"/>
        <source>The list shows no students. Clear the search or the filters first.</source>
        <translation>列表中没有学生。请先清除搜索或筛选条件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="113"/>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="122"/>
        <source>Students</source>
        <translation>学生名单</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="115"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_desk.py" line="129"/>
        <source>%1 students written to %2</source>
        <translation>已将 %1 名学生写入 %2</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="97"/>
        <source>Import students from a spreadsheet</source>
        <translation>从表格导入学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="98"/>
        <source>%1: each column&apos;s heading says what it holds; change any that is read wrongly. Rows with problems are left out of the import and listed afterwards.</source>
        <translation>%1：按各列标题识别每列的内容，识别有误的请在下方改正。有问题的行不会导入，导入后会一一列出。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="107"/>
        <source>Choose, or type a new school&apos;s name</source>
        <translation>选择学校，或输入新学校的名称</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="110"/>
        <source>&amp;School of rows that name none:</source>
        <translation>未填学校的行归入(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="100"/>
        <source>Rows of the list</source>
        <translation>名单各行</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="100"/>
        <source>&amp;Import the rows without problems</source>
        <translation>导入没有问题的行(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="135"/>
        <source>Ready to import: %1 rows. With problems: %2 rows.</source>
        <translation>可导入 %1 行，有问题 %2 行。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="138"/>
        <source>New schools added with them: %1.</source>
        <translation>将同时新建学校：%1。</translation>
    </message>
</context>
<context>
    <name>RosterRowsModel</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="47"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="49"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="50"/>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/roster_dialog.py" line="61"/>
        <source>Ready to import</source>
        <translation>可导入</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="24"/>
        <source>Mastery rule</source>
        <translation>达标规则</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="25"/>
        <source>At least (%):</source>
        <translation>至少（%）：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="28"/>
        <source>In consecutive sessions:</source>
        <translation>连续课次：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="32"/>
        <source>Counting trials up to:</source>
        <translation>计入的辅助层级（含）：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/progress_tab.py" line="37"/>
        <source>The default is 80% independent over 3 consecutive sessions.</source>
        <translation>默认：连续 3 次课独立完成率达到 80%。</translation>
    </message>
</context>
<context>
    <name>ScoringWindow</name>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="70"/>
        <source>Score item by item</source>
        <translation>逐项评分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="80"/>
        <source>Domain and ladder</source>
        <translation>领域与子领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="80"/>
        <source>Scored</source>
        <translation>已评</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="81"/>
        <source>Domains and ladders</source>
        <translation>领域与子领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="101"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="101"/>
        <source>Age</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="101"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="101"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="102"/>
        <source>Items of the ladder</source>
        <translation>本子领域的项目</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="120"/>
        <source>A note on what you saw (saved when you leave the field)</source>
        <translation>记下观察到的情况（离开此栏时保存）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="122"/>
        <source>Note on the item</source>
        <translation>项目备注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="126"/>
        <source>Mark the items below as &amp;independent</source>
        <translation>把前面各项记为独立完成(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="129"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="131"/>
        <source>The assessment report, and a scoring form of this domain for use on paper, as PDF and Word</source>
        <translation>评估报告，以及本领域的纸质评分记录表（PDF 和 Word）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="134"/>
        <source>&amp;Draft the plan…</source>
        <translation>起草计划(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="136"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="235"/>
        <source>Materials:</source>
        <translation>材料：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="235"/>
        <source>How:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="236"/>
        <source>Independent when:</source>
        <translation>独立完成的标准：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="243"/>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="245"/>
        <source>Enter skips · Backspace goes back · Delete clears · Page Up/Down: ladder</source>
        <translation>回车跳过 · 退格返回上一项 · Delete 清除 · PageUp/PageDown 切换子领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="266"/>
        <source>%1 of %2 items scored</source>
        <translation>已评 %1 项，共 %2 项</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="306"/>
        <source>%1 is not on this item&apos;s scale.</source>
        <translation>%1 不在本项目的量表上。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="325"/>
        <source>Score an item</source>
        <translation>项目评分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="336"/>
        <source>Clear a score</source>
        <translation>清除得分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="346"/>
        <source>Every item below this one is scored already.</source>
        <translation>本项之前的项目都已评分。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="360"/>
        <source>Mark items as independent</source>
        <translation>记为独立完成</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="369"/>
        <source>Score the item first; its note is kept with the score.</source>
        <translation>请先为本项评分，备注与得分一起保存。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="373"/>
        <source>Note on an item</source>
        <translation>项目备注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="402"/>
        <source>Where to save the report and the form</source>
        <translation>报告和记录表保存到哪里</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/assessment/scoring_window.py" line="423"/>
        <source>Saved in %1: %2</source>
        <translation>已保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="27"/>
        <source>Send the student&apos;s file</source>
        <translation>转出学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="29"/>
        <source>%1&apos;s whole file (profile, plans with their revisions, records, lessons and reviews) goes into one file for the new school to receive. A password keeps it private on the way: tell it to the receiver separately.</source>
        <translation>%1的完整档案（基本信息、计划及其各版本、记录、课程和审阅）将打包成一个文件，由新学校接收。设置密码可在传送途中保护隐私：请另行把密码告诉接收人。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="33"/>
        <source>Protect with a password</source>
        <translation>用密码保护</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="40"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="41"/>
        <source>Password again:</source>
        <translation>再输入一次密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="55"/>
        <source>The password needs at least 6 characters.</source>
        <translation>密码至少需要 6 个字符。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="58"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="114"/>
        <source>Related service or device</source>
        <translation>相关服务或辅具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="120"/>
        <source>e.g. twice a week, 30 minutes</source>
        <translation>如：每周 2 次，每次 30 分钟</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="121"/>
        <source>e.g. the district rehabilitation centre</source>
        <translation>如：区康复中心</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="125"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="125"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="126"/>
        <source>How often:</source>
        <translation>频率：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="127"/>
        <source>Provided by:</source>
        <translation>提供者：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="128"/>
        <source>Where:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="129"/>
        <source>Starts:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="130"/>
        <source>Ends:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="131"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="161"/>
        <source>Related services and assistive devices</source>
        <translation>相关服务与辅具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="162"/>
        <source>Therapy, rehabilitation and other services with how often and who provides them; devices the student uses.</source>
        <translation>治疗、康复等服务及其频率和提供者；学生使用的辅具。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="166"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="166"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="166"/>
        <source>How often</source>
        <translation>频率</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="167"/>
        <source>Provided by</source>
        <translation>提供者</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="167"/>
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="167"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="168"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="169"/>
        <source>Related services and devices</source>
        <translation>相关服务与辅具</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="194"/>
        <source>Add service</source>
        <translation>添加服务</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="207"/>
        <source>Edit service</source>
        <translation>编辑服务</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/plan_tables.py" line="214"/>
        <source>Remove service</source>
        <translation>删除服务</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="159"/>
        <source>Session</source>
        <translation>课时</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="160"/>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="161"/>
        <source>Starts:</source>
        <translation>开始：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="162"/>
        <source>Ends:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="166"/>
        <source>Room:</source>
        <translation>教室：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="170"/>
        <source>Activity:</source>
        <translation>活动：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="171"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="173"/>
        <source>Title:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="174"/>
        <source>Students:</source>
        <translation>学生：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="176"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="48"/>
        <source>Steps from referral to &amp;placement…</source>
        <translation>转介安置步骤(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="61"/>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="147"/>
        <source>Figures the checks and lists use</source>
        <translation>检查和名单所用的数值</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="62"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="62"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="63"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="63"/>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="64"/>
        <source>The district&apos;s figures</source>
        <translation>本区的数值设置</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="69"/>
        <source>S&amp;ave</source>
        <translation>保存(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="70"/>
        <source>Reset to &amp;default</source>
        <translation>恢复默认(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="74"/>
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="75"/>
        <source>So&amp;urce:</source>
        <translation>依据(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="82"/>
        <source>Only an administrator can change these figures. They apply to every school.</source>
        <translation>只有管理员可以修改这些数值；修改后适用于所有学校。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="99"/>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="145"/>
        <source>What the district records of each school</source>
        <translation>各校基本情况</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="100"/>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="100"/>
        <source>Resource room</source>
        <translation>资源教室</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="101"/>
        <source>Resource teachers</source>
        <translation>资源教师人数</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="102"/>
        <source>Schools</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="105"/>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="171"/>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="105"/>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="171"/>
        <source>No</source>
        <translation>没有</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="110"/>
        <source>Save the sc&amp;hool&apos;s facts</source>
        <translation>保存学校情况(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="114"/>
        <source>&amp;Resource room:</source>
        <translation>资源教室(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="115"/>
        <source>R&amp;esource teachers:</source>
        <translation>资源教师人数(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="120"/>
        <source>These are the district&apos;s records, kept by the administrator: only an administrator can change them.</source>
        <translation>这些是区里的记录，由管理员维护，只有管理员可以修改。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="216"/>
        <source>The figure was saved; the checks and lists were counted again.</source>
        <translation>数值已保存，检查和名单已重新统计。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="223"/>
        <source>The figure is back to its default; the checks and lists were counted again.</source>
        <translation>数值已恢复默认，检查和名单已重新统计。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="235"/>
        <source>The school&apos;s facts were saved; the checks were counted again.</source>
        <translation>学校情况已保存，检查已重新统计。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="243"/>
        <source>The district&apos;s steps were saved; the files and the counts follow them.</source>
        <translation>本区的转介安置步骤已保存，档案和统计已随之更新。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/overview/settings_page.py" line="253"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SheetPreviewDialog</name>
    <message>
        <location filename="../../iep_studio/ui/widgets/sheet_preview.py" line="50"/>
        <source>S&amp;heet:</source>
        <translation>工作表(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/sheet_preview.py" line="71"/>
        <source>Show only the rows with &amp;problems</source>
        <translation>只显示有问题的行(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/sheet_preview.py" line="92"/>
        <source>What each column holds</source>
        <translation>各列的内容</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/sheet_preview.py" line="184"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/widgets/sheet_preview.py" line="185"/>
        <source>Ready to import</source>
        <translation>可导入</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="88"/>
        <source>Record signatures</source>
        <translation>登记签名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="90"/>
        <source>Who signed</source>
        <translation>已签名的人</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="108"/>
        <source>Signed on</source>
        <translation>签名日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="116"/>
        <source>Tick everyone who signed the paper copy at the IEP meeting. Each signature records who signed, in what role and on which day, for this edition of the plan.</source>
        <translation>勾选在IEP会议上于纸质计划签名的每一位。每个签名都记下谁、以什么身份、在哪一天为本版计划签了名。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="121"/>
        <source>Signed on:</source>
        <translation>签名日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="123"/>
        <source>Others present:</source>
        <translation>其他出席人员：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/plan/review_dialogs.py" line="124"/>
        <source>Parents&apos; opinion:</source>
        <translation>家长意见：</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="107"/>
        <source>Sign in to IEP Studio</source>
        <translation>登录 IEP Studio</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="125"/>
        <source>Sign-in name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="126"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="173"/>
        <source>You can try again in %1 second(s).</source>
        <translation>%1 秒后可以再试。</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <location filename="../../iep_studio/ui/app.py" line="148"/>
        <source>Backup not restored</source>
        <translation>备份未恢复</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/app.py" line="149"/>
        <source>Your data is as it was; nothing was changed.</source>
        <translation>您的数据保持原样，没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/admin/sign_in.py" line="194"/>
        <location filename="../../iep_studio/ui/app.py" line="169"/>
        <source>IEP Studio cannot open its data</source>
        <translation>IEP Studio 无法打开数据</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/app.py" line="186"/>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/app.py" line="186"/>
        <source>The backup %1 is now in use. The data as it was before is kept as the backup %2.</source>
        <translation>现在使用的是备份 %1。恢复前的数据已另存为备份 %2。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/main_window.py" line="156"/>
        <source>IEP Studio — %1</source>
        <translation>IEP Studio — %1</translation>
    </message>
</context>
<context>
    <name>StudentFileView</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="85"/>
        <source>&amp;Profile</source>
        <translation>基本信息(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="89"/>
        <source>&amp;Assessments</source>
        <translation>评估(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="90"/>
        <source>&amp;IEP</source>
        <translation>个别化教育计划(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="86"/>
        <source>Famil&amp;y</source>
        <translation>家庭情况(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="87"/>
        <source>Tea&amp;m</source>
        <translation>团队(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="88"/>
        <source>Inta&amp;ke</source>
        <translation>转介与安置(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="91"/>
        <source>Pro&amp;gress</source>
        <translation>进展(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="92"/>
        <source>&amp;Lessons</source>
        <translation>课程记录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="93"/>
        <source>&amp;Behaviour</source>
        <translation>行为(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="94"/>
        <source>Home &amp;visits</source>
        <translation>送教上门(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="95"/>
        <source>Gui&amp;dance</source>
        <translation>个案指导(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="98"/>
        <source>Attachments (&amp;J)</source>
        <translation>附件(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="99"/>
        <source>Histo&amp;ry</source>
        <translation>修改记录(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="103"/>
        <source>Choose a student on the left, or make a new file with Ctrl+N.</source>
        <translation>请在左侧选择学生，或按 Ctrl+N 新建学生档案。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="130"/>
        <source>Parts of the file</source>
        <translation>档案各部分</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="181"/>
        <source>age %1</source>
        <translation>%1 岁</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="190"/>
        <source>not placed yet</source>
        <translation>尚未安置</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/student_file.py" line="192"/>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>StudentListModel</name>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="30"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="30"/>
        <source>Student no.</source>
        <translation>学号</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="30"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="30"/>
        <source>Category</source>
        <translation>障碍类别</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="31"/>
        <source>Placement</source>
        <translation>安置形式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="31"/>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="31"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="70"/>
        <source> (archived)</source>
        <translation>（已归档）</translation>
    </message>
</context>
<context>
    <name>StudentListPanel</name>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="107"/>
        <source>Search name, pinyin, number, class, category… (Ctrl+F)</source>
        <translation>搜索姓名、拼音、学号、班级、障碍类别…（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="109"/>
        <source>Search students</source>
        <translation>搜索学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="111"/>
        <source>All categories</source>
        <translation>全部障碍类别</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="112"/>
        <source>Category filter</source>
        <translation>按障碍类别筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="114"/>
        <source>All placements</source>
        <translation>全部安置形式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="115"/>
        <source>Placement filter</source>
        <translation>按安置形式筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="117"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="118"/>
        <source>Status filter</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="120"/>
        <source>All schools</source>
        <translation>全部学校</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="121"/>
        <source>School filter</source>
        <translation>学校筛选</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="123"/>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="139"/>
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_list.py" line="157"/>
        <source>No student file matches. Clear the search or the filters to see every file.</source>
        <translation>没有符合的学生档案。清除搜索或筛选条件即可看到全部档案。</translation>
    </message>
</context>
<context>
    <name>TeamMemberDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="27"/>
        <source>Add team member</source>
        <translation>添加团队成员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="27"/>
        <source>Team member</source>
        <translation>团队成员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="34"/>
        <source>Choose or type a new name</source>
        <translation>选择，或输入新成员的姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="40"/>
        <source>For a new person, e.g. speech therapist</source>
        <translation>新成员请填写，如：言语康复师</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="48"/>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="51"/>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="57"/>
        <source>Title:</source>
        <translation>职务：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="58"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="59"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="60"/>
        <source>Since:</source>
        <translation>加入日期：</translation>
    </message>
</context>
<context>
    <name>TeamTab</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="94"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="94"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="94"/>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="94"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="95"/>
        <source>Since</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="95"/>
        <source>Team members</source>
        <translation>团队成员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="99"/>
        <source>Add the person who approves…</source>
        <translation>添加批准计划的人…</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="124"/>
        <source>(Family tab)</source>
        <translation>（见“家庭情况”）</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="129"/>
        <source>Approves the plan: %1</source>
        <translation>批准计划：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="133"/>
        <source>No one on this team may approve the plan yet: add the principal (or another administrator) or a special-education expert.</source>
        <translation>团队中还没有可以批准计划的人：请添加校长（或其他行政人员）或特教专家。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="155"/>
        <source>Change team member</source>
        <translation>修改团队成员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="206"/>
        <source>Add team member</source>
        <translation>添加团队成员</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/team_tab.py" line="171"/>
        <source>Remove team member</source>
        <translation>移除团队成员</translation>
    </message>
</context>
<context>
    <name>ThemeDialog</name>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="89"/>
        <source>Theme of the month</source>
        <translation>月主题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="90"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="91"/>
        <source>for example 认识秋天</source>
        <translation>例如：认识秋天</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="92"/>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="93"/>
        <source>For:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="95"/>
        <source>Group name:</source>
        <translation>小组名称：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="96"/>
        <source>Students:</source>
        <translation>学生：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/planner/planner_dialogs.py" line="98"/>
        <source>Aims:</source>
        <translation>目标：</translation>
    </message>
</context>
<context>
    <name>TransferDesk</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="133"/>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="144"/>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="152"/>
        <source>Send the student&apos;s file</source>
        <translation>转出学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="134"/>
        <source>Open the student&apos;s file first.</source>
        <translation>请先打开学生档案。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="146"/>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="165"/>
        <source>Student files (*.iepstudent)</source>
        <translation>学生档案文件 (*.iepstudent)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="155"/>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="163"/>
        <source>Receive a student file</source>
        <translation>接收学生档案</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="184"/>
        <source>Make the school first: a received file joins a school here.</source>
        <translation>请先建立学校：接收的档案需要归入本地的一所学校。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/transfer_desk.py" line="207"/>
        <source>%1 was received.</source>
        <translation>已接收%1。</translation>
    </message>
</context>
<context>
    <name>UnitEditor</name>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="35"/>
        <source>Edit unit: %1</source>
        <translation>编辑单元：%1</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="38"/>
        <source>Unit text</source>
        <translation>单元文本</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="51"/>
        <source>&amp;Form</source>
        <translation>表单(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="52"/>
        <source>File &amp;text</source>
        <translation>文件文本(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="56"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="59"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="70"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="114"/>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="116"/>
        <source>Line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="135"/>
        <source>The unit is valid.</source>
        <translation>单元内容有效。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="137"/>
        <source>%1 problem(s): the unit cannot be saved until they are fixed.</source>
        <translation>有 %1 个问题：修改后才能保存。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="162"/>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_editor.py" line="173"/>
        <source>Discard your changes to this unit?</source>
        <translation>放弃对这个单元的修改吗？</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="179"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="195"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="390"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="197"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="390"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="204"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="396"/>
        <source>Domains</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="215"/>
        <source>The unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="217"/>
        <source>Id:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="218"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="220"/>
        <source>Function:</source>
        <translation>功能：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="221"/>
        <source>Apparatus:</source>
        <translation>器材：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="222"/>
        <source>Situation:</source>
        <translation>情境：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="227"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="228"/>
        <source>Summary:</source>
        <translation>简介：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="229"/>
        <source>Domains:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="230"/>
        <source>Age bands:</source>
        <translation>年龄段：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="231"/>
        <source>Minutes a session:</source>
        <translation>每次时长：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="232"/>
        <source>Sessions:</source>
        <translation>课次：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="234"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="400"/>
        <source>Objectives</source>
        <translation>教学目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="235"/>
        <source>Domain:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="236"/>
        <source>Objective:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="237"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="401"/>
        <source>Materials</source>
        <translation>教具与材料</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="238"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="402"/>
        <source>Safety notes</source>
        <translation>安全提示</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="239"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="403"/>
        <source>Steps</source>
        <translation>教学步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="240"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="405"/>
        <source>Graded after-class assignments</source>
        <translation>分层课后作业</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="241"/>
        <source>Level:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="242"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="243"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="406"/>
        <source>Assessment</source>
        <translation>评价方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="244"/>
        <source>Method:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="245"/>
        <source>Criterion:</source>
        <translation>标准：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="247"/>
        <source>Difficulty:</source>
        <translation>难度：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="248"/>
        <source>Amount:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="249"/>
        <source>Timing:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="250"/>
        <source>Opportunity:</source>
        <translation>机会：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="251"/>
        <source>Choice of materials:</source>
        <translation>材料选择：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="252"/>
        <source>Teaching design:</source>
        <translation>教学设计：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="253"/>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="407"/>
        <source>The six adjustments</source>
        <translation>六项教学调整</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="391"/>
        <source>Function</source>
        <translation>功能</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="392"/>
        <source>Apparatus</source>
        <translation>器材</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="393"/>
        <source>Situation</source>
        <translation>情境</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="394"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="395"/>
        <source>Summary</source>
        <translation>简介</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="397"/>
        <source>Age bands</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="398"/>
        <source>Minutes a session</source>
        <translation>每次时长</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="399"/>
        <source>Sessions</source>
        <translation>课次</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="404"/>
        <source>Levels</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="408"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="409"/>
        <source>Support and prompts</source>
        <translation>支持与提示</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="410"/>
        <source>What happens</source>
        <translation>活动过程</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="411"/>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="412"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="413"/>
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="414"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="414"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
<context>
    <name>UnitPreview</name>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="14"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="15"/>
        <source>Domains</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="16"/>
        <source>Age</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="17"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="18"/>
        <source>%1 minutes × %2 sessions</source>
        <translation>每次 %1 分钟 × %2 次</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="19"/>
        <source>Objectives</source>
        <translation>教学目标</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="20"/>
        <source>Materials</source>
        <translation>教具与材料</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="21"/>
        <source>Safety</source>
        <translation>安全提示</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="22"/>
        <source>Steps</source>
        <translation>教学步骤</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="23"/>
        <source>After-class assignments</source>
        <translation>分层课后作业</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="24"/>
        <source>Assessment</source>
        <translation>评价方式</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="25"/>
        <source>Adjustments</source>
        <translation>教学调整</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="26"/>
        <source>Difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="27"/>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="28"/>
        <source>Timing</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="29"/>
        <source>Opportunity</source>
        <translation>机会</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="30"/>
        <source>Choice of materials</source>
        <translation>材料选择</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_preview.py" line="31"/>
        <source>Teaching design</source>
        <translation>教学设计</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../../iep_studio/core/services/library.py" line="199"/>
        <source>A unit with the id &quot;{id}&quot; is already in your library. Change the id in the file to import it as a new unit.</source>
        <translation>你的单元库中已有编号为“{id}”的单元。请修改文件中的编号，作为新单元导入。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="89"/>
        <location filename="../../iep_studio/core/units/loading.py" line="62"/>
        <source>This folder does not exist.</source>
        <translation>这个文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="150"/>
        <location filename="../../iep_studio/core/units/loading.py" line="108"/>
        <source>The file cannot be read: {reason}. Check that it exists and that you may open it.</source>
        <translation>无法读取文件：{reason}。请确认文件存在，并且你有权限打开它。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="173"/>
        <source>No instrument &quot;{id}&quot; in this folder: its instrument.yaml is missing, or the id is misspelt.</source>
        <translation>这个文件夹里没有评估工具“{id}”：缺少它的 instrument.yaml，或 id 拼写有误。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="178"/>
        <source>The instrument already has a file for this domain. Put all of a domain&apos;s subdomains in one file.</source>
        <translation>这个评估工具已经有这个领域的文件。请把一个领域的全部子领域放在同一个文件里。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="200"/>
        <source>The instrument covers the age bands {codes}; add this one to instrument.yaml or correct it.</source>
        <translation>这个评估工具覆盖的年龄段为 {codes}；请在 instrument.yaml 中加上这个年龄段，或改正它。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="205"/>
        <source>No objective &quot;{id}&quot; in the goal bank. Check the id in the goal bank&apos;s files.</source>
        <translation>目标库中没有目标“{id}”。请核对目标库文件中的 id。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="134"/>
        <location filename="../../iep_studio/core/units/loading.py" line="134"/>
        <location filename="../../iep_studio/core/units/loading.py" line="144"/>
        <source>The id &quot;{id}&quot; is already used in {other}. Give each its own id.</source>
        <translation>编号“{id}”已在 {other} 中使用，请为每个单元（目标）取不同的编号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="161"/>
        <source>The file is not UTF-8 text (byte {byte} cannot be read). Save it again as UTF-8.</source>
        <translation>文件不是 UTF-8 文本（第 {byte} 个字节无法读取）。请另存为 UTF-8 编码。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="172"/>
        <source>This is not valid YAML: {problem}. Check the indentation and the quotes near this line.</source>
        <translation>YAML 格式有误：{problem}。请检查这一行附近的缩进和引号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="178"/>
        <source>The file must be a set of fields (key: value), starting with schema_version and id.</source>
        <translation>文件应由“字段: 值”组成，并以 schema_version 和 id 开头。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="195"/>
        <source>This field is missing; it is required.</source>
        <translation>缺少此字段，它是必填的。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="196"/>
        <source>Unknown field. Check the spelling; allowed fields are listed in course_unit.schema.json.</source>
        <translation>未知字段，请检查拼写；允许的字段见 course_unit.schema.json。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="199"/>
        <source>&quot;{input}&quot; is not allowed here; expected {expected}.</source>
        <translation>此处不能填写“{input}”，应为 {expected}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="200"/>
        <source>&quot;{input}&quot; is not a valid id; use 3 to 64 lowercase letters, digits and hyphens, e.g. balance-board-turns.</source>
        <translation>“{input}”不是有效的编号：请用 3 到 64 个小写字母、数字和连字符，如 balance-board-turns。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="203"/>
        <source>Too few entries; expected at least {min_length}.</source>
        <translation>条目太少，至少需要 {min_length} 条。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="204"/>
        <source>{input} is too large; at most {le}.</source>
        <translation>{input} 太大了，最多为 {le}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="205"/>
        <source>{input} is too small; at least {ge}.</source>
        <translation>{input} 太小了，至少为 {ge}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="206"/>
        <location filename="../../iep_studio/core/units/loading.py" line="207"/>
        <source>&quot;{input}&quot; is not a whole number.</source>
        <translation>“{input}”不是整数。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="208"/>
        <source>Expected text here.</source>
        <translation>这里应填写文字。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="209"/>
        <source>Expected a list here (lines starting with &quot;- &quot;).</source>
        <translation>这里应是一个列表（每行以“- ”开头）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="210"/>
        <location filename="../../iep_studio/core/units/loading.py" line="211"/>
        <source>Expected fields here (key: value).</source>
        <translation>这里应是若干字段（字段: 值）。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="213"/>
        <source>Write the text in Chinese (zh), English (en) or both.</source>
        <translation>请用中文（zh）或英文（en）填写，或两者都填。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/assessment/loading.py" line="196"/>
        <location filename="../../iep_studio/core/units/loading.py" line="215"/>
        <source>Unknown {what} &apos;{value}&apos;; expected one of: {codes}.</source>
        <translation>未知的{what}“{value}”，应为以下之一：{codes}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="217"/>
        <source>Each tier may appear once in a step&apos;s levels.</source>
        <translation>一个步骤中每个层级只能出现一次。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="218"/>
        <source>The levels of a step must differ: two tiers have the same task.</source>
        <translation>步骤的各层级必须不同：有两个层级的任务相同。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="220"/>
        <source>This kind of unit needs &apos;{field}&apos;: what it is built around.</source>
        <translation>这一类型的单元需要填写“{field}”：单元围绕的内容。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="222"/>
        <source>This kind of unit has no &apos;{other}&apos;; use &apos;{field}&apos; for what it is built around.</source>
        <translation>这一类型的单元没有“{other}”；请用“{field}”填写单元围绕的内容。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="225"/>
        <source>Assignments must be graded: give at least two different tiers.</source>
        <translation>课后作业必须分层：至少给出两个不同层级。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="228"/>
        <source>A probe needs &apos;materials&apos; and &apos;instruction&apos;: what to have ready and what to say, so any teacher gives it the same way.</source>
        <translation>测查项目需要写明“materials”和“instruction”：准备什么、怎么说，让每位老师都按同样的方式施测。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="231"/>
        <source>Each value may appear once in a scale.</source>
        <translation>量表中每个分值只能出现一次。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="232"/>
        <source>List a scale&apos;s points from the lowest value to the highest.</source>
        <translation>请按分值从低到高列出量表的各级。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="234"/>
        <source>A scale runs from a point that means not_yet to one that means independent.</source>
        <translation>量表应从表示 not_yet（未掌握）的一级开始，到表示 independent（独立完成）的一级结束。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="237"/>
        <source>Each scale needs its own id.</source>
        <translation>每个量表需要有自己的 id。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="238"/>
        <source>raw_to must not be below raw_from.</source>
        <translation>raw_to 不能小于 raw_from。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="239"/>
        <source>Two rows of the table cover the raw total {raw}.</source>
        <translation>换算表中有两行都包含原始分 {raw}。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="240"/>
        <source>age_months_to must not be below age_months_from.</source>
        <translation>age_months_to 不能小于 age_months_from。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/loading.py" line="268"/>
        <source>From here on, {count} more problems are not listed. Fix the ones above first.</source>
        <translation>从这里起还有 {count} 个问题没有列出。请先修改上面的问题。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="66"/>
        <source>The file is {size}; a unit or goal file may be at most {limit}. Check that this is the right file, or split it into several units.</source>
        <translation>文件大小为 {size}，单元文件或目标文件最多 {limit}。请确认是否选对了文件，或把它拆成几个单元。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="101"/>
        <source>Anchors and aliases (&amp; and *) are not allowed in unit files. Write the value out in full where it is needed.</source>
        <translation>单元文件中不能使用锚点和别名（&amp; 和 *）。请在需要的地方把内容完整写出来。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="106"/>
        <source>The file holds more than {limit} values; a unit or goal file has far fewer. Check that this is the right file, or split it into several.</source>
        <translation>文件中的内容项超过 {limit} 个，单元文件或目标文件远没有这么多。请确认是否选对了文件，或把它拆成几个文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="111"/>
        <source>The values here are nested more than {limit} levels deep; a unit needs far fewer. Check the brackets and the indentation.</source>
        <translation>这里的内容嵌套超过 {limit} 层，单元文件远用不到这么多层。请检查括号和缩进。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="128"/>
        <source>This number is {length} characters long; numbers in a unit file have at most {limit}. If it is meant as text, put it in quotes.</source>
        <translation>这个数字长达 {length} 个字符，单元文件中的数字最多 {limit} 个字符。如果它是文字，请加上引号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="137"/>
        <source>&quot;{value}&quot; is not a valid number, date or yes/no value. If it is meant as text, put it in quotes.</source>
        <translation>“{value}”不是有效的数字、日期或是/否值。如果它是文字，请加上引号。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/units/yaml_limits.py" line="180"/>
        <source>This line holds a control character (U+{code}) that a text file does not have: the file may be damaged or not a unit file. Remove the character, or save the file again as UTF-8 text.</source>
        <translation>这一行含有文本文件中不应出现的控制字符（U+{code}）：文件可能已损坏，或者不是单元文件。请删除该字符，或重新以 UTF-8 文本格式保存文件。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="75"/>
        <source>The id &quot;{id}&quot; is IEP Studio&apos;s own instrument. Give yours another id.</source>
        <translation>id“{id}”是 IEP Studio 自带的评估工具，请给你的评估工具另取一个 id。</translation>
    </message>
    <message>
        <location filename="../../iep_studio/core/services/item_scoring.py" line="80"/>
        <source>No instrument.yaml in this folder: an instrument is a folder with its instrument.yaml and one file per domain.</source>
        <translation>这个文件夹里没有 instrument.yaml：一个评估工具是一个文件夹，包含 instrument.yaml 和每个领域各一个文件。</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="19"/>
        <source>Home visit</source>
        <translation>送教上门</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="20"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="21"/>
        <source>Minutes:</source>
        <translation>时长（分钟）：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="23"/>
        <source>Who went:</source>
        <translation>送教人员：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="24"/>
        <source>What was done:</source>
        <translation>送教内容：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="25"/>
        <source>Objectives served:</source>
        <translation>涉及目标：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/student_file/home_visits_tab.py" line="28"/>
        <source>Family&apos;s feedback, note:</source>
        <translation>家长反馈、备注：</translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <location filename="../../iep_studio/ui/planner/week_grid.py" line="44"/>
        <source>Sessions of the week</source>
        <translation>本周课时</translation>
    </message>
</context>
<context>
    <name>_StepEditor</name>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="345"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="346"/>
        <source>Support and prompts</source>
        <translation>支持与提示</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="357"/>
        <source>Step:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="358"/>
        <source>Minutes:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="359"/>
        <source>What happens:</source>
        <translation>活动过程：</translation>
    </message>
    <message>
        <location filename="../../iep_studio/ui/library/unit_form.py" line="360"/>
        <source>Levels:</source>
        <translation>分层：</translation>
    </message>
</context>
</TS>
