import Foundation

/// Everything in `Rules/`: regimes, rule packs and their rules.
public struct RuleCatalog: Sendable {
    public var regimes: [Regime]
    public var packs: [RulePack]
    public var rules: [Rule]

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }
    public var selector: RegimeSelector { RegimeSelector(regimes: regimes) }
}

/// Reads `Rules/` (regime files and rule packs, by their top-level key) and checks what spans files.
public struct CatalogLoader {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func load(folder: URL) throws -> RuleCatalog {
        var catalog = RuleCatalog(regimes: [], packs: [], rules: [])
        for file in try Workspace.yamlFiles(at: folder, recursive: true) {
            let display = workspace.displayPath(file)
            let root = try YAMLLoader.load(contentsOf: file, displayPath: display)
            let top = try root.mapping("a rules file (expected 'regime', or 'pack' and 'rules')")
            if let regimeNode = top.optional("regime") {
                try top.finish()
                let regime = try RegimeDecoder.decode(regimeNode, file: display)
                if let twin = catalog.regimes.first(where: { $0.id == regime.id }) {
                    throw regimeNode.error("regime '\(regime.id)' is already defined at \(twin.location)")
                }
                catalog.regimes.append(regime)
            } else {
                let pack = try decodePack(try top.required("pack"), file: display)
                for item in try top.required("rules").list("rules") {
                    let rule = try RuleDecoder.decode(item, pack: pack)
                    if let twin = catalog.rules.first(where: { $0.id == rule.id }) {
                        throw item.error("rule id '\(rule.id)' is already defined at \(twin.location)")
                    }
                    catalog.rules.append(rule)
                }
                try top.finish()
                catalog.packs.append(pack)
            }
        }
        try crossCheck(catalog, folder: folder)
        return catalog
    }

    private func decodePack(_ node: YNode, file: String) throws -> RulePack {
        let map = try node.mapping("pack")
        let pack = RulePack(id: try map.required("id").identifier("pack id"),
                            baseline: try map.optional("baseline")?.identifier("baseline"),
                            title: try map.required("title").localized("title"),
                            file: file)
        try map.finish()
        return pack
    }

    private func crossCheck(_ catalog: RuleCatalog, folder: URL) throws {
        guard !catalog.regimes.isEmpty else {
            throw EngineError.unreadable(path: workspace.displayPath(folder),
                                         reason: "no regime file found (a YAML file with 'regime:' at the top)")
        }
        for regime in catalog.regimes {
            if let transition = regime.transition,
               !catalog.regimes.contains(where: { $0.id == transition.previousRegime }) {
                throw EngineError.input(regime.location,
                                        "regime '\(regime.id)' names unknown previous regime '\(transition.previousRegime)'")
            }
        }
    }
}
