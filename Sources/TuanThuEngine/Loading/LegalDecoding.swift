/// Decoding of the legal metadata shared by regimes and rules.
extension YNode {
    public func legalSource(_ what: String = "source") throws -> LegalSource {
        let map = try mapping(what)
        let result = LegalSource(instrument: try map.required("instrument").string("instrument"),
                                 article: try map.optional("article")?.string("article"),
                                 clause: try map.optional("clause")?.string("clause"),
                                 point: try map.optional("point")?.string("point"),
                                 note: try map.optional("note")?.string("note"),
                                 lapsed: try map.optional("lapsed")?.day("lapsed"))
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
