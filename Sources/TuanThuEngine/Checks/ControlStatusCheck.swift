/// Passes when the inventory declares the control `implemented` (or another accepted status).
///
/// A control the inventory does not mention is not assessed: without a declared status there is
/// no evidence either way, and the report lists it as a question to answer, not as a gap.
public struct ControlStatusCheck: CheckKind {
    public static let name = "control-status"
    public static let summary = "the inventory's status for a control (default: the rule's id) is implemented"

    public let control: String
    public let accepted: [ControlStatus]
    /// What every outcome states as expected; made once, since the check runs for every system.
    private let expected: Localized

    public init(parameters: MappingReader, ruleId: String) throws {
        control = try parameters.optional("control")?.string("control") ?? ruleId
        accepted = try parameters.optional("accept")?.listOrSingle("accept")
            .map { try $0.enumValue("control status", as: ControlStatus.self) } ?? [.implemented]
        let statuses = accepted.map(\.rawValue).joined(separator: ", ")
        let expected = Localized(vi: "trạng thái: " + accepted.map { Self.label($0, .vi) }.joined(separator: ", "),
                                 en: "status: \(statuses)")
        self.expected = expected == Self.implementedExpected ? Self.implementedExpected : expected
    }

    /// What the usual rule (every built-in one) expects, as literal texts: a text made at run time
    /// is reference-counted, and every finding of the rule — on both cores — copied it.
    private static let implementedExpected = Localized(vi: "trạng thái: đã thực hiện", en: "status: implemented")

    /// The texts of an undeclared control: most findings of a first inventory.
    private static let undeclared = Localized(
        vi: "Chưa đánh giá: kiểm kê chưa khai báo trạng thái thực hiện yêu cầu này.",
        en: "Not assessed: the inventory declares no status for this requirement.")
    private static let notDeclared = Localized(vi: "chưa khai báo", en: "not declared")

    /// The messages of a failing status.
    private static let partlyDone = Localized(vi: "Mới thực hiện một phần.", en: "Only partly implemented.")
    private static let onlyPlanned = Localized(vi: "Mới có kế hoạch, chưa thực hiện.", en: "Planned, not yet implemented.")
    private static let notDone = Localized(vi: "Chưa thực hiện.", en: "Not implemented.")

    /// The declaration the check reads: the system's own, else the organisation's (a duty of the
    /// organisation, declared once under `organization.controls`).
    func entry(_ context: CheckContext) -> ControlEntry? {
        context.system.controls[control] ?? context.organization.controls[control]
    }

    public func status(_ context: CheckContext) -> CheckStatus {
        status(of: entry(context))
    }

    func status(of entry: ControlEntry?) -> CheckStatus {
        guard let entry else { return .notAssessed }
        if entry.status == .notApplicable { return .notApplicable }
        return accepted.contains(entry.status) ? .pass : .fail
    }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        // An undeclared control points at the system's `controls` (found once per system).
        guard let declared = entry(context) else { return notAssessed(at: context.controlsLocation) }
        return outcome(of: declared)
    }

    /// The outcome of a declared status (nil: none declared, pointed at `undeclaredAt`).
    func outcome(of entry: ControlEntry?, undeclaredAt: SourceLocation) -> CheckOutcome {
        entry.map(outcome(of:)) ?? notAssessed(at: undeclaredAt)
    }

    private func notAssessed(at location: SourceLocation) -> CheckOutcome {
        CheckOutcome(.notAssessed, Self.undeclared, expected: expected, found: Self.notDeclared, at: location)
    }

    private func outcome(of entry: ControlEntry) -> CheckOutcome {
        let found = Localized(vi: entry.note.map { "\(Self.label(entry.status, .vi)) — \($0)" } ?? Self.label(entry.status, .vi),
                              en: entry.note.map { "\(entry.status.rawValue) — \($0)" } ?? entry.status.rawValue)
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
        case .partial: message = Self.partlyDone
        case .planned: message = Self.onlyPlanned
        default: message = Self.notDone
        }
        return CheckOutcome(.fail, message, expected: expected, found: found, at: entry.location)
    }

    /// A declared status in words (the inventory's value in English, the officer's words in Vietnamese).
    static func label(_ status: ControlStatus, _ language: Language) -> String {
        guard language == .vi else { return status.rawValue }
        switch status {
        case .implemented: return "đã thực hiện"
        case .partial: return "thực hiện một phần"
        case .planned: return "có kế hoạch, chưa thực hiện"
        case .notImplemented: return "chưa thực hiện"
        case .notApplicable: return "không áp dụng"
        }
    }
}
