import COpenSSL

/// One problem OpenSSL found while validating a path.
public struct PathProblem: Hashable, Sendable, Codable {
    /// OpenSSL's `X509_V_ERR_*` code.
    public var code: Int32
    /// 0 for the end-entity certificate, 1 for its issuer, and so on.
    public var depth: Int
    /// OpenSSL's text for the code.
    public var reason: String

    public var kind: Kind { Kind(code: code) }

    /// Which contract rule a problem belongs to.
    public enum Kind: String, Sendable, Codable {
        case chain, validity, revoked, revocationUnknown
    }
}

extension PathProblem.Kind {
    init(code: Int32) {
        switch code {
        case X509_V_ERR_CERT_NOT_YET_VALID, X509_V_ERR_CERT_HAS_EXPIRED,
             X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
            self = .validity
        case X509_V_ERR_CERT_REVOKED:
            self = .revoked
        case X509_V_ERR_UNABLE_TO_GET_CRL, X509_V_ERR_CRL_NOT_YET_VALID, X509_V_ERR_CRL_HAS_EXPIRED,
             X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE, X509_V_ERR_CRL_SIGNATURE_FAILURE,
             X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD, X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD,
             X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER, X509_V_ERR_KEYUSAGE_NO_CRL_SIGN, X509_V_ERR_DIFFERENT_CRL_SCOPE,
             X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION, X509_V_ERR_CRL_PATH_VALIDATION_ERROR:
            self = .revocationUnknown
        default:
            self = .chain
        }
    }
}

/// The outcome of RFC 5280 path validation by OpenSSL.
public struct PathResult: Sendable {
    /// Every problem, in the order OpenSSL met them (empty: the path is valid).
    public var problems: [PathProblem]
    /// The chain built, end entity first, anchor last.
    public var chain: [Certificate]

    public var isValid: Bool { problems.isEmpty }
}

/// Builds and validates certification paths with OpenSSL's `X509_verify_cert`, at a given time,
/// against the given anchors only. The store of anchors and the lists of intermediates and CRLs
/// are built once and shared by every validation (also across threads: OpenSSL locks the store).
public struct PathValidator: Sendable {
    public let trust: TrustMaterial
    public let policy: PolicyInputs
    private let shared: SharedStore
    /// Whether signatures between certificates of the trust material are checked once and
    /// remembered (`verifyChainSignatures`); off, OpenSSL checks them in every validation.
    let remembersSignatures: Bool

    public init(trust: TrustMaterial, policy: PolicyInputs = PolicyInputs()) {
        self.init(trust: trust, policy: policy, remembersSignatures: true)
    }

    init(trust: TrustMaterial, policy: PolicyInputs, remembersSignatures: Bool) {
        self.trust = trust
        self.policy = policy
        self.shared = SharedStore(trust)
        self.remembersSignatures = remembersSignatures
    }

    /// How many signatures between trust-material certificates are remembered (for tests).
    var rememberedSignatures: Int { shared.signatures.count }
    /// How many of those OpenSSL verified (for tests).
    var verifiedTrustSignatures: Int { shared.signatures.verified }

    /// Validates `certificate` at `time`; `checkRevocation` needs the CRLs of every certificate
    /// in the path (CRL_CHECK_ALL), including indirect and delta CRLs. `carried` are further
    /// intermediates for this validation only (those a signature carries), after the shared ones.
    public func validate(_ certificate: Certificate, at time: Timestamp, checkRevocation: Bool,
                         carried: [Certificate] = []) -> PathResult {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        guard let store = shared.store(), let shared = shared.untrusted, let crls = self.shared.crls,
              let untrusted = carried.isEmpty ? shared : tt_sk_X509_dup(shared),
              let context = X509_STORE_CTX_new_ex(LibraryContexts.current, nil) else {
            return PathResult(problems: [Self.internalProblem("cannot allocate a store")], chain: [])
        }
        defer {
            X509_STORE_CTX_free(context)
            if untrusted != shared { tt_sk_X509_free(untrusted) }
        }
        for intermediate in carried { tt_sk_X509_push(untrusted, intermediate.pointer) }
        guard X509_STORE_CTX_init(context, store, certificate.pointer, untrusted) == 1 else {
            return PathResult(problems: [Self.internalProblem(OpenSSLErrors.drainText(or: "init failed"))], chain: [])
        }
        // CRLs go to the context, not the store: the store finds CRLs by the certificate's issuer
        // name only, which misses indirect CRLs; the context's list is searched in full.
        if checkRevocation { X509_STORE_CTX_set0_crls(context, crls) }
        let policyCheck = !policy.isDefault || self.shared.hasPolicyConstraints
            || SharedStore.constrainsPolicies(certificate) || carried.contains(where: SharedStore.constrainsPolicies)
        configure(X509_STORE_CTX_get0_param(context), time: time, checkRevocation: checkRevocation,
                  policyCheck: policyCheck)
        let collector = ProblemCollector()
        tt_X509_STORE_CTX_set_app_data(context, Unmanaged.passUnretained(collector).toOpaque())
        X509_STORE_CTX_set_verify_cb(context, collectProblem)
        if remembersSignatures, let openSSLVerify = X509_STORE_CTX_get_verify(context) {
            collector.openSSLVerify = openSSLVerify
            collector.signatures = self.shared.signatures
            X509_STORE_CTX_set_verify(context, verifyChainSignatures)
        }
        let status = withExtendedLifetime(collector) { X509_verify_cert(context) }
        var problems = collector.problems
        if status != 1, problems.isEmpty {
            let code = X509_STORE_CTX_get_error(context)
            problems.append(PathProblem(code: code == X509_V_OK ? -1 : code,
                                        depth: Int(X509_STORE_CTX_get_error_depth(context)),
                                        reason: Self.reason(code == X509_V_OK ? -1 : code)))
        }
        return withExtendedLifetime(carried) {
            PathResult(problems: problems, chain: chain(of: context, leaf: certificate, carried: carried))
        }
    }

    /// Policy processing (RFC 5280 6.1) runs when the inputs ask for it or a certificate of the path
    /// carries policy constraints, mappings or inhibitAnyPolicy. Without those, with anyPolicy as
    /// the initial set and no explicit policy, it cannot fail, and it costs a policy tree per path.
    private func configure(_ parameters: OpaquePointer?, time: Timestamp, checkRevocation: Bool, policyCheck: Bool) {
        guard let parameters else { return }
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.seconds))
        var flags: UInt = policyCheck ? UInt(X509_V_FLAG_POLICY_CHECK) : 0
        if checkRevocation {
            flags |= UInt(X509_V_FLAG_CRL_CHECK) | UInt(X509_V_FLAG_CRL_CHECK_ALL)
                | UInt(X509_V_FLAG_EXTENDED_CRL_SUPPORT) | UInt(X509_V_FLAG_USE_DELTAS)
        }
        if policy.strict { flags |= UInt(X509_V_FLAG_X509_STRICT) }
        if policy.explicitPolicy { flags |= UInt(X509_V_FLAG_EXPLICIT_POLICY) }
        if policy.inhibitPolicyMapping { flags |= UInt(X509_V_FLAG_INHIBIT_MAP) }
        if policy.inhibitAnyPolicy { flags |= UInt(X509_V_FLAG_INHIBIT_ANY) }
        X509_VERIFY_PARAM_set_flags(parameters, flags)
        if let depth = policy.maximumIntermediates { X509_VERIFY_PARAM_set_depth(parameters, Int32(depth)) }
        // With policy checking on, OpenSSL needs the initial set given; anyPolicy by default.
        guard policyCheck, let policies = tt_sk_ASN1_OBJECT_new_null() else { return }
        defer { tt_sk_ASN1_OBJECT_pop_free(policies) }
        for oid in policy.initialPolicySet.isEmpty ? ["2.5.29.32.0"] : policy.initialPolicySet {
            if let object = OBJ_txt2obj(oid, 1) { tt_sk_ASN1_OBJECT_push(policies, object) }
        }
        X509_VERIFY_PARAM_set1_policies(parameters, policies)
    }

    /// The chain as `Certificate`s, reusing the objects of the trust material (already parsed).
    private func chain(of context: OpaquePointer, leaf: Certificate, carried: [Certificate]) -> [Certificate] {
        guard let stack = X509_STORE_CTX_get1_chain(context) else { return [] }
        defer { tt_sk_X509_pop_free(stack) }
        return (0..<tt_sk_X509_num(stack)).compactMap { index in
            guard let pointer = tt_sk_X509_value(stack, index) else { return nil }
            if pointer == leaf.pointer { return leaf }
            if let known = shared.known[pointer] ?? carried.first(where: { $0.pointer == pointer }) { return known }
            return X509_up_ref(pointer) == 1 ? Certificate(owning: pointer) : nil
        }
    }

    static func reason(_ code: Int32) -> String {
        guard code >= 0, let text = X509_verify_cert_error_string(Int(code)) else { return "verification failed" }
        return String(cString: text)
    }

    private static func internalProblem(_ reason: String) -> PathProblem {
        PathProblem(code: -1, depth: 0, reason: reason)
    }
}

/// The OpenSSL objects every validation of one `PathValidator` shares. They are only read after
/// construction; the `Certificate`s and `RevocationList`s they point into are kept alive here.
final class SharedStore: @unchecked Sendable {
    /// The anchors, in one store per library context: OpenSSL locks a store for every issuer lookup.
    private let stores: [OpaquePointer?]
    let untrusted: OpaquePointer?
    let crls: OpaquePointer?
    /// Anchors and intermediates by their `X509*`, to map a built chain back to parsed certificates.
    let known: [OpaquePointer: Certificate]
    /// Whether an anchor or intermediate constrains policies (see `PathValidator.configure`).
    let hasPolicyConstraints: Bool
    /// Signatures between anchors and intermediates, each checked once.
    let signatures: SignatureMemo
    private let keepAlive: TrustMaterial

    init(_ trust: TrustMaterial) {
        keepAlive = trust
        let stores = (0..<LibraryContexts.count).map { _ in X509_STORE_new() }
        untrusted = tt_sk_X509_new_null()
        crls = tt_sk_X509_CRL_new_null()
        var known: [OpaquePointer: Certificate] = [:]
        for anchor in trust.anchors {
            for case let store? in stores { X509_STORE_add_cert(store, anchor.pointer) }
            known[anchor.pointer] = anchor
        }
        self.stores = stores
        for intermediate in trust.intermediates {
            if let untrusted { tt_sk_X509_push(untrusted, intermediate.pointer) }
            known[intermediate.pointer] = intermediate
        }
        for crl in trust.crls {
            if let crls { tt_sk_X509_CRL_push(crls, crl.pointer) }
        }
        self.known = known
        signatures = SignatureMemo(known: Set(known.keys))
        hasPolicyConstraints = (trust.anchors + trust.intermediates).contains(where: Self.constrainsPolicies)
        OpenSSLErrors.clear()
    }

    static func constrainsPolicies(_ certificate: Certificate) -> Bool {
        [NID_policy_constraints, NID_policy_mappings, NID_inhibit_any_policy].contains {
            X509_get_ext_by_NID(certificate.pointer, $0, -1) >= 0
        }
    }

    /// The store of the calling thread's library context.
    func store() -> OpaquePointer? { stores[LibraryContexts.currentIndex] }

    deinit {
        for case let store? in stores { X509_STORE_free(store) }
        if let untrusted { tt_sk_X509_free(untrusted) }
        if let crls { tt_sk_X509_CRL_free(crls) }
    }
}

/// Receives every error the verify callback sees, so that one run reports them all; also carries
/// what `verifyChainSignatures` needs (OpenSSL's own step, and the memo).
final class ProblemCollector {
    var problems: [PathProblem] = []
    var openSSLVerify: X509_STORE_CTX_verify_fn?
    var signatures: SignatureMemo?
}

private func collectProblem(_ ok: Int32, _ context: OpaquePointer?) -> Int32 {
    guard ok == 0, let context, let data = tt_X509_STORE_CTX_get_app_data(context) else { return ok }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(data).takeUnretainedValue()
    let code = X509_STORE_CTX_get_error(context)
    let problem = PathProblem(code: code, depth: Int(X509_STORE_CTX_get_error_depth(context)),
                              reason: PathValidator.reason(code))
    if !collector.problems.contains(problem) { collector.problems.append(problem) }
    // An issuer that cannot be found ends the walk; anything else is recorded and the walk goes
    // on, so that an expired and revoked certificate is reported as both.
    return code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ? 0 : 1
}
