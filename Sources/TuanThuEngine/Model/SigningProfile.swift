import TuanThuPKI

/// A certificate profile of `Rules/profiles/` (what a certificate must satisfy for a purpose).
public struct SigningProfile: Sendable {
    public var id: String
    public var title: Localized
    public var profile: CertificateProfile
    public var source: LegalSource
    public var basis: Basis
    public var location: SourceLocation
}

enum SigningProfileDecoder {
    static func decode(_ node: YNode) throws -> SigningProfile {
        let map = try node.mapping("profile")
        let id = try map.required("id").identifier("profile id")
        let algorithms = try map.required("key-algorithms").list("key-algorithms").map { item -> CertificateInfo.KeyAlgorithm in
            let name = try item.string("key algorithm")
            guard let value = CertificateInfo.KeyAlgorithm(rawValue: name), value != .other else {
                throw item.error("unknown key algorithm '\(name)' (expected rsa, ec, dsa, ed25519, ed448)")
            }
            return value
        }
        let strings = { (key: String) throws -> [String] in
            try map.required(key).list(key).map { try $0.string(key) }
        }
        let profile = CertificateProfile(
            name: id,
            minimumRSABits: try map.required("rsa-min-bits").int("rsa-min-bits", in: 512...16384),
            minimumECBits: try map.required("ec-min-bits").int("ec-min-bits", in: 160...571),
            allowedKeyAlgorithms: algorithms,
            forbiddenHashes: try strings("forbidden-hashes").map { $0.lowercased() },
            keyUsageAnyOf: try strings("key-usage-any-of"),
            extendedKeyUsageAnyOf: try strings("extended-key-usage-any-of"),
            expiringWithinDays: try map.required("expiring-within-days").int("expiring-within-days", in: 0...3650))
        let known = Set(CertificateInfo.keyUsageNames)
        for item in try map.required("key-usage-any-of").list("key-usage-any-of") {
            let name = try item.string("key usage")
            if !known.contains(name) {
                throw item.error("unknown key usage '\(name)'" + Suggestion.hint(for: name, in: known.sorted()))
            }
        }
        let result = SigningProfile(id: id, title: try map.required("title").localized("title"), profile: profile,
                                    source: try map.required("source").legalSource(),
                                    basis: try map.required("basis").enumValue("basis", as: Basis.self),
                                    location: node.location)
        try map.finish()
        return result
    }
}
