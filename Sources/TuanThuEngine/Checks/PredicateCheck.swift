/// Passes when a condition over the system's fields holds (`expect:`).
public struct PredicateCheck: CheckKind {
    public static let name = "predicate"
    public static let summary = "a condition over the system's fields (all / any / not of field comparisons) holds"

    public let expect: Predicate

    public init(parameters: MappingReader, ruleId: String) throws {
        expect = try PredicateDecoder.decode(try parameters.required("expect"))
    }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let fields = expect.fields
        let found = fields.map { "\($0) = \(context.facts[$0])" }.joined(separator: "; ")
        let location = fields.first.map { context.system.location(ofFact: $0) }
        if expect.evaluate(context.facts) {
            return CheckOutcome(.pass, Localized(vi: "Điều kiện được đáp ứng.", en: "The condition holds."),
                                expected: Localized(expect.text), found: Localized(found), at: location)
        }
        return CheckOutcome(.fail,
                            Localized(vi: "Không đáp ứng điều kiện \(expect.text).", en: "Condition not met: \(expect.text)."),
                            expected: Localized(expect.text), found: Localized(found), at: location)
    }
}

extension InfoSystem {
    /// Where the inventory wrote the value behind a fact field.
    public func location(ofFact field: String) -> SourceLocation {
        switch field {
        case "level.approved": return location(of: "level.approval")
        case "level.required", "level.effective": return location(of: "classification")
        case let name where name.hasPrefix("approval."):
            return location(of: "level.approval." + name.dropFirst("approval.".count))
        case let name where name.hasPrefix("assessments."): return location(of: "assessments")
        case "operator.security-unit": return location(of: "operator")
        default: return location(of: field)
        }
    }
}
