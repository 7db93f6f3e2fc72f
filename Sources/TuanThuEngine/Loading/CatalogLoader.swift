import Foundation
import TuanThuPKI

/// The rules an audit applies: regimes, rule packs and their rules, the plan policy, profiles and
/// trust anchors, from the built-in catalog or `--rules DIR`, with a workspace's policies laid over.
public struct RuleCatalog: Sendable {
    public var regimes: [Regime]
    public var packs: [RulePack]
    public var rules: [Rule]
    /// The remediation policy (`plan:`), required exactly once.
    public var policy: PlanPolicy
    /// Certificate profiles by id (`profile:`); `document-signing` and `any` are required.
    public var profiles: [String: SigningProfile]
    /// The trust anchors (`trust/` of the rules, then of the policies).
    public var trustAnchors: [RuleFile]
    /// Which rules these are: origin, version, digest, and the policies laid over them.
    public var provenance: RulesProvenance
    /// Every rule, policy and trust-anchor file, with its digest: the rules' part of an audit's manifest.
    public var inputs: [InputManifest.Entry] = []

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

/// Reads a set of rules (the built-in catalog, or `--rules DIR`) by each file's top-level key,
/// checks what spans files, then lays a workspace's own policies over it (see `PolicyOverlay`).
public struct CatalogLoader {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func load(folder: URL) throws -> RuleCatalog {
        try load(try RuleSet.folder(folder, workspace: workspace))
    }

    public func load(_ rules: RuleSet, policies: RuleSet? = nil) throws -> RuleCatalog {
        let parts = try parse(rules, over: nil)
        guard !parts.regimes.isEmpty else {
            throw EngineError.unreadable(path: rules.display,
                                         reason: "no regime file found (a YAML file with 'regime:' at the top)")
        }
        guard let policy = parts.plan else {
            throw EngineError.unreadable(path: rules.display,
                                         reason: "no plan policy found (a YAML file with 'plan:' at the top)")
        }
        for purpose in CertificatePurpose.allCases where parts.profiles[purpose.rawValue] == nil {
            throw EngineError.unreadable(path: rules.display,
                                         reason: "no certificate profile '\(purpose.rawValue)' (a YAML file with 'profile:')")
        }
        var catalog = RuleCatalog(regimes: parts.regimes, packs: parts.packs, rules: parts.rules, policy: policy,
                                  profiles: parts.profiles, trustAnchors: rules.anchors,
                                  provenance: RulesProvenance(origin: rules.origin, version: parts.version,
                                                              digest: rules.digest))
        catalog.instruments = parts.registryFile == nil ? nil : InstrumentRegistry(parts.instruments)
        catalog.inputs = Self.inputs(of: rules, kind: .rules)
        try crossCheck(catalog, sources: catalog.citedSources)
        if let policies { try overlay(policies, on: &catalog) }
        return catalog
    }

    /// A workspace's policies on top of the catalog: rules and instruments of its own, a tighter
    /// plan, more trust anchors. Nothing it says may replace or loosen what the catalog says.
    private func overlay(_ policies: RuleSet, on catalog: inout RuleCatalog) throws {
        let parts = try parse(policies, over: catalog)
        let ownSources = parts.rules.map { ($0.source, $0.location) }
        catalog.rules += parts.rules
        catalog.packs += parts.packs
        if let plan = parts.plan { catalog.policy = plan }
        if parts.registryFile != nil || catalog.instruments != nil {
            var registry = catalog.instruments ?? InstrumentRegistry()
            for instrument in parts.instruments { registry.instruments[instrument.name] = instrument }
            catalog.instruments = registry
            try crossCheck(catalog, sources: ownSources)
        }
        catalog.trustAnchors += policies.anchors
        catalog.inputs += Self.inputs(of: policies, kind: .policy)
        catalog.provenance.policies = PolicyProvenance(display: policies.display, digest: policies.digest)
    }

    static func inputs(of set: RuleSet, kind: InputManifest.Kind) -> [InputManifest.Entry] {
        (set.files + set.anchors).map {
            InputManifest.Entry(path: $0.display, kind: kind, sha256: SHA256.hex($0.bytes), bytes: $0.bytes.count)
        }
    }

    /// The version a set gives itself in `catalog.yaml`, without loading the rest.
    static func version(of set: RuleSet) throws -> String? {
        for file in set.files where file.path == "catalog.yaml" {
            let top = try YAMLLoader.parse(bytes: file.bytes, displayPath: file.display).mapping("rules file")
            if let node = top.optional("catalog") { return try node.mapping("catalog").required("version").string("version") }
        }
        return nil
    }

    /// What the files of one set define.
    private struct Parts {
        var regimes: [Regime] = []
        var packs: [RulePack] = []
        var rules: [Rule] = []
        /// Where each rule id and instrument name was defined: duplicates found in constant time.
        var ruleLocations: [String: SourceLocation] = [:]
        var instrumentNames: Set<String> = []
        var plan: PlanPolicy?
        var profiles: [String: SigningProfile] = [:]
        var instruments: [Instrument] = []
        var registryFile: String?
        var version: String?
    }

    /// Decodes every file of `set`; with `base`, the set is a workspace's policies over that catalog.
    private func parse(_ set: RuleSet, over base: RuleCatalog?) throws -> Parts {
        var parts = Parts()
        for file in set.files {
            let root = try YAMLLoader.parse(bytes: file.bytes, displayPath: file.display)
            let top = try root.mapping(base == nil
                ? "a rules file (expected 'regime', 'plan', 'profile', 'instruments', 'catalog', or 'pack' and 'rules')"
                : "a policy file (expected 'plan', 'instruments', or 'pack' and 'rules')")
            if let base, let key = ["regime", "profile", "catalog"].first(where: { top.optional($0) != nil }),
               let node = top.optional(key) {
                throw node.error("a workspace's policies cannot define a \(key): the law's \(key)s are built into "
                                 + "tuanthu (\(base.provenance.origin == .builtIn ? "tuanthu:Rules" : "the --rules folder")); "
                                 + "to replace them, give a whole rules folder with --rules DIR")
            }
            if let versionNode = top.optional("catalog") {
                try top.finish()
                if parts.version != nil { throw versionNode.error("the catalog's version is already given") }
                let map = try versionNode.mapping("catalog")
                parts.version = try map.required("version").string("version")
                try map.finish()
            } else if let listNode = top.optional("instruments") {
                try top.finish()
                if let registryFile = parts.registryFile {
                    throw listNode.error("the instruments are already listed in \(registryFile)")
                }
                parts.registryFile = file.display
                for item in try listNode.list("instruments") {
                    let instrument = try Self.decodeInstrument(item)
                    if !parts.instrumentNames.insert(instrument.name).inserted {
                        throw item.error("instrument '\(instrument.name)' is listed twice")
                    }
                    if let twin = base?.instruments?.instruments[instrument.name] {
                        throw item.error("instrument '\(instrument.name)' is already listed at \(twin.location)")
                    }
                    parts.instruments.append(instrument)
                }
            } else if let regimeNode = top.optional("regime") {
                try top.finish()
                let regime = try RegimeDecoder.decode(regimeNode, file: file.display)
                if let twin = parts.regimes.first(where: { $0.id == regime.id }) {
                    throw regimeNode.error("regime '\(regime.id)' is already defined at \(twin.location)")
                }
                parts.regimes.append(regime)
            } else if let profileNode = top.optional("profile") {
                try top.finish()
                let profile = try SigningProfileDecoder.decode(profileNode)
                if let twin = parts.profiles[profile.id] {
                    throw profileNode.error("profile '\(profile.id)' is already defined at \(twin.location)")
                }
                parts.profiles[profile.id] = profile
            } else if let planNode = top.optional("plan") {
                try top.finish()
                if let earlier = parts.plan {
                    throw planNode.error("the plan policy is already defined at \(earlier.location)")
                }
                if let base {
                    parts.plan = try PlanPolicyDecoder.tighten(base.policy, with: planNode)
                } else {
                    parts.plan = try PlanPolicyDecoder.decode(planNode)
                }
            } else {
                var pack = try decodePack(try top.required("pack"), file: file.display)
                if let twin = (base?.packs ?? []).first(where: { $0.id == pack.id }) ?? parts.packs.first(where: { $0.id == pack.id }) {
                    throw try top.required("pack").error("pack '\(pack.id)' is already defined in \(twin.file)")
                }
                if let retiredNode = top.optional("retired") {
                    let map = try retiredNode.mapping("retired")
                    for entry in map.entries() {
                        pack.retired[try entry.key.string("rule id")] = try entry.value.string("successor")
                    }
                    try map.finish()
                }
                for item in try top.required("rules").list("rules") {
                    let rule = try RuleDecoder.decode(item, pack: pack)
                    if let twin = base?.rule(id: rule.id) {
                        throw item.error("rule id '\(rule.id)' is already a rule of the catalog (\(twin.location)): "
                                         + "a policy adds rules of its own and cannot replace one")
                    }
                    if let twin = parts.ruleLocations.updateValue(rule.location, forKey: rule.id) {
                        throw item.error("rule id '\(rule.id)' is already defined at \(twin)")
                    }
                    parts.rules.append(rule)
                }
                try top.finish()
                parts.packs.append(pack)
            }
        }
        return parts
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

    private func crossCheck(_ catalog: RuleCatalog, sources: [(LegalSource, SourceLocation)]) throws {
        // With a registry, every source names instruments it lists (a misspelt name would escape the
        // lapse check below).
        if let registry = catalog.instruments {
            for (source, location) in sources {
                for name in InstrumentRegistry.names(in: source) where registry.instruments[name] == nil {
                    throw EngineError.input(location, "instrument '\(name)' is not listed in instruments.yaml"
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
