import TuanThuEngine

/// The fixed words of the Markdown report, in the report's language.
struct MarkdownText {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    /// Only the text of the report's language is made (each is often interpolated).
    private func pick(_ vi: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        language == .vi ? vi() : en()
    }

    func date(_ day: Day) -> String { language == .vi ? day.vietnamese : day.description }

    var title: String { pick("Báo cáo đánh giá an toàn hệ thống thông tin theo cấp độ",
                             "Information-system security audit by level") }
    var asOf: String { pick("Ngày đánh giá", "Audit date") }
    var regimeInForce: String { pick("Chế độ pháp lý đang có hiệu lực", "Regime in force") }
    var from: String { pick("từ", "from") }
    var inventory: String { pick("Tệp kiểm kê", "Inventory file") }
    var failOn: String { pick("Ngưỡng chặn (--fail-on)", "Blocking threshold (--fail-on)") }
    var tool: String { pick("Công cụ", "Tool") }
    var rules: String { pick("Bộ quy tắc", "Rules") }
    var manifest: String { pick("Dấu đầu vào (kiểm lại: tuanthu verify-report)", "Input digest (check: tuanthu verify-report)") }
    func files(_ count: Int) -> String { pick("\(count) tệp", count == 1 ? "1 file" : "\(count) files") }
    var none: String { pick("không có", "none") }
    var summary: String { pick("Tóm tắt", "Summary") }
    var systemCount: String { pick("Số hệ thống thông tin", "Information systems") }
    var level: String { pick("cấp độ", "level") }
    var openFindings: String { pick("Nội dung chưa đáp ứng", "Open findings") }
    var blockingLine: String { pick("Phát hiện ở mức chặn", "Blocking findings") }
    var systemsHeading: String { pick("Danh sách hệ thống thông tin", "Information systems") }
    var idHeader: String { pick("Mã", "Id") }
    var systemHeader: String { pick("Hệ thống", "System") }
    var requiredHeader: String { pick("Cấp độ theo tiêu chí", "Required level") }
    var proposedHeader: String { pick("Đề xuất", "Proposed") }
    var approvedHeader: String { pick("Được phê duyệt", "Approved") }
    var regimeHeader: String { pick("Chế độ áp dụng", "Regime") }
    var approvalHeader: String { pick("Tình trạng phê duyệt", "Approval status") }
    var complianceHeader: String { pick("Tuân thủ yêu cầu", "Compliance") }
    var details: String { pick("Chi tiết theo hệ thống", "Details by system") }
    var typeLabel: String { pick("Loại hệ thống", "Type") }
    var operatorLabel: String { pick("đơn vị vận hành", "operator") }
    var declaredAt: String { pick("khai báo tại", "declared at") }
    var requiredLabel: String { pick("Cấp độ theo tiêu chí", "Required level") }
    var noCriterion: String { pick("không đáp ứng tiêu chí nào trên cấp độ 1", "no criterion above level 1 is met") }
    var underInForce: String { pick("Cấp độ theo chế độ mới", "Level under the regime in force") }
    var approvalLabel: String { pick("Quyết định phê duyệt cấp độ", "Level approval") }
    var transitionLabel: String { pick("Chuyển tiếp", "Transition") }
    var complianceLabel: String { pick("Tuân thủ yêu cầu", "Compliance") }
    var passedWord: String { pick("đạt", "met") }
    var failedWord: String { pick("chưa đạt", "not met") }
    var manualWord: String { pick("cần kiểm tra thủ công", "to check by hand") }
    var levelApprovalHeading: String { pick("Cấp độ, phê duyệt, đánh giá định kỳ, chứng thư và chữ ký số",
                                            "Level, approval, assessment, certificates and signatures") }
    var severityHeader: String { pick("Mức", "Severity") }
    var ruleHeader: String { pick("Quy tắc", "Rule") }
    var statusHeader: String { pick("Trạng thái", "Status") }
    var findingHeader: String { pick("Phát hiện", "Finding") }
    var remediationHeader: String { pick("Biện pháp khắc phục", "Remediation") }
    var locationHeader: String { pick("Vị trí", "Location") }
    var nothingApplicable: String { pick("Không có yêu cầu áp dụng.", "No requirement applies.") }
    var sourcesHeading: String { pick("Nguồn pháp lý", "Legal sources") }
    var sourcesIntro: String {
        pick("Các quy định được viện dẫn trong báo cáo; mức tin cậy trong ngoặc (văn bản gốc, nguồn thứ cấp, chưa xác minh).",
             "Provisions cited in this report, with how sure we are of each (primary, secondary, unverified).")
    }

    var waivedLine: String { pick("Chấp nhận rủi ro (miễn trừ có thời hạn)", "Waived (accepted risks)") }
    var overdueLine: String { pick("Việc khắc phục quá hạn", "Overdue plan items") }
    var byLevelHeading: String { pick("Hệ thống theo cấp độ và tình trạng phê duyệt", "Systems by level and approval") }
    var levelHeader: String { pick("Cấp độ", "Level") }
    var chartHeading: String { pick("Mức tuân thủ theo nhóm yêu cầu", "Compliance by requirement group") }
    var chartTitle: String { pick("Tỷ lệ yêu cầu đạt (%)", "Requirements met (%)") }

    func chartSource(_ file: String) -> String {
        pick("_Biểu đồ vẽ sẵn dạng SVG; mã nguồn Mermaid của biểu đồ: `\(file)`._",
             "_The chart is drawn as SVG; its Mermaid source: `\(file)`._")
    }

    var summaryTitle: String { pick("Tóm tắt cho lãnh đạo", "Summary for the head of the organisation") }

    func summaryPointer(_ file: String) -> String {
        pick("Trang tóm tắt cho lãnh đạo in riêng: `\(file)`. Phần dưới là phụ lục chi tiết.",
             "The leadership summary, to print on its own: `\(file)`. What follows is the detailed annex.")
    }
    var urgentHeading: String { pick("Việc cần làm gấp nhất", "Most urgent actions") }
    var priorityHeader: String { pick("Ưu tiên", "Priority") }
    var actionHeader: String { pick("Việc cần làm", "Action") }
    var responsibleHeader: String { pick("Đơn vị chủ trì", "Responsible unit") }
    var dueHeader: String { pick("Thời hạn hoàn thành", "Due") }
    var effortHeader: String { pick("Công sức", "Effort") }
    var sourceHeader: String { pick("Căn cứ", "Source") }
    var changesHeading: String { pick("Thay đổi so với lần đánh giá trước", "Changes since the baseline") }
    var newWord: String { pick("Phát hiện mới", "New findings") }
    var persistingWord: String { pick("Còn tồn tại", "Persisting") }
    var fixedWord: String { pick("Đã khắc phục", "Fixed") }
    var droppedWord: String {
        pick("Không còn áp dụng (đổi cấp độ hoặc bộ yêu cầu)", "No longer applicable (level or baseline changed)")
    }
    var removedWord: String {
        pick("Của hệ thống không còn trong kiểm kê", "Of systems no longer in the inventory")
    }
    var planHeading: String { pick("Kế hoạch khắc phục", "Remediation plan") }
    var noPlan: String { pick("Không có nội dung cần khắc phục.", "Nothing to remediate.") }
    var planIntro: String {
        pick("Mỗi nội dung chưa đáp ứng là một việc, xếp theo kỳ báo cáo phải hoàn thành.",
             "One action per gap, grouped by the report it must be done by.")
    }
    var planLegend: String {
        pick("⚠ quá hạn: theo thời hạn pháp luật quy định, hoặc so với kế hoạch trước; ⏳ thời hạn theo mốc chuyển tiếp "
             + "của chế độ pháp lý; 🆕 phát hiện mới.",
             "⚠ overdue: past the day the law set, or the previous plan's due date; ⏳ due date set by a regime "
             + "transition deadline; 🆕 new finding.")
    }
    var before: String { pick("trước", "before") }
    var overdueWord: String { pick("quá hạn", "overdue") }

    /// A due date already past: "quá hạn từ 10/09/2026".
    func dueCell(_ due: Day, overdue: Bool) -> String {
        overdue ? pick("⚠ quá hạn từ ", "⚠ overdue since ") + date(due) : date(due)
    }
    var waiversHeading: String { pick("Chấp nhận rủi ro (miễn trừ có thời hạn)", "Waivers (accepted risks)") }
    var justificationHeader: String { pick("Lý do", "Justification") }
    var approvedByHeader: String { pick("Người phê duyệt", "Approved by") }
    var expiresHeader: String { pick("Hết hạn", "Expires") }

    func nextLevelLabel(_ level: Int) -> String {
        pick("Lên cấp độ \(level) còn thiếu", "Missing for level \(level)")
    }

    func transitionGapsLabel(_ baseline: String, _ deadline: String) -> String {
        pick("Chưa đáp ứng \(baseline) (hạn chuyển tiếp \(deadline))", "Not yet meeting \(baseline) (transition deadline \(deadline))")
    }

    var noneMissing: String { pick("không thiếu yêu cầu nào", "nothing missing") }

    func waiverNote(_ justification: String, _ approver: String, _ expires: String) -> String {
        pick("chấp nhận rủi ro: \(justification) (\(approver), đến \(expires))",
             "risk accepted: \(justification) (\(approver), until \(expires))")
    }

    func shortGroup(_ group: RequirementGroup) -> String {
        switch group {
        case .policy: return pick("Chính sách", "Policy")
        case .organization: return pick("Tổ chức", "Organisation")
        case .people: return pick("Nhân lực", "People")
        case .designBuild: return pick("Thiết kế", "Design")
        case .operations: return pick("Vận hành", "Operations")
        case .risk: return pick("Rủi ro", "Risk")
        case .endOfOperation: return pick("Kết thúc", "End of life")
        case .network: return pick("Mạng", "Network")
        case .server: return pick("Máy chủ", "Servers")
        case .application: return pick("Ứng dụng", "Applications")
        case .data: return pick("Dữ liệu", "Data")
        }
    }

    func allPassed(_ count: Int) -> String {
        pick("Đạt tất cả \(count) nội dung áp dụng.", "All \(count) applicable items are met.")
    }

    func alsoPassed(_ count: Int) -> String {
        pick("Ngoài ra \(count) nội dung khác đã đạt.", "\(count) other items are met.")
    }

    func passedCount(_ count: Int) -> String {
        pick("\(count) nội dung đã đạt.", "\(count) items are met.")
    }

    var notAssessedWord: String { pick("chưa đánh giá", "not assessed") }
    var notAssessedHeader: String { pick("Chưa đánh giá", "Not assessed") }
    var notAssessedLine: String {
        pick("Yêu cầu chưa đánh giá (kiểm kê chưa ghi trạng thái; không tính vào tỷ lệ tuân thủ)",
             "Requirements not assessed (no status in the inventory; outside the compliance figure)")
    }

    func groupNotAssessed(_ count: Int) -> String {
        pick("\(count) yêu cầu chưa đánh giá (xem danh sách cần hoàn thành bên dưới).",
             "\(count) requirements not assessed (see the checklist below).")
    }

    func checklistHeading(_ count: Int) -> String {
        pick("Danh sách cần hoàn thành: \(count) yêu cầu chưa đánh giá", "Checklist: \(count) requirements not assessed")
    }

    var dutiesHeading: String { pick("Nghĩa vụ chung của cơ quan", "Duties of the organisation") }
    func dutiesIntro(_ place: String) -> String {
        pick("Các nghĩa vụ của chủ quản hoặc người đứng đầu cơ quan (bố trí đơn vị chuyên trách, báo cáo định kỳ, đào tạo…) "
             + "được đánh giá một lần cho cả cơ quan, không lặp lại theo từng hệ thống; trạng thái khai báo tại mục "
             + "`controls` của `organization` (\(place)).",
             "Duties of the owner or the head of the organisation (designating the security unit, periodic reports, "
             + "training…) are assessed once for the whole organisation, not once per system; their status is declared "
             + "under `organization` → `controls` (\(place)).")
    }
    var securityUnitLabel: String { pick("Đơn vị chuyên trách an toàn thông tin", "Information-security unit") }
    var noSecurityUnit: String {
        pick("**chưa khai báo** — việc của đơn vị chuyên trách giao cho người đứng đầu cơ quan cho đến khi bố trí",
             "**not declared** — its tasks fall to the head of the organisation until one is designated")
    }
    var otherOwnerLabel: String { pick("Chủ quản khác", "Other owner") }
    func organizationChecklistIntro(_ place: String) -> String {
        pick("Với mỗi nghĩa vụ, ghi trạng thái vào mục `controls` của `organization` (\(place)), theo cách ghi như với "
             + "hệ thống: `implemented` — đã thực hiện, `partial` — thực hiện một phần, `planned` — đã có kế hoạch, "
             + "`not-implemented` — chưa thực hiện, hoặc `not-applicable` — không áp dụng, kèm lý do.",
             "For each duty, record its status under `organization` → `controls` (\(place)), as for a system: "
             + "`implemented`, `partial`, `planned`, `not-implemented`, or `not-applicable` with a reason.")
    }

    func checklistIntro(_ place: String) -> String {
        pick("Với mỗi yêu cầu, ghi trạng thái vào mục `controls` của hệ thống (\(place)): `implemented` — đã thực hiện, "
             + "`partial` — thực hiện một phần, `planned` — đã có kế hoạch, `not-implemented` — chưa thực hiện, "
             + "hoặc `not-applicable` — không áp dụng, kèm lý do. Yêu cầu nào chưa thực hiện sẽ vào kế hoạch khắc phục.",
             "For each requirement, record its status under the system's `controls` (\(place)): `implemented`, "
             + "`partial`, `planned`, `not-implemented`, or `not-applicable` with a reason. Requirements not met then "
             + "enter the remediation plan.")
    }
}
