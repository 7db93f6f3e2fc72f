/// Passes when the inventory declares the control `implemented` (or another accepted status).
///
/// A control the inventory does not mention is not assessed: without a declared status there is
/// no evidence either way, and the report lists it as a question to answer, not as a gap.
public struct ControlStatusCheck: CheckKind {
    public static let name = "control-status"
    public static let summary = "the inventory's status for a control (default: the rule's id) is implemented"

    public let control: String
    public let accepted: [ControlStatus]
    /// What every outcome states as expected; built once, since the check runs for every system.
    private let expected: Localized

    public init(parameters: MappingReader, ruleId: String) throws {
        control = try parameters.optional("control")?.string("control") ?? ruleId
        accepted = try parameters.optional("accept")?.listOrSingle("accept")
            .map { try $0.enumValue("control status", as: ControlStatus.self) } ?? [.implemented]
        let statuses = accepted.map(\.rawValue).joined(separator: ", ")
        expected = Localized(vi: "trạng thái: \(statuses)", en: "status: \(statuses)")
        let id = control
        func failing(_ vi: String, _ en: String) -> Localized { Localized(vi: "\(vi) (\(id)).", en: "\(en) (\(id)).") }
        partlyDone = failing("Mới thực hiện một phần", "Only partly implemented")
        onlyPlanned = failing("Mới có kế hoạch, chưa thực hiện", "Planned, not yet implemented")
        notDone = failing("Chưa thực hiện", "Not implemented")
    }

    /// The messages of a failing status, made once like `expected`.
    private let partlyDone: Localized
    private let onlyPlanned: Localized
    private let notDone: Localized

    public func status(_ context: CheckContext) -> CheckStatus {
        guard let entry = context.system.controls[control] else { return .notAssessed }
        if entry.status == .notApplicable { return .notApplicable }
        return accepted.contains(entry.status) ? .pass : .fail
    }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        guard let entry = context.system.controls[control] else {
            return CheckOutcome(.notAssessed,
                                Localized(vi: "Chưa đánh giá: kiểm kê chưa khai báo trạng thái thực hiện yêu cầu này.",
                                          en: "Not assessed: the inventory declares no status for this requirement."),
                                expected: expected, found: Localized(vi: "chưa khai báo", en: "not declared"),
                                at: context.system.location(of: "controls"))
        }
        let found = Localized(entry.note.map { "\(entry.status.rawValue) — \($0)" } ?? entry.status.rawValue)
        if entry.status == .notApplicable {
            return CheckOutcome(.notApplicable,
                                Localized(vi: "Không áp dụng: \(entry.note ?? "")", en: "Not applicable: \(entry.note ?? "")"),
                                expected: expected, found: found, at: entry.location)
        }
        if accepted.contains(entry.status) {
            return CheckOutcome(.pass, Localized(vi: "Đã thực hiện.", en: "Implemented."),
                                expected: expected, found: found, at: entry.location)
        }
        let message: Localized
        switch entry.status {
        case .partial: message = partlyDone
        case .planned: message = onlyPlanned
        default: message = notDone
        }
        return CheckOutcome(.fail, message, expected: expected, found: found, at: entry.location)
    }
}
