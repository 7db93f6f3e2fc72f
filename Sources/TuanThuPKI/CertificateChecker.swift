import COpenSSL

/// The checks of SPEC.md's `PKI.*` rules on one certificate, at one time.
public struct CertificateCheck: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case chain, validity, expiring, key, signatureAlgorithm = "signature-algorithm", keyUsage = "key-usage", revoked
        /// The RFC 5280 profile lint: each violation is listed; errors make the certificate
        /// invalid only under `--strict` (`CertificateReport.strict`).
        case profile

        /// The contract rule id (SPEC.md).
        public var rule: String {
            switch self {
            case .chain: return "PKI.CHAIN"
            case .validity: return "PKI.VALIDITY"
            case .expiring: return "PKI.EXPIRING"
            case .key: return "PKI.KEY"
            case .signatureAlgorithm: return "PKI.SIGNATURE-ALGORITHM"
            case .keyUsage: return "PKI.KEY-USAGE"
            case .revoked: return "PKI.REVOKED"
            case .profile: return "PKI.PROFILE"
            }
        }
    }

    public enum Status: String, Sendable, Codable {
        case pass, fail
        /// Not checked (e.g. revocation without CRLs); a warning.
        case unchecked
    }

    public var kind: Kind
    public var status: Status
    public var message: Bilingual
    /// OpenSSL's reason, when OpenSSL decided.
    public var detail: String?
    /// The profile lint's findings, each with its severity (`profile` only).
    public var violations: [ProfileViolation]?
    /// The id of the rule that reports this check in an audit: the catalog's, which
    /// `CertificateChecker.rules` gives, or the contract's (`Kind.rule`).
    public var rule: String

    public init(kind: Kind, status: Status, message: Bilingual, detail: String? = nil, rule: String? = nil,
                violations: [ProfileViolation]? = nil) {
        self.kind = kind
        self.status = status
        self.message = message
        self.detail = detail
        self.rule = rule ?? kind.rule
        self.violations = violations
    }

    private enum CodingKeys: String, CodingKey {
        case kind, status, message, detail, rule, violations
    }

    /// Output written before checks named their rule still reads: the contract's id stands in.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try container.decode(Kind.self, forKey: .kind),
                  status: try container.decode(Status.self, forKey: .status),
                  message: try container.decode(Bilingual.self, forKey: .message),
                  detail: try container.decodeIfPresent(String.self, forKey: .detail),
                  rule: try container.decodeIfPresent(String.self, forKey: .rule),
                  violations: try container.decodeIfPresent([ProfileViolation].self, forKey: .violations))
    }
}

/// Everything checked about one certificate.
public struct CertificateReport: Sendable, Codable {
    public var certificate: CertificateInfo
    /// The path built, end entity first.
    public var chain: [CertificateInfo]
    public var checks: [CertificateCheck]
    public var time: Timestamp
    public var profile: String
    /// Checked under `--strict`: OpenSSL's X509_V_FLAG_X509_STRICT, and the profile lint's errors
    /// make the certificate invalid.
    public var strict: Bool

    public init(certificate: CertificateInfo, chain: [CertificateInfo], checks: [CertificateCheck], time: Timestamp,
                profile: String, strict: Bool = false) {
        self.certificate = certificate
        self.chain = chain
        self.checks = checks
        self.time = time
        self.profile = profile
        self.strict = strict
    }

    private enum CodingKeys: String, CodingKey {
        case certificate, chain, checks, time, profile, strict
    }

    /// Reports written before `strict` existed were not strict.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(certificate: try container.decode(CertificateInfo.self, forKey: .certificate),
                  chain: try container.decode([CertificateInfo].self, forKey: .chain),
                  checks: try container.decode([CertificateCheck].self, forKey: .checks),
                  time: try container.decode(Timestamp.self, forKey: .time),
                  profile: try container.decode(String.self, forKey: .profile),
                  strict: try container.decodeIfPresent(Bool.self, forKey: .strict) ?? false)
    }

    /// Fit for the purpose at `time`: no check failed that decides validity (`decides`).
    public var isValid: Bool { !checks.contains { $0.status == .fail && decides($0.kind) } }

    /// Whether a failure of `kind` makes the certificate invalid: not an expiry warning, and the
    /// profile lint only under `--strict`.
    public func decides(_ kind: CertificateCheck.Kind) -> Bool {
        kind != .expiring && (kind != .profile || strict)
    }

    public func check(_ kind: CertificateCheck.Kind) -> CertificateCheck? {
        // By index: `first(where:)` copied each check it passed over.
        for index in checks.indices where checks[index].kind == kind { return checks[index] }
        return nil
    }

    /// The rule ids of the checks that failed, in the checks' order; with `decisive`, only those
    /// that make the certificate invalid (see `decides`).
    public func failedRules(decisive: Bool = false) -> [String] {
        checks.filter { $0.status == .fail && (!decisive || decides($0.kind)) }.map(\.rule)
    }
}

/// Runs path validation and the profile's checks on a certificate.
public struct CertificateChecker: Sendable {
    public let validator: PathValidator
    public let profile: CertificateProfile
    /// By check, the id of the rule reporting it where the catalog names it otherwise than the
    /// contract (`CertificateCheck.Kind.rule`).
    public let rules: [CertificateCheck.Kind: String]

    public init(trust: TrustMaterial, profile: CertificateProfile, policy: PolicyInputs = PolicyInputs(),
                rules: [CertificateCheck.Kind: String] = [:]) {
        self.validator = PathValidator(trust: trust, policy: policy)
        self.profile = profile
        self.rules = rules
    }

    /// The same trust and policy for another purpose (a document timestamp's authority).
    public init(validator: PathValidator, profile: CertificateProfile, rules: [CertificateCheck.Kind: String]) {
        self.validator = validator
        self.profile = profile
        self.rules = rules
    }

    /// `carried`: intermediates for this check only (see `PathValidator.validate`).
    public func check(_ certificate: Certificate, at time: Timestamp, carried: [Certificate] = [])
        -> CertificateReport {
        let checkRevocation = !validator.trust.crls.isEmpty
        let path = validator.validate(certificate, at: time, checkRevocation: checkRevocation, carried: carried)
        let info = certificate.info
        var checks: [CertificateCheck] = []
        checks.append(chainCheck(path))
        checks.append(validityCheck(info, at: time))
        checks.append(expiringCheck(info, at: time))
        checks.append(keyCheck(info, chain: path.chain))
        checks.append(signatureCheck(info, chain: path.chain))
        checks.append(usageCheck(info))
        checks.append(revocationCheck(path, checked: checkRevocation))
        checks.append(profileCheck(certificate, chain: path.chain))
        if !rules.isEmpty {
            for index in checks.indices { checks[index].rule = rules[checks[index].kind] ?? checks[index].kind.rule }
        }
        return CertificateReport(certificate: info, chain: path.chain.map(\.info), checks: checks, time: time,
                                 profile: profile.name, strict: validator.policy.strict)
    }

    private func chainCheck(_ path: PathResult) -> CertificateCheck {
        let problems = path.problems.filter { $0.kind == .chain || ($0.kind == .validity && $0.depth > 0) }
        guard let first = problems.first else {
            return CertificateCheck(kind: .chain, status: .pass,
                                    message: Bilingual(vi: "Chuỗi chứng thư hợp lệ đến CA gốc tin cậy.",
                                                       en: "The chain leads to a configured trust anchor."))
        }
        let at = first.depth == 0 ? "" : " (depth \(first.depth))"
        return CertificateCheck(kind: .chain, status: .fail,
                                message: Bilingual(vi: "Không xây dựng được chuỗi tin cậy: \(first.reason)\(at).",
                                                   en: "No valid path to a trust anchor: \(first.reason)\(at)."),
                                detail: problems.map { "\($0.reason) at depth \($0.depth)" }.joined(separator: "; "))
    }

    private func validityCheck(_ info: CertificateInfo, at time: Timestamp) -> CertificateCheck {
        let period = "\(info.notBefore?.description ?? "?") – \(info.notAfter?.description ?? "?")"
        if let notBefore = info.notBefore, time < notBefore {
            return CertificateCheck(kind: .validity, status: .fail,
                                    message: Bilingual(vi: "Chứng thư số chưa có hiệu lực (\(period)).",
                                                       en: "The certificate is not yet valid (\(period))."))
        }
        if let notAfter = info.notAfter, time > notAfter {
            return CertificateCheck(kind: .validity, status: .fail,
                                    message: Bilingual(vi: "Chứng thư số đã hết hiệu lực (\(period)).",
                                                       en: "The certificate has expired (\(period))."))
        }
        return CertificateCheck(kind: .validity, status: .pass,
                                message: Bilingual(vi: "Còn hiệu lực (\(period)).", en: "Valid (\(period))."))
    }

    private func expiringCheck(_ info: CertificateInfo, at time: Timestamp) -> CertificateCheck {
        guard let notAfter = info.notAfter, time <= notAfter,
              notAfter < time.adding(days: profile.expiringWithinDays) else {
            return CertificateCheck(kind: .expiring, status: .pass,
                                    message: Bilingual(vi: "Không sắp hết hạn.", en: "Not expiring soon."))
        }
        return CertificateCheck(kind: .expiring, status: .fail,
                                message: Bilingual(vi: "Sắp hết hạn: \(notAfter.dateText) (dưới \(profile.expiringWithinDays) ngày).",
                                                   en: "Expires on \(notAfter.dateText), within \(profile.expiringWithinDays) days."))
    }

    /// The end entity's key, and every CA key of the path up to the anchor: a weak CA key makes
    /// every certificate below it forgeable. (Each certificate's facts are read where they are:
    /// copying them for every check of every certificate cost more than the check.)
    private func keyCheck(_ info: CertificateInfo, chain: [Certificate]) -> CertificateCheck {
        if let failure = keyFailure(info, isEndEntity: true) { return failure }
        for certificate in chain.dropFirst() {
            if let failure = keyFailure(certificate.info, isEndEntity: false) { return failure }
        }
        let key = info.keyDescription
        return CertificateCheck(kind: .key, status: .pass, message: Bilingual(vi: "Khóa \(key).", en: "Key \(key)."))
    }

    private func keyFailure(_ certificate: CertificateInfo, isEndEntity: Bool) -> CertificateCheck? {
        func whose() -> Bilingual {
            isEndEntity ? Bilingual(vi: "Khóa", en: "Key")
                : Bilingual(vi: "Khóa của CA \(certificate.subject)", en: "The key of CA \(certificate.subject)")
        }
        guard profile.allowedKeyAlgorithms.contains(certificate.keyAlgorithm) else {
            let (key, whose) = (certificate.keyDescription, whose())
            let allowed = profile.allowedKeyAlgorithms.map { $0.rawValue.uppercased() }.joined(separator: ", ")
            return CertificateCheck(kind: .key, status: .fail,
                                    message: Bilingual(
                                        vi: "\(whose.vi) \(key): thuật toán không được chấp nhận (chỉ \(allowed)).",
                                        en: "\(whose.en) \(key): algorithm not accepted (only \(allowed))."))
        }
        let minimum = certificate.keyAlgorithm == .rsa ? profile.minimumRSABits
            : certificate.keyAlgorithm == .ec ? profile.minimumECBits : 0
        guard certificate.keyBits >= minimum else {
            let (key, whose) = (certificate.keyDescription, whose())
            return CertificateCheck(kind: .key, status: .fail,
                                    message: Bilingual(
                                        vi: "\(whose.vi) \(key) yếu hơn mức tối thiểu \(minimum) bit.",
                                        en: "\(whose.en) \(key) is weaker than the minimum of \(minimum) bits."))
        }
        return nil
    }

    private func signatureCheck(_ info: CertificateInfo, chain: [Certificate]) -> CertificateCheck {
        // The end entity and every CA below the anchor (an anchor's self-signature is not relied on).
        if let failure = signatureFailure(info, isEndEntity: true) { return failure }
        for certificate in chain.dropFirst().dropLast() {
            if let failure = signatureFailure(certificate.info, isEndEntity: false) { return failure }
        }
        return CertificateCheck(kind: .signatureAlgorithm, status: .pass,
                                message: Bilingual(vi: "Ký bằng \(info.signatureAlgorithm).", en: "Signed with \(info.signatureAlgorithm)."))
    }

    private func signatureFailure(_ certificate: CertificateInfo, isEndEntity: Bool) -> CertificateCheck? {
        guard let hash = certificate.signatureHash, profile.forbiddenHashes.contains(hash) else { return nil }
        let which = isEndEntity ? Bilingual(vi: "Chứng thư", en: "The certificate")
            : Bilingual(vi: "CA trung gian \(certificate.subject)", en: "Intermediate CA \(certificate.subject)")
        return CertificateCheck(kind: .signatureAlgorithm, status: .fail,
                                message: Bilingual(
                                    vi: "\(which.vi) được ký bằng \(certificate.signatureAlgorithm) "
                                        + "(\(hash) không còn an toàn).",
                                    en: "\(which.en) is signed with \(certificate.signatureAlgorithm) "
                                        + "(\(hash) is broken)."))
    }

    private func usageCheck(_ info: CertificateInfo) -> CertificateCheck {

        if !profile.keyUsageAnyOf.isEmpty, let usage = info.keyUsage,
           !usage.contains(where: profile.keyUsageAnyOf.contains) {
            return CertificateCheck(kind: .keyUsage, status: .fail,
                                    message: Bilingual(vi: "Mục đích sử dụng khóa (\(usage.joined(separator: ", "))) không cho phép ký tài liệu; cần \(profile.keyUsageAnyOf.joined(separator: " hoặc ")).",
                                                       en: "Key usage (\(usage.joined(separator: ", "))) does not allow \(profile.name); needs \(profile.keyUsageAnyOf.joined(separator: " or "))."))
        }
        if !profile.extendedKeyUsageAnyOf.isEmpty, let extended = info.extendedKeyUsage,
           !extended.contains(where: profile.extendedKeyUsageAnyOf.contains) {
            return CertificateCheck(kind: .keyUsage, status: .fail,
                                    message: Bilingual(vi: "Mục đích sử dụng mở rộng (\(extended.joined(separator: ", "))) không cho phép ký tài liệu.",
                                                       en: "Extended key usage (\(extended.joined(separator: ", "))) does not allow \(profile.name)."))
        }
        let usage = (info.keyUsage ?? ["any"]).joined(separator: ", ")
        return CertificateCheck(kind: .keyUsage, status: .pass,
                                message: Bilingual(vi: "Mục đích sử dụng: \(usage).", en: "Key usage: \(usage)."))
    }

    /// The RFC 5280 profile lint over the path built (the certificate alone when none was):
    /// a failure when it finds an error, a pass listing its warnings otherwise.
    private func profileCheck(_ certificate: Certificate, chain: [Certificate]) -> CertificateCheck {
        let violations = ProfileLint.violations(certificate, chain: chain)
        let errors = violations.filter { $0.severity == .error }
        let warnings = violations.filter { $0.severity == .warning }
        func list(_ items: [ProfileViolation]) -> Bilingual {
            Bilingual(vi: items.map(\.message.vi).joined(separator: " "), en: items.map(\.message.en).joined(separator: " "))
        }
        if !errors.isEmpty {
            let all = list(violations)
            return CertificateCheck(kind: .profile, status: .fail,
                                    message: Bilingual(vi: "Không đúng hồ sơ chứng thư RFC 5280 (\(errors.count) lỗi): \(all.vi)",
                                                       en: "Does not follow the RFC 5280 profile (\(errors.count) error\(errors.count == 1 ? "" : "s")): \(all.en)"),
                                    violations: violations)
        }
        guard warnings.isEmpty else {
            let all = list(warnings)
            return CertificateCheck(kind: .profile, status: .pass,
                                    message: Bilingual(vi: "Đúng hồ sơ RFC 5280, lưu ý: \(all.vi)",
                                                       en: "Follows the RFC 5280 profile; note: \(all.en)"),
                                    violations: violations)
        }
        return CertificateCheck(kind: .profile, status: .pass,
                                message: Bilingual(vi: "Đúng hồ sơ chứng thư RFC 5280.", en: "Follows the RFC 5280 profile."))
    }

    private func revocationCheck(_ path: PathResult, checked: Bool) -> CertificateCheck {
        guard checked else {
            return CertificateCheck(kind: .revoked, status: .unchecked,
                                    message: Bilingual(vi: "Chưa kiểm tra tình trạng thu hồi (không có CRL).",
                                                       en: "Revocation not checked (no CRL supplied)."))
        }
        if let revoked = path.problems.first(where: { $0.kind == .revoked }) {
            let whose = revoked.depth == 0 ? Bilingual(vi: "Chứng thư", en: "The certificate")
                : Bilingual(vi: "CA cấp trên (độ sâu \(revoked.depth))", en: "An issuing CA (depth \(revoked.depth))")
            return CertificateCheck(kind: .revoked, status: .fail,
                                    message: Bilingual(vi: "\(whose.vi) đã bị thu hồi.", en: "\(whose.en) is revoked."),
                                    detail: revoked.reason)
        }
        // The end entity's status must be known; a CA's is checked when its issuer's CRL is given.
        let unknownCA = path.problems.filter { $0.kind == .revocationUnknown && $0.depth > 0
            && $0.code == X509_V_ERR_UNABLE_TO_GET_CRL }
        if let unknown = path.problems.first(where: { $0.kind == .revocationUnknown && !unknownCA.contains($0) }) {
            return CertificateCheck(kind: .revoked, status: .fail,
                                    message: Bilingual(vi: "Không xác định được tình trạng thu hồi: \(unknown.reason).",
                                                       en: "Revocation status cannot be determined: \(unknown.reason)."),
                                    detail: unknown.reason)
        }
        guard unknownCA.isEmpty else {
            return CertificateCheck(kind: .revoked, status: .pass,
                                    message: Bilingual(vi: "Không bị thu hồi (chưa có CRL của CA cấp trên để kiểm tra CA trung gian).",
                                                       en: "Not revoked (the issuing CA's own status was not checked: no CRL from its issuer)."))
        }
        return CertificateCheck(kind: .revoked, status: .pass,
                                message: Bilingual(vi: "Không bị thu hồi.", en: "Not revoked."))
    }
}
