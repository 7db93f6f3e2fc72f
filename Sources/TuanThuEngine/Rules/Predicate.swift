/// A condition over a system's facts: `all` / `any` / `not` over field comparisons.
///
/// Written in YAML as `{ field: classification.personal-data-subjects, gte: 10000 }`,
/// `{ all: [...] }`, `{ any: [...] }`, `{ not: {...} }`.
public indirect enum Predicate: Sendable {
    case all([Predicate])
    case any([Predicate])
    case not(Predicate)
    case compare(Comparison)

    public func evaluate(_ facts: Facts) -> Bool {
        switch self {
        case .all(let items): return items.allSatisfy { $0.evaluate(facts) }
        case .any(let items): return items.contains { $0.evaluate(facts) }
        case .not(let item): return !item.evaluate(facts)
        case .compare(let comparison): return comparison.evaluate(facts)
        }
    }

    /// Every field the predicate reads, in order of appearance.
    public var fields: [String] {
        switch self {
        case .all(let items), .any(let items): return items.flatMap(\.fields)
        case .not(let item): return item.fields
        case .compare(let comparison): return [comparison.field]
        }
    }

    /// A readable form for evidence: `classification.personal-data-subjects ≥ 10000`.
    public var text: String {
        switch self {
        case .all(let items): return items.count == 1 ? items[0].text : "(" + items.map(\.text).joined(separator: " and ") + ")"
        case .any(let items): return items.count == 1 ? items[0].text : "(" + items.map(\.text).joined(separator: " or ") + ")"
        case .not(let item): return "not " + item.text
        case .compare(let comparison): return comparison.text
        }
    }
}

public struct Comparison: Sendable {
    public enum Operator: String, CaseIterable, Sendable {
        case equals
        case notEquals = "not-equals"
        case `in`
        case contains
        case containsAny = "contains-any"
        case gte, gt, lte, lt
        case exists

        var symbol: String {
            switch self {
            case .equals: return "="
            case .notEquals: return "≠"
            case .in: return "in"
            case .contains: return "contains"
            case .containsAny: return "contains any of"
            case .gte: return "≥"
            case .gt: return ">"
            case .lte: return "≤"
            case .lt: return "<"
            case .exists: return "exists:"
            }
        }
    }

    public let field: String
    public let op: Operator
    public let operand: FactValue
    public let location: SourceLocation
    /// The field's place in `Facts` (nil for a field tuanthu does not know: always missing).
    private let position: Int?

    public init(field: String, op: Operator, operand: FactValue, location: SourceLocation) {
        self.field = field
        self.op = op
        self.operand = operand
        self.location = location
        position = Facts.position(of: field)
    }

    public var text: String { "\(field) \(op.symbol) \(operand)" }

    public func evaluate(_ facts: Facts) -> Bool {
        let value = position.map { facts[$0] } ?? .missing
        switch op {
        case .exists:
            if case .bool(let wanted) = operand { return (value != .missing) == wanted }
            return false
        case .equals: return value == operand
        case .notEquals: return value != operand
        case .in:
            guard case .list(let options) = operand else { return false }
            switch value {
            case .text(let text): return options.contains(text)
            case .int(let number): return options.contains(String(number))
            default: return false
            }
        case .contains:
            guard case .list(let items) = value, case .text(let wanted) = operand else { return false }
            return items.contains(wanted)
        case .containsAny:
            guard case .list(let items) = value, case .list(let wanted) = operand else { return false }
            return items.contains { wanted.contains($0) }
        case .gte, .gt, .lte, .lt:
            guard let order = Comparison.order(value, operand) else { return false }
            switch op {
            case .gte: return order >= 0
            case .gt: return order > 0
            case .lte: return order <= 0
            default: return order < 0
            }
        }
    }

    private static func order(_ lhs: FactValue, _ rhs: FactValue) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.day(let a), .day(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        default: return nil
        }
    }
}
