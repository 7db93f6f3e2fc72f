/// Decoding of the legal metadata shared by regimes and rules.
extension YNode {
    public func legalSource(_ what: String = "source") throws -> LegalSource {
        let map = try mapping(what)
        var result = LegalSource(instrument: try map.required("instrument").string("instrument"),
                                 article: try map.optional("article")?.string("article"),
                                 clause: try map.optional("clause")?.string("clause"),
                                 point: try map.optional("point")?.string("point"),
                                 note: try map.optional("note")?.string("note"),
                                 lapsed: try map.optional("lapsed")?.day("lapsed"))
        if let node = map.optional("clauses") {
            let clauses = try node.mapping("clauses")
            var list: [LevelClause] = []
            for entry in clauses.entries() {
                let level = try entry.key.int("level", in: 1...5)
                guard !list.contains(where: { $0.level == level }) else { throw entry.key.error("level \(level) twice") }
                list.append(LevelClause(level: level, clause: try entry.value.string("clause")))
            }
            try clauses.finish()
            guard !list.isEmpty else { throw node.error("clauses needs a clause for at least one level") }
            result.clauses = list.sorted { $0.level < $1.level }
        }
        try map.finish()
        return result
    }

    public func levels(_ what: String = "levels") throws -> [Int] {
        let items = try listOrSingle(what)
        guard !items.isEmpty else { throw error("\(what) needs at least one level") }
        var levels: [Int] = []
        for item in items {
            let level = try item.int("level", in: 1...5)
            guard !levels.contains(level) else { throw item.error("level \(level) is listed twice") }
            levels.append(level)
        }
        return levels.sorted()
    }
}
