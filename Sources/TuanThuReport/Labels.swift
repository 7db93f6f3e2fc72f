import TuanThuEngine
import TuanThuPKI

/// The words reports use for the engine's values, in both languages.
enum Labels {
    static func severity(_ value: Severity, _ language: Language) -> String {
        switch (value, language) {
        case (.critical, .vi): return "nghiêm trọng"
        case (.high, .vi): return "cao"
        case (.medium, .vi): return "trung bình"
        case (.low, .vi): return "thấp"
        case (.info, .vi): return "thông tin"
        default: return value.rawValue
        }
    }

    static func status(_ value: CheckStatus, _ language: Language) -> String {
        switch (value, language) {
        case (.fail, .vi): return "chưa đạt"
        case (.pass, .vi): return "đạt"
        case (.manual, .vi): return "cần kiểm tra thủ công"
        case (.waived, .vi): return "chấp nhận rủi ro"
        case (.error, .vi): return "lỗi"
        case (.notApplicable, .vi): return "không áp dụng"
        case (.notAssessed, .vi): return "chưa đánh giá"
        case (.fail, .en): return "fail"
        case (.pass, .en): return "pass"
        case (.manual, .en): return "manual check"
        case (.waived, .en): return "waived"
        case (.error, .en): return "error"
        case (.notApplicable, .en): return "not applicable"
        case (.notAssessed, .en): return "not assessed"
        }
    }

    static func approval(_ value: ApprovalStatus, _ language: Language) -> String {
        switch (value, language) {
        case (.approved, .vi): return "đã phê duyệt"
        case (.needsReview, .vi): return "cần xem xét lại"
        case (.void, .vi): return "không có giá trị (sai thẩm quyền)"
        case (.missing, .vi): return "chưa phê duyệt"
        case (.approved, .en): return "approved"
        case (.needsReview, .en): return "needs review"
        case (.void, .en): return "void (authority not competent)"
        case (.missing, .en): return "not approved"
        }
    }

    static func group(_ value: RequirementGroup, _ language: Language) -> String {
        switch (value, language) {
        case (.policy, .vi): return "Quản lý — Chính sách an toàn thông tin"
        case (.organization, .vi): return "Quản lý — Tổ chức bảo đảm an toàn thông tin"
        case (.people, .vi): return "Quản lý — Bảo đảm nguồn nhân lực"
        case (.designBuild, .vi): return "Quản lý — Thiết kế, xây dựng hệ thống"
        case (.operations, .vi): return "Quản lý — Quản lý vận hành hệ thống"
        case (.risk, .vi): return "Quản lý — Quản lý rủi ro an toàn thông tin"
        case (.endOfOperation, .vi): return "Quản lý — Kết thúc vận hành, khai thác, thanh lý, hủy bỏ"
        case (.network, .vi): return "Kỹ thuật — Bảo đảm an toàn mạng"
        case (.server, .vi): return "Kỹ thuật — Bảo đảm an toàn máy chủ"
        case (.application, .vi): return "Kỹ thuật — Bảo đảm an toàn ứng dụng"
        case (.data, .vi): return "Kỹ thuật — Bảo đảm an toàn dữ liệu"
        case (.policy, .en): return "Management — Security policy"
        case (.organization, .en): return "Management — Security organisation"
        case (.people, .en): return "Management — Human resources"
        case (.designBuild, .en): return "Management — Design and build"
        case (.operations, .en): return "Management — Operations"
        case (.risk, .en): return "Management — Risk management"
        case (.endOfOperation, .en): return "Management — End of operation and disposal"
        case (.network, .en): return "Technical — Network"
        case (.server, .en): return "Technical — Servers"
        case (.application, .en): return "Technical — Applications"
        case (.data, .en): return "Technical — Data"
        }
    }

    static func basis(_ value: Basis, _ language: Language) -> String {
        switch (value, language) {
        case (.primary, .vi): return "văn bản gốc"
        case (.secondary, .vi): return "nguồn thứ cấp"
        case (.unverified, .vi): return "chưa xác minh"
        default: return value.rawValue
        }
    }

    static func effort(_ value: Effort, _ language: Language) -> String {
        switch (value, language) {
        case (.small, .vi): return "nhỏ"
        case (.medium, .vi): return "vừa"
        case (.large, .vi): return "lớn"
        case (_, .en): return value.rawValue
        }
    }

    static func information(_ value: InformationType, _ language: Language) -> String {
        switch (value, language) {
        case (.public, .vi): return "thông tin công cộng"
        case (.private, .vi): return "thông tin riêng"
        case (.personal, .vi): return "thông tin cá nhân"
        case (.stateSecret, .vi): return "thông tin bí mật nhà nước"
        case (.public, .en): return "public information"
        case (.private, .en): return "private information"
        case (.personal, .en): return "personal information"
        case (.stateSecret, .en): return "state secrets"
        }
    }

    static func systemType(_ value: SystemType, _ language: Language) -> String {
        switch (value, language) {
        case (.internal, .vi): return "phục vụ nội bộ"
        case (.citizenService, .vi): return "phục vụ người dân, doanh nghiệp"
        case (.infrastructure, .vi): return "hạ tầng thông tin"
        case (.industrialControl, .vi): return "điều khiển công nghiệp"
        case (.other, .vi): return "khác"
        case (.internal, .en): return "internal"
        case (.citizenService, .en): return "citizen service"
        case (.infrastructure, .en): return "infrastructure"
        case (.industrialControl, .en): return "industrial control"
        case (.other, .en): return "other"
        }
    }
}

extension Bilingual {
    /// The text in `language`, as `Localized` gives it (the PKI layer has no `Language`).
    subscript(language: Language) -> String { language == .vi ? vi : en }
}

extension Labels {
    /// What a check kind verifies, in Vietnamese (the kinds' own summaries are the maintainers' English).
    static func checkKind(_ name: String, summary: String, _ language: Language) -> String {
        guard language == .vi else { return summary }
        switch name {
        case "assessment-cycle": return "lần kiểm tra, đánh giá gần nhất còn trong chu kỳ của cấp độ (do tổ chức được cấp phép khi bắt buộc)"
        case "control-status": return "trạng thái khai báo trong kiểm kê là đã thực hiện"
        case "procedure-time": return "thẩm định, phê duyệt trong thời hạn (ngày làm việc) của chế độ"
        case "freshness": return "ngày ghi trong kiểm kê không cũ hơn thời hạn cho phép tại ngày đánh giá"
        case "predicate": return "điều kiện trên các trường của hệ thống được thỏa mãn"
        case "succession": return "hệ thống chuyển từ cơ quan tiền nhiệm đã cập nhật hồ sơ cấp độ"
        case "certificate": return "kiểm tra chứng thư số bằng OpenSSL: chuỗi tin cậy, hiệu lực, khóa, thuật toán, mục đích, thu hồi"
        case "document-signatures": return "mọi văn bản hệ thống liệt kê đều được ký số và chữ ký hợp lệ"
        case "approval-signature": return "quyết định phê duyệt (nếu có tệp) mang chữ ký số hợp lệ"
        case "private-keys": return "không có khóa bí mật trong thư mục kiểm kê"
        case "level-declared": return "hệ thống đã được đề xuất cấp độ"
        case "level-sufficient": return "cấp độ đề xuất và được phê duyệt không thấp hơn cấp độ theo tiêu chí"
        case "approval-recorded": return "có quyết định phê duyệt cấp độ"
        case "approval-authority": return "cơ quan thẩm định, phê duyệt đúng thẩm quyền với cấp độ theo chế độ của quyết định"
        case "approval-current": return "hệ thống không thay đổi đáng kể sau ngày phê duyệt"
        default: return summary
        }
    }

    /// The rules an audit applied, as reports name them: `tuanthu 2026.12.1 (sha256:…)`, and the
    /// workspace's policies after them.
    public static func rules(_ provenance: RulesProvenance, _ lang: Language) -> String {
        let builtIn = provenance.origin == .builtIn
            ? (lang == .vi ? "tích hợp trong tuanthu" : "built into tuanthu") : "`\(provenance.originLabel)`"
        var text = "\(builtIn), \(lang == .vi ? "phiên bản" : "version") \(provenance.versionLabel)"
        if let policies = provenance.policies {
            text += lang == .vi ? "; quy định riêng: `\(policies.display)` (sha256:\(policies.digest.prefix(12)))"
                : "; own policies: `\(policies.display)` (sha256:\(policies.digest.prefix(12)))"
        }
        return text
    }

    /// A baseline id as the standard is written: `tcvn14423-2026` → "TCVN 14423:2026".
    public static func baseline(_ id: String) -> String { BaselineName.of(id) }

    static func ownerKind(_ kind: OwnerKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.ministry, .vi): return "bộ, cơ quan ngang bộ"
        case (.governmentAgency, .vi): return "cơ quan thuộc Chính phủ"
        case (.provincialPeopleCommittee, .vi): return "Ủy ban nhân dân cấp tỉnh"
        case (.investmentDecider, .vi): return "cấp có thẩm quyền quyết định đầu tư"
        case (.delegated, .vi): return "tổ chức được ủy quyền chủ quản"
        case (.enterprise, .vi): return "doanh nghiệp, tổ chức khác"
        case (.ministry, .en): return "ministry or ministry-level body"
        case (.governmentAgency, .en): return "Government agency"
        case (.provincialPeopleCommittee, .en): return "provincial People's Committee"
        case (.investmentDecider, .en): return "body deciding the investment"
        case (.delegated, .en): return "body delegated the owner's duties"
        case (.enterprise, .en): return "business or other organisation"
        }
    }

    static func waiverState(_ state: WaiverOutcome.State, _ language: Language) -> String {
        switch (state, language) {
        case (.applied, .vi): return "đang áp dụng"
        case (.expired, .vi): return "đã hết hạn"
        case (.unused, .vi): return "không dùng đến"
        case (.unknownRule, .vi): return "quy tắc không tồn tại"
        case (.unknownSystem, .vi): return "hệ thống không có trong kiểm kê"
        case (.notWaivable, .vi): return "không được miễn trừ"
        case (.tooLong, .vi): return "thời hạn quá dài"
        case (.applied, .en): return "applied"
        case (.expired, .en): return "expired"
        case (.unused, .en): return "unused"
        case (.unknownRule, .en): return "unknown rule"
        case (.unknownSystem, .en): return "unknown system"
        case (.notWaivable, .en): return "not waivable"
        case (.tooLong, .en): return "too long"
        }
    }
}

