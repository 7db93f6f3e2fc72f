/// Which rules an audit applied, as `tuanthu --version` and every report name them.
public struct RulesProvenance: Sendable, Equatable {
    public var origin: RuleSet.Origin
    /// The catalog's own version (`catalog: { version: … }`); nil for a folder that gives none.
    public var version: String?
    /// SHA-256 of the rule files and trust anchors (`RuleSet.digest`).
    public var digest: String
    /// The workspace's policies laid over the rules, if any.
    public var policies: PolicyProvenance?

    public init(origin: RuleSet.Origin, version: String?, digest: String, policies: PolicyProvenance? = nil) {
        self.origin = origin
        self.version = version
        self.digest = digest
        self.policies = policies
    }

    /// `2026.12.1 (sha256:1a2b3c4d5e6f)`: the version and enough of the digest to tell sets apart.
    public var versionLabel: String {
        "\(version ?? "—") (sha256:\(digest.prefix(12)))"
    }

    /// Origin, version and whole digests, the policies after them: `tuanthu 2026.12.1 sha256:…`
    /// (a JUnit property, the CSV plan's last column).
    public var fullLabel: String {
        var value = "\(originLabel) \(version ?? "-") sha256:\(digest)"
        if let policies { value += "; \(policies.display) sha256:\(policies.digest)" }
        return value
    }

    /// Where the rules came from: `tuanthu` for the built-in catalog, else the folder.
    public var originLabel: String {
        switch origin {
        case .builtIn: "tuanthu"
        case .folder(let path): path
        }
    }
}

/// A workspace's own policies (`Policies/`), named with their digest.
public struct PolicyProvenance: Sendable, Equatable {
    public var display: String
    public var digest: String

    public var label: String { "\(display) (sha256:\(digest.prefix(12)))" }
}
