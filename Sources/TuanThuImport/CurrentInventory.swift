import TuanThuEngine

/// An existing inventory as text and nodes: what a re-import updates, line by line.
struct CurrentInventory {
    struct System {
        let id: String
        let name: String
        let node: YNode
    }

    let display: String
    var editor: InventoryEditor
    let organizationID: String
    let organizationName: String
    let organizationNode: YNode
    let units: [String: String]
    let unitsNode: YNode?
    let owners: [String: String]
    let systems: [System]

    init(text: String, display: String) throws {
        self.display = display
        editor = InventoryEditor(text: text, file: display)
        let root = try YAMLLoader.parse(text: text, displayPath: display)
        let top = try root.mapping("the inventory")
        organizationNode = try top.required("organization")
        let organization = try organizationNode.mapping("organization")
        organizationID = try organization.required("id").string("id")
        organizationName = try organization.required("name").string("name")
        unitsNode = organization.optional("units")
        var units: [String: String] = [:]
        for unit in try unitsNode?.list("units") ?? [] {
            let map = try unit.mapping("unit")
            units[try map.required("id").string("id")] = try map.optional("name")?.string("name") ?? ""
        }
        self.units = units
        var owners: [String: String] = [:]
        for owner in try organization.optional("owners")?.list("owners") ?? [] {
            let map = try owner.mapping("owner")
            owners[try map.required("id").string("id")] = try map.optional("name")?.string("name") ?? ""
        }
        self.owners = owners
        systems = try (top.optional("systems")?.list("systems") ?? []).map { node in
            let map = try node.mapping("system")
            return System(id: try map.required("id").string("id"), name: try map.optional("name")?.string("name") ?? "",
                          node: node)
        }
    }

    func system(id: String) -> System? { systems.first { $0.id == id } }

    func system(named name: String) -> System? {
        let wanted = ImportField.normalize(name)
        return systems.first { ImportField.normalize($0.name) == wanted }
    }

    /// One edit of the file, applied from the bottom up so that earlier line numbers hold.
    enum Edit {
        case replace(SourceLocation, String)
        case insert(afterLine: Int, indent: Int, [String])

        var line: Int {
            switch self {
            case .replace(let location, _): return location.line - 1
            case .insert(let line, _, _): return line
            }
        }
    }

    mutating func merge(_ imported: [ImportedSystem], source: String, today: Day)
        throws -> (text: String, added: [String], updated: [String], unchanged: [String], kept: [String]) {
        var edits: [Edit] = []
        var added: [String] = []
        var updated: [String] = []
        var unchanged: [String] = []
        var newSystems: [ImportedSystem] = []
        for system in imported {
            guard let known = self.system(id: system.id) else {
                newSystems.append(system)
                added.append(system.id)
                continue
            }
            let changes = try self.edits(for: system, in: known.node)
            if changes.isEmpty { unchanged.append(system.id) } else { updated.append(system.id) }
            edits += changes
        }
        // New units, after the last one (or a new `units:` at the end of the organisation).
        var units: [(String, String)] = []
        for system in imported {
            if let unit = system.newUnit, !units.contains(where: { $0.0 == unit.id }) { units.append(unit) }
        }
        if !units.isEmpty {
            let lines = units.map { "- { id: \($0.0), name: \(RowDecoder.quoted($0.1)) }" }
            if let unitsNode, let last = try unitsNode.list("units").last {
                guard case .sequence = unitsNode.content, last.location.line > unitsNode.location.line - 1 else {
                    throw EngineError.input(unitsNode.location, "units are written on one line; write them one per line to import")
                }
                let indent = last.location.column - 3
                let end = try last.scalarText == nil ? editor.lastLine(ofMappingAt: last.location) : last.location.line - 1
                edits.append(.insert(afterLine: end, indent: max(0, indent), lines))
            } else {
                let start = organizationNode.location
                edits.append(.insert(afterLine: try editor.lastLine(ofMappingAt: start), indent: start.column - 1,
                                     ["units:"] + lines.map { "  " + $0 }))
            }
        }
        // New systems after the last one.
        if !newSystems.isEmpty {
            let block = ["# Nhập từ \(source) ngày \(today)"] + newSystems.flatMap { system in
                SystemBlock.lines(system).enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }
            }
            if let last = systems.last {
                edits.append(.insert(afterLine: try editor.lastLine(ofMappingAt: last.node.location),
                                     indent: max(0, last.node.location.column - 3), block))
            } else {
                edits.append(.insert(afterLine: editor.text.split(separator: "\n", omittingEmptySubsequences: false).count,
                                     indent: 0, ["systems:"] + block.map { "  " + $0 }))
            }
        }
        for edit in edits.sorted(by: { $0.line > $1.line }) {
            switch edit {
            case .replace(let location, let text): try editor.replaceValue(at: location, with: text)
            case .insert(let line, let indent, let lines): editor.insert(lines, afterLine: line, indent: indent)
            }
        }
        let listed = Set(imported.map(\.id))
        return (editor.text, added, updated, unchanged, systems.map(\.id).filter { !listed.contains($0) })
    }

    /// The edits that bring one system's mapping to the imported values: changed values replaced in
    /// place, missing keys added at the end of the deepest mapping that exists.
    private func edits(for system: ImportedSystem, in node: YNode) throws -> [Edit] {
        var edits: [Edit] = []
        var missing: [String: (start: SourceLocation, pairs: [([String], String)])] = [:]
        var order: [String] = []
        for (path, value) in system.fields {
            let keys = path.split(separator: ".").map(String.init)
            var mapping = node
            var depth = 0
            while depth < keys.count {
                guard case .mapping(let pairs) = mapping.content else {
                    throw EngineError.input(mapping.location, "'\(keys[..<depth].joined(separator: "."))' is not a mapping; "
                                            + "the sheet gives \(path)")
                }
                guard let pair = pairs.first(where: { $0.key.scalarText == keys[depth] }) else { break }
                mapping = pair.value
                depth += 1
            }
            if depth == keys.count {
                if Self.sameValue(mapping, value) { continue }
                edits.append(.replace(mapping.location, value))
            } else {
                // `mapping` is the deepest one found; its keys begin at its location.
                guard case .mapping(let pairs) = mapping.content, let first = pairs.first else {
                    throw EngineError.input(mapping.location, "'\(keys[..<depth].joined(separator: "."))' is empty; "
                                            + "write its keys one per line to import \(path)")
                }
                let anchor = keys[..<depth].joined(separator: ".")
                if missing[anchor] == nil { order.append(anchor) }
                missing[anchor, default: (first.key.location, [])].pairs.append((Array(keys[depth...]), value))
            }
        }
        for anchor in order {
            guard let (start, pairs) = missing[anchor] else { continue }
            edits.append(.insert(afterLine: try editor.lastLine(ofMappingAt: start), indent: start.column - 1,
                                 SystemBlock.nested(pairs)))
        }
        return edits
    }

    /// Whether a node already holds what the sheet gives (written as YAML).
    static func sameValue(_ node: YNode, _ yaml: String) -> Bool {
        switch node.content {
        case .scalar(let text, _):
            if yaml.hasPrefix("\"") {
                return (try? YAMLLoader.parse(text: "v: " + yaml, displayPath: "")).flatMap {
                    try? $0.mapping("v").required("v").scalarText
                } == text
            }
            return text == yaml
        case .sequence(let items):
            return "[" + items.compactMap(\.scalarText).joined(separator: ", ") + "]" == yaml
        case .mapping:
            return false
        }
    }
}
