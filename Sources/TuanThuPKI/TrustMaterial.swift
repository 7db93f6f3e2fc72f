/// What a chain may be built from: trust anchors (and only these are trusted — never the
/// system's store), untrusted intermediates, and CRLs.
public struct TrustMaterial: Sendable {
    public var anchors: [Certificate]
    public var intermediates: [Certificate]
    public var crls: [RevocationList]

    public init(anchors: [Certificate], intermediates: [Certificate] = [], crls: [RevocationList] = []) {
        self.anchors = anchors
        self.intermediates = intermediates
        self.crls = crls
    }
}

/// Policy inputs of RFC 5280 path validation (6.1.1 c, e, f, g).
public struct PolicyInputs: Sendable, Hashable {
    /// Dotted OIDs; empty means anyPolicy.
    public var initialPolicySet: [String]
    public var explicitPolicy: Bool
    public var inhibitPolicyMapping: Bool
    public var inhibitAnyPolicy: Bool
    /// The most intermediate CAs a path may have (nil: OpenSSL's default).
    public var maximumIntermediates: Int?
    /// RFC 5280 profile checks on every certificate of the path (OpenSSL's X509_V_FLAG_X509_STRICT):
    /// critical basic constraints, key identifiers, serial numbers, … Off by default, as PKITS expects.
    public var strict = false

    /// No initial policy set, no explicit policy, no inhibits.
    var isDefault: Bool { initialPolicySet.isEmpty && !explicitPolicy && !inhibitPolicyMapping && !inhibitAnyPolicy }

    public init(initialPolicySet: [String] = [], explicitPolicy: Bool = false, inhibitPolicyMapping: Bool = false,
                inhibitAnyPolicy: Bool = false, maximumIntermediates: Int? = nil) {
        self.initialPolicySet = initialPolicySet
        self.explicitPolicy = explicitPolicy
        self.inhibitPolicyMapping = inhibitPolicyMapping
        self.inhibitAnyPolicy = inhibitAnyPolicy
        self.maximumIntermediates = maximumIntermediates
    }
}
