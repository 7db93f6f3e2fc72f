/// What a certificate must satisfy for a purpose (e.g. document signing), beyond a valid path.
/// The engine reads it from `Rules/profiles/`; `defaults` are the DOMAIN.md §6 values.
public struct CertificateProfile: Sendable, Hashable {
    public var name: String
    public var minimumRSABits: Int
    public var minimumECBits: Int
    public var allowedKeyAlgorithms: [CertificateInfo.KeyAlgorithm]
    /// Hashes a certificate's signature must not use (lower-case OpenSSL short names).
    public var forbiddenHashes: [String]
    /// The key usage must include one of these; empty means no requirement.
    public var keyUsageAnyOf: [String]
    /// An extended key usage, if present, must include one of these; empty means no requirement.
    public var extendedKeyUsageAnyOf: [String]
    public var expiringWithinDays: Int

    public init(name: String, minimumRSABits: Int = 2048, minimumECBits: Int = 256,
                allowedKeyAlgorithms: [CertificateInfo.KeyAlgorithm] = [.rsa, .ec],
                forbiddenHashes: [String] = ["md2", "md4", "md5", "sha1"], keyUsageAnyOf: [String] = [],
                extendedKeyUsageAnyOf: [String] = [], expiringWithinDays: Int = 30) {
        self.name = name
        self.minimumRSABits = minimumRSABits
        self.minimumECBits = minimumECBits
        self.allowedKeyAlgorithms = allowedKeyAlgorithms
        self.forbiddenHashes = forbiddenHashes
        self.keyUsageAnyOf = keyUsageAnyOf
        self.extendedKeyUsageAnyOf = extendedKeyUsageAnyOf
        self.expiringWithinDays = expiringWithinDays
    }

    /// Document signing: digitalSignature or nonRepudiation; an EKU, if present, must allow
    /// e-mail protection, document signing (RFC 9336 or Microsoft's), Adobe PDF signing or any.
    public static let documentSigning = CertificateProfile(
        name: "document-signing",
        keyUsageAnyOf: ["digitalSignature", "nonRepudiation"],
        extendedKeyUsageAnyOf: ["emailProtection", "1.3.6.1.5.5.7.3.36", "1.3.6.1.4.1.311.10.3.12",
                                "1.2.840.113583.1.1.5", "anyExtendedKeyUsage"])

    /// Time stamping (RFC 3161 §2.3): the time-stamping authority of a document timestamp.
    public static let timeStamping = CertificateProfile(
        name: "time-stamping", keyUsageAnyOf: ["digitalSignature", "nonRepudiation"],
        extendedKeyUsageAnyOf: ["timeStamping"])

    /// Any purpose: key and algorithm strength only.
    public static let any = CertificateProfile(name: "any")
}
