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

