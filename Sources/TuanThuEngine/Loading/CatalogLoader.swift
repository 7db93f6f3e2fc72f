import Foundation
import TuanThuPKI

/// Everything in `Rules/`: regimes, rule packs and their rules.
public struct RuleCatalog: Sendable {
    public var regimes: [Regime]
    public var packs: [RulePack]
    public var rules: [Rule]
    /// The remediation policy (`plan:`), required exactly once.
    public var policy: PlanPolicy
    /// Certificate profiles by id (`profile:`); `document-signing` and `any` are required.
    public var profiles: [String: SigningProfile]
    /// The folder of trust anchors (`Rules/trust/`).
    public var trustFolder: URL?

    public func profile(for purpose: CertificatePurpose) -> SigningProfile? { profiles[purpose.rawValue] }

    /// The certificate profile for a purpose (the loader requires one per purpose; the built-in one otherwise).
    public func certificateProfile(for purpose: CertificatePurpose) -> CertificateProfile {
        profile(for: purpose)?.profile ?? purpose.builtInProfile
    }

    /// The instruments the catalog may cite (`Rules/instruments.yaml`); nil when the folder has none.
    public var instruments: InstrumentRegistry?

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }
    public var selector: RegimeSelector { RegimeSelector(regimes: regimes) }

    /// Every legal source the catalog cites, with where it is written: rules, and each regime's
    /// own source, criteria, competence rows, cycles, independence and transition provisions.
    public var citedSources: [(LegalSource, SourceLocation)] {
        var result = rules.map { ($0.source, $0.location) }
        for regime in regimes {
            let at = regime.location
            result.append((regime.source, at))
            result += regime.criteria.map { ($0.source, $0.location) }
            result += regime.competence.map { ($0.source, at) }
            result += regime.assessmentCycles.map { ($0.source, at) }
            if let independence = regime.independentAppraisal { result.append((independence.source, at)) }
            if let transition = regime.transition { result.append((transition.source, at)) }
            result += regime.timeLimits.map { ($0.source, at) }
            if let steps = regime.determination {
                result += [steps.system, steps.information, steps.type, steps.level].map { ($0, at) }
            }
        }
        return result
    }

    /// Why a control id is no longer a rule: the rule that replaced it, or the reason none did.
    public func retirement(of id: String) -> String? {
        for pack in packs { if let successor = pack.retired[id] { return successor } }
        return nil
    }

    /// Sources resting on an instrument that had lapsed on the audit date without saying so.
    public func lapseProblems(asOf: Day) -> [(location: SourceLocation, message: String)] {
        guard let instruments else { return [] }
        return citedSources.compactMap { source, location in
            instruments.lapseProblem(source, asOf: asOf).map { (location, $0) }
        }
    }
}

/// Reads `Rules/` (regime files and rule packs, by their top-level key) and checks what spans files.
public struct CatalogLoader {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func load(folder: URL) throws -> RuleCatalog {
        var regimes: [Regime] = []
        var packs: [RulePack] = []
        var rules: [Rule] = []
        var policy: PlanPolicy?
        var profiles: [String: SigningProfile] = [:]
        var instruments: [Instrument] = []
        var registryFile: String?
        for file in try Workspace.yamlFiles(at: folder, recursive: true) {
            let display = workspace.displayPath(file)
            let root = try YAMLLoader.load(contentsOf: file, displayPath: display)
            let top = try root.mapping(
                "a rules file (expected 'regime', 'plan', 'profile', 'instruments', or 'pack' and 'rules')")
            if let listNode = top.optional("instruments") {
                try top.finish()
                if let registryFile {
                    throw listNode.error("the instruments are already listed in \(registryFile)")
                }
                registryFile = display
                for item in try listNode.list("instruments") {
                    let instrument = try Self.decodeInstrument(item)
                    if instruments.contains(where: { $0.name == instrument.name }) {
                        throw item.error("instrument '\(instrument.name)' is listed twice")
                    }
                    instruments.append(instrument)
                }
            } else if let regimeNode = top.optional("regime") {
                try top.finish()
                let regime = try RegimeDecoder.decode(regimeNode, file: display)
                if let twin = regimes.first(where: { $0.id == regime.id }) {
                    throw regimeNode.error("regime '\(regime.id)' is already defined at \(twin.location)")
                }
                regimes.append(regime)
            } else if let profileNode = top.optional("profile") {
                try top.finish()
                let profile = try SigningProfileDecoder.decode(profileNode)
                if let twin = profiles[profile.id] {
                    throw profileNode.error("profile '\(profile.id)' is already defined at \(twin.location)")
                }
                profiles[profile.id] = profile
            } else if let planNode = top.optional("plan") {
                try top.finish()
                if let earlier = policy {
                    throw planNode.error("the plan policy is already defined at \(earlier.location)")
                }
                policy = try PlanPolicyDecoder.decode(planNode)
            } else {
                var pack = try decodePack(try top.required("pack"), file: display)
                if let retiredNode = top.optional("retired") {
                    let map = try retiredNode.mapping("retired")
                    for entry in map.entries() {
                        pack.retired[try entry.key.string("rule id")] = try entry.value.string("successor")
                    }
                    try map.finish()
                }
                for item in try top.required("rules").list("rules") {
                    let rule = try RuleDecoder.decode(item, pack: pack)
                    if let twin = rules.first(where: { $0.id == rule.id }) {
                        throw item.error("rule id '\(rule.id)' is already defined at \(twin.location)")
                    }
                    rules.append(rule)
                }
                try top.finish()
                packs.append(pack)
            }
        }
        guard !regimes.isEmpty else {
            throw EngineError.unreadable(path: workspace.displayPath(folder),
                                         reason: "no regime file found (a YAML file with 'regime:' at the top)")
        }
        guard let policy else {
            throw EngineError.unreadable(path: workspace.displayPath(folder),
                                         reason: "no plan policy found (a YAML file with 'plan:' at the top)")
        }
        for purpose in CertificatePurpose.allCases where profiles[purpose.rawValue] == nil {
            throw EngineError.unreadable(path: workspace.displayPath(folder),
                                         reason: "no certificate profile '\(purpose.rawValue)' (a YAML file with 'profile:')")
        }
        let trust = folder.appendingPathComponent("trust")
        var isDirectory: ObjCBool = false
        let hasTrust = FileManager.default.fileExists(atPath: trust.path, isDirectory: &isDirectory) && isDirectory.boolValue
        var catalog = RuleCatalog(regimes: regimes, packs: packs, rules: rules, policy: policy, profiles: profiles,
                                  trustFolder: hasTrust ? trust : nil)
        catalog.instruments = registryFile == nil ? nil : InstrumentRegistry(instruments)
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

    private static func decodeInstrument(_ node: YNode) throws -> Instrument {
        let map = try node.mapping("instrument")
        let result = Instrument(name: try map.required("name").string("name"),
                                effective: try map.optional("effective")?.day("effective"),
                                lapsed: try map.optional("lapsed")?.day("lapsed"),
                                replacedBy: try map.optional("replaced-by")?.string("replaced-by"),
                                text: try map.required("text").string("text"),
                                location: node.location)
        if let effective = result.effective, let lapsed = result.lapsed, lapsed <= effective {
            throw node.error("instrument '\(result.name)' lapses (\(lapsed)) before it takes effect (\(effective))")
        }
        try map.finish()
        return result
    }

    private func crossCheck(_ catalog: RuleCatalog, folder: URL) throws {
        // With a registry, every source names instruments it lists (a misspelt name would escape the
        // lapse check below).
        if let registry = catalog.instruments {
            for (source, location) in catalog.citedSources {
                for name in InstrumentRegistry.names(in: source) where registry.instruments[name] == nil {
                    throw EngineError.input(location, "instrument '\(name)' is not listed in Rules/instruments.yaml"
                                                + Suggestion.hint(for: name, in: registry.instruments.keys.sorted()))
                }
            }
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
