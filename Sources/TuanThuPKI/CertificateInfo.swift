import COpenSSL

/// What a certificate says, as a Swift value.
public struct CertificateInfo: Hashable, Sendable, Codable {
    public enum KeyAlgorithm: String, Sendable, Codable {
        case rsa, ec, dsa, ed25519, ed448, other
    }

    public var subject: String
    public var issuer: String
    public var subjectCommonName: String?
    public var subjectOrganization: String?
    public var issuerCommonName: String?
    /// Upper-case hexadecimal.
    public var serial: String
    public var notBefore: Timestamp?
    public var notAfter: Timestamp?
    public var keyAlgorithm: KeyAlgorithm
    public var keyBits: Int
    /// The named curve of an EC key (`prime256v1`, `secp384r1`, …).
    public var curve: String?
    /// OpenSSL's long name of the signature algorithm (`sha256WithRSAEncryption`).
    public var signatureAlgorithm: String
    /// The hash of the signature algorithm (`sha256`), if it has one.
    public var signatureHash: String?
    /// Key usage bits by name; nil when the extension is absent.
    public var keyUsage: [String]?
    /// Extended key usage by name or dotted OID; nil when the extension is absent.
    public var extendedKeyUsage: [String]?
    public var isCA: Bool
    public var selfSigned: Bool
    /// SHA-256 fingerprint, colon-separated upper-case hex.
    public var fingerprint: String

    init(_ x: OpaquePointer) {
        subject = Names.text(X509_get_subject_name(x))
        issuer = Names.text(X509_get_issuer_name(x))
        subjectCommonName = Names.entry(X509_get_subject_name(x), nid: NID_commonName)
        subjectOrganization = Names.entry(X509_get_subject_name(x), nid: NID_organizationName)
        issuerCommonName = Names.entry(X509_get_issuer_name(x), nid: NID_commonName)
        serial = Self.serial(x)
        notBefore = Timestamp(X509_get0_notBefore(x))
        notAfter = Timestamp(X509_get0_notAfter(x))
        (keyAlgorithm, keyBits, curve) = Self.key(x)
        let signatureNID = X509_get_signature_nid(x)
        signatureAlgorithm = Self.name(nid: signatureNID)
        var digestNID: Int32 = 0
        var keyNID: Int32 = 0
        if OBJ_find_sigid_algs(signatureNID, &digestNID, &keyNID) == 1, digestNID != NID_undef {
            signatureHash = String(cString: OBJ_nid2sn(digestNID)).lowercased()
        }
        let flags = X509_get_extension_flags(x)
        keyUsage = flags & UInt32(EXFLAG_KUSAGE) != 0 ? Self.keyUsageNames(X509_get_key_usage(x)) : nil
        extendedKeyUsage = Self.extendedKeyUsage(x)
        isCA = X509_check_ca(x) != 0
        selfSigned = flags & UInt32(EXFLAG_SS) != 0
        fingerprint = Self.fingerprint(x)
    }

    private static func name(nid: Int32) -> String {
        guard nid != NID_undef, let text = OBJ_nid2ln(nid) else { return "unknown" }
        return String(cString: text)
    }

    private static func serial(_ x: OpaquePointer) -> String {
        guard let number = ASN1_INTEGER_to_BN(X509_get_serialNumber(x), nil) else { return "" }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "" }
        defer { tt_OPENSSL_free(hex) }
        return String(cString: hex)
    }

    private static func key(_ x: OpaquePointer) -> (KeyAlgorithm, Int, String?) {
        guard let key = X509_get0_pubkey(x) else { return (.other, 0, nil) }
        let bits = Int(EVP_PKEY_get_bits(key))
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: return (.rsa, bits, nil)
        case EVP_PKEY_DSA: return (.dsa, bits, nil)
        case EVP_PKEY_ED25519: return (.ed25519, bits, nil)
        case EVP_PKEY_ED448: return (.ed448, bits, nil)
        case EVP_PKEY_EC:
            return (.ec, bits, curveName(x))
        default: return (.other, bits, nil)
        }
    }

    /// The named curve from the SubjectPublicKeyInfo's algorithm parameters (no provider query).
    private static func curveName(_ x: OpaquePointer) -> String? {
        guard let publicKey = X509_get_X509_PUBKEY(x) else { return nil }
        var algorithm: UnsafeMutablePointer<X509_ALGOR>?
        guard X509_PUBKEY_get0_param(nil, nil, nil, &algorithm, publicKey) == 1, let algorithm else { return nil }
        var type: Int32 = 0
        var parameter: UnsafeRawPointer?
        X509_ALGOR_get0(nil, &type, &parameter, algorithm)
        guard type == V_ASN1_OBJECT, let parameter else { return nil }
        return ObjectNames.name(OpaquePointer(parameter))
    }

    static let keyUsageBits: [(UInt32, String)] = [
        (UInt32(KU_DIGITAL_SIGNATURE), "digitalSignature"), (UInt32(KU_NON_REPUDIATION), "nonRepudiation"),
        (UInt32(KU_KEY_ENCIPHERMENT), "keyEncipherment"), (UInt32(KU_DATA_ENCIPHERMENT), "dataEncipherment"),
        (UInt32(KU_KEY_AGREEMENT), "keyAgreement"), (UInt32(KU_KEY_CERT_SIGN), "keyCertSign"),
        (UInt32(KU_CRL_SIGN), "cRLSign"), (UInt32(KU_ENCIPHER_ONLY), "encipherOnly"),
        (UInt32(KU_DECIPHER_ONLY), "decipherOnly"),
    ]

    private static func keyUsageNames(_ bits: UInt32) -> [String] {
        keyUsageBits.filter { bits & $0.0 != 0 }.map(\.1)
    }

    private static func extendedKeyUsage(_ x: OpaquePointer) -> [String]? {
        var critical: Int32 = 0
        guard let raw = X509_get_ext_d2i(x, NID_ext_key_usage, &critical, nil) else { return nil }
        let stack = OpaquePointer(raw)
        defer { tt_EXTENDED_KEY_USAGE_free(stack) }
        var names: [String] = []
        for index in 0..<tt_sk_ASN1_OBJECT_num(stack) {
            guard let object = tt_sk_ASN1_OBJECT_value(stack, index) else { continue }
            names.append(ObjectNames.name(object))
        }
        return names
    }

    private static func fingerprint(_ x: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard let sha256 = Digests.sha256, X509_digest(x, sha256, &digest, &length) == 1 else { return "" }
        return Hex.colonSeparated(digest.prefix(Int(length)))
    }
}

/// Fast hexadecimal formatting (this runs for every certificate parsed).
enum Hex {
    private static let digits = Array("0123456789ABCDEF".utf8)

    static func colonSeparated<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if !out.isEmpty { out.append(UInt8(ascii: ":")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Names of ASN.1 objects: the short name OpenSSL knows (`emailProtection`), else the dotted OID.
enum ObjectNames {
    static func name(_ object: OpaquePointer) -> String {
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let short = OBJ_nid2sn(nid) { return String(cString: short) }
        return oid(object)
    }

    static func oid(_ object: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        return length > 0 ? String(nullTerminated: buffer) : ""
    }
}

/// Distinguished names as text.
enum Names {
    static func text(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, tt_name_flags_utf8()) >= 0 else { return "" }
        return BIOText.read(bio)
    }

    static func entry(_ name: OpaquePointer?, nid: Int32) -> String? {
        guard let name else { return nil }
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var out: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&out, data)
        guard length >= 0, let out else { return nil }
        defer { tt_OPENSSL_free(out) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }
}

enum BIOText {
    static func read(_ bio: OpaquePointer) -> String {
        var data: UnsafeMutablePointer<CChar>?
        let length = tt_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}

/// Message digests fetched from the provider once, not on every use (a fetch takes a lock).
enum Digests {
    nonisolated(unsafe) static let sha256: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)
}
