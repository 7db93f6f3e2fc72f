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
        var regimes: [Regime] = []
        var packs: [RulePack] = []
        var rules: [Rule] = []
        var policy: PlanPolicy?
        var profiles: [String: SigningProfile] = [:]
        for file in try Workspace.yamlFiles(at: folder, recursive: true) {
            let display = workspace.displayPath(file)
            let root = try YAMLLoader.load(contentsOf: file, displayPath: display)
            let top = try root.mapping("a rules file (expected 'regime', 'plan', 'profile', or 'pack' and 'rules')")
            if let regimeNode = top.optional("regime") {
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
                let pack = try decodePack(try top.required("pack"), file: display)
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
        let catalog = RuleCatalog(regimes: regimes, packs: packs, rules: rules, policy: policy, profiles: profiles,
                                  trustFolder: hasTrust ? trust : nil)
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
        for regime in catalog.regimes {
            if let transition = regime.transition,
               !catalog.regimes.contains(where: { $0.id == transition.previousRegime }) {
                throw EngineError.input(regime.location,
                                        "regime '\(regime.id)' names unknown previous regime '\(transition.previousRegime)'")
            }
        }
    }
}
