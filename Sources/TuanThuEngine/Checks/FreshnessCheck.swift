/// Passes when a date field is recent enough at the audit date (`--as-of`).
public struct FreshnessCheck: CheckKind {
    public static let name = "freshness"
    public static let summary = "a date field is no older than max-age-days / max-age-months at the audit date"

    public let field: String
    public let maxAgeDays: Int?
    public let maxAgeMonths: Int?

    public init(parameters: MappingReader, ruleId: String) throws {
        let fieldNode = try parameters.required("field")
        field = try fieldNode.string("field")
        guard case .day = FactCatalog.fields[field] else {
            let dateFields = FactCatalog.fields.filter { if case .day = $0.value { return true } else { return false } }
            throw fieldNode.error("'\(field)' is not a date field"
                                  + Suggestion.hint(for: field, in: dateFields.keys.sorted()))
        }
        maxAgeDays = try parameters.optional("max-age-days")?.int("max-age-days", in: 1...36_500)
        maxAgeMonths = try parameters.optional("max-age-months")?.int("max-age-months", in: 1...1_200)
        guard (maxAgeDays == nil) != (maxAgeMonths == nil) else {
            throw parameters.node.error("a freshness check needs exactly one of 'max-age-days' or 'max-age-months'")
        }
    }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let limit = maxAgeDays.map { Localized(vi: "\($0) ngày", en: "\($0) days") }
            ?? Localized(vi: "\(maxAgeMonths ?? 0) tháng", en: "\(maxAgeMonths ?? 0) months")
        let expected = Localized(vi: "\(field) không cũ hơn \(limit.vi)", en: "\(field) no older than \(limit.en)")
        let location = context.system.location(ofFact: field)
        guard case .day(let date) = context.facts[field] else {
            return CheckOutcome(.fail, Localized(vi: "Chưa có ngày \(field).", en: "No date recorded for \(field)."),
                                expected: expected, found: Localized(vi: "không có", en: "none"), at: location)
        }
        let due = maxAgeDays.map { date.adding(days: $0) } ?? date.adding(months: maxAgeMonths ?? 0)
        if context.asOf <= due {
            return CheckOutcome(.pass, Localized(vi: "Còn hạn đến \(due.vietnamese).", en: "Current until \(due)."),
                                expected: expected, found: Localized(date.description), at: location)
        }
        return CheckOutcome(.fail,
                            Localized(vi: "\(field) là \(date.vietnamese), đã quá hạn từ \(due.vietnamese).",
                                      en: "\(field) is \(date), overdue since \(due)."),
                            expected: expected, found: Localized(date.description), at: location)
    }
}
