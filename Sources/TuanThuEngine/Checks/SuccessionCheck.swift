/// APPROVAL.SUCCESSION: a level approved by a predecessor body stays valid with the system, whose
/// dossier must then name the new owner, security unit, operator and contacts.
public struct SuccessionCheck: CheckKind {
    public static let name = "succession"
    public static let summary = "a system transferred from a predecessor after its approval has its dossier brought up to date"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let system = context.system
        guard let transfer = system.transfer, let approval = system.approval, approval.date < transfer.date,
              let predecessor = context.organization.predecessor(transfer.from) else {
            return CheckOutcome(.notApplicable, Localized(vi: "Không có phê duyệt của cơ quan tiền nhiệm.",
                                                          en: "No approval by a predecessor body."))
        }
        let organization = context.organization
        let valid = Localized(
            vi: "Quyết định \(approval.decision) ngày \(approval.date.vietnamese) do \(predecessor.name) ban hành vẫn có "
                + "hiệu lực: chức năng, nhiệm vụ chuyển sang \(organization.name) cùng hệ thống từ "
                + "\(transfer.date.vietnamese)" + (transfer.decision.map { " (\($0))" } ?? "") + ".",
            en: "Decision \(approval.decision) of \(approval.date) by \(predecessor.name) stays valid: the functions passed "
                + "to \(organization.name) with the system on \(transfer.date)" + (transfer.decision.map { " (\($0))" } ?? "")
                + ".")
        let expected = Localized(vi: "hồ sơ đề xuất cấp độ cập nhật theo chủ quản mới từ \(transfer.date.vietnamese)",
                                 en: "the level dossier brought up to date under the new owner since \(transfer.date)")
        if let updated = transfer.dossierUpdated, updated >= transfer.date {
            return CheckOutcome(.pass,
                                Localized(vi: valid.vi + " Hồ sơ đã cập nhật ngày \(updated.vietnamese).",
                                          en: valid.en + " The dossier was updated on \(updated)."),
                                expected: expected, found: Localized(vi: updated.vietnamese, en: updated.description),
                                at: system.location(of: "transferred"))
        }
        return CheckOutcome(
            .fail,
            Localized(vi: valid.vi + " Cần cập nhật hồ sơ: chủ quản (\(organization.name) thay \(predecessor.name)), "
                          + "đơn vị chuyên trách, đơn vị vận hành và đầu mối liên hệ; quy chế bảo đảm an toàn của hệ "
                          + "thống do chủ quản mới ban hành; hệ thống đưa vào báo cáo năm của chủ quản mới.",
                      en: valid.en + " Bring the dossier up to date: the owner (\(organization.name) instead of "
                          + "\(predecessor.name)), the security unit, the operator and the contacts; the system's security "
                          + "regulation issued by the new owner; the system in the new owner's yearly report."),
            expected: expected, found: Localized(vi: "chưa cập nhật", en: "not updated"),
            at: system.location(of: "transferred"))
    }
}
