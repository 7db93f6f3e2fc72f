/// Reads predicates from YAML and checks them against `FactCatalog` at load time.
public enum PredicateDecoder {
    public static func decode(_ node: YNode) throws -> Predicate {
        let map = try node.mapping("a condition")
        if let items = map.optional("all") {
            try map.finish()
            return .all(try nonEmpty(items, "all").map(decode))
        }
        if let items = map.optional("any") {
            try map.finish()
            return .any(try nonEmpty(items, "any").map(decode))
        }
        if let item = map.optional("not") {
            try map.finish()
            return .not(try decode(item))
        }
        guard map.keys.contains("field") else {
            throw node.error("a condition needs 'field' with one operator, or 'all', 'any' or 'not'")
        }
        let fieldNode = try map.required("field")
        let field = try fieldNode.string("field")
        guard let type = FactCatalog.fields[field] else {
            throw fieldNode.error("unknown field '\(field)'"
                                  + Suggestion.hint(for: field, in: FactCatalog.fields.keys.sorted()))
        }
        let operators = Comparison.Operator.allCases.filter { map.keys.contains($0.rawValue) }
        guard operators.count == 1, let op = operators.first else {
            let names = Comparison.Operator.allCases.map(\.rawValue).joined(separator: ", ")
            throw node.error("a condition on '\(field)' needs exactly one operator (\(names))")
        }
        let operandNode = try map.required(op.rawValue)
        let operand = try decodeOperand(operandNode, op: op, field: field, type: type)
        try map.finish()
        return .compare(Comparison(field: field, op: op, operand: operand, location: node.location))
    }

    private static func nonEmpty(_ node: YNode, _ key: String) throws -> [YNode] {
        let items = try node.list(key)
        guard !items.isEmpty else { throw node.error("'\(key)' needs at least one condition") }
        return items
    }

    private static func decodeOperand(_ node: YNode, op: Comparison.Operator, field: String, type: FactType) throws
        -> FactValue {
        func mismatch() -> EngineError {
            node.error("operator '\(op.rawValue)' does not apply to field '\(field)'")
        }
        if op == .exists { return .bool(try node.bool("exists")) }
        switch (type, op) {
        case (.bool, .equals), (.bool, .notEquals):
            return .bool(try node.bool(field))
        case (.int, .equals), (.int, .notEquals), (.int, .gte), (.int, .gt), (.int, .lte), (.int, .lt):
            return .int(try node.int(field, in: Int.min...Int.max))
        case (.int, .in):
            return .list(try node.list(field).map { String(try $0.int(field, in: Int.min...Int.max)) })
        case (.day, .equals), (.day, .notEquals), (.day, .gte), (.day, .gt), (.day, .lte), (.day, .lt):
            return .day(try node.day(field))
        case (.text(let allowed), .equals), (.text(let allowed), .notEquals):
            return .text(try member(node, allowed, field))
        case (.text(let allowed), .in):
            return .list(try node.list(field).map { try member($0, allowed, field) })
        case (.list(let allowed), .contains):
            return .text(try member(node, allowed, field))
        case (.list(let allowed), .containsAny):
            return .list(try node.list(field).map { try member($0, allowed, field) })
        default:
            throw mismatch()
        }
    }

    private static func member(_ node: YNode, _ allowed: [String]?, _ field: String) throws -> String {
        let text = try node.string(field)
        if let allowed, !allowed.contains(text) {
            throw node.error("'\(text)' is not a value of '\(field)'" + Suggestion.hint(for: text, in: allowed))
        }
        return text
    }
}
