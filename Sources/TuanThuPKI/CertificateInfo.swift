import COpenSSL
import Foundation

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

    /// The key as reports name it: `RSA 2048`, `EC 256 prime256v1`; `OTHER` for a key of another
    /// type, whose size is given when OpenSSL decoded it.
    public var keyDescription: String {
        let size = keyBits > 0 ? " \(keyBits)" : ""
        return "\(keyAlgorithm.rawValue.uppercased())\(size)" + (curve.map { " \($0)" } ?? "")
    }

    init(_ x: OpaquePointer) {
        let subjectName = Names.read(X509_get_subject_name(x))
        let issuerName = Names.cachedIssuer(X509_get_issuer_name(x))
        subject = subjectName.text
        issuer = issuerName.text
        subjectCommonName = subjectName.first(NID_commonName)
        subjectOrganization = subjectName.first(NID_organizationName)
        issuerCommonName = issuerName.first(NID_commonName)
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

    /// The serial's magnitude in upper-case hex (as `BN_bn2hex` writes it), read without a BIGNUM.
    private static func serial(_ x: OpaquePointer) -> String {
        guard let integer = X509_get0_serialNumber(x), let bytes = ASN1_STRING_get0_data(integer) else { return "" }
        let length = Int(ASN1_STRING_length(integer))
        var digits = Hex.plain(UnsafeBufferPointer(start: bytes, count: length))
        if digits.isEmpty { digits = "0" }
        return ASN1_STRING_type(integer) == V_ASN1_NEG_INTEGER ? "-" + digits : digits
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

    /// The key usage names certificates can carry, as `keyUsage` spells them.
    public static var keyUsageNames: [String] { keyUsageBits.map(\.1) }

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

    static func plain<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

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

/// Distinguished names as text: RFC 2253 order and escaping (as `X509_NAME_print_ex` with
/// `XN_FLAG_RFC2253` writes them), UTF-8 kept as UTF-8, built without a BIO.
enum Names {
    struct Parsed {
        var text: String
        var entries: [(nid: Int32, value: String)]

        func first(_ nid: Int32) -> String? { entries.first { $0.nid == nid }?.value }
    }

    /// Issuer names repeat across every certificate of one CA: read each distinct one once.
    static func cachedIssuer(_ name: OpaquePointer?) -> Parsed {
        guard let name else { return read(nil) }
        var der: UnsafePointer<UInt8>?
        var length = 0
        guard X509_NAME_get0_der(name, &der, &length) == 1, let der, length > 0, length < 4096 else { return read(name) }
        let key = Array(UnsafeBufferPointer(start: der, count: length))
        return issuerCache.value(for: key) { read(name) }
    }

    /// Keyed by the name's DER; it stops growing at a few thousand (there are only so many CAs).
    private static let issuerCache = LockedCache<[UInt8], Parsed>(limit: 4096)

    static func read(_ name: OpaquePointer?) -> Parsed {
        guard let name else { return Parsed(text: "", entries: []) }
        let count = X509_NAME_entry_count(name)
        var entries: [(nid: Int32, value: String)] = []
        var parts: [(set: Int32, text: String)] = []
        for index in 0..<count {
            guard let entry = X509_NAME_get_entry(name, index), let object = X509_NAME_ENTRY_get_object(entry),
                  let data = X509_NAME_ENTRY_get_data(entry) else { continue }
            let nid = OBJ_obj2nid(object)
            var out: UnsafeMutablePointer<UInt8>?
            let length = ASN1_STRING_to_UTF8(&out, data)
            var value = ""
            if length >= 0, let out {
                value = String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
                tt_OPENSSL_free(out)
            }
            entries.append((nid, value))
            let label = nid != NID_undef ? OBJ_nid2sn(nid).map { String(cString: $0) } ?? ObjectNames.oid(object)
                : ObjectNames.oid(object)
            parts.append((X509_NAME_ENTRY_set(entry), label + "=" + escape(value)))
        }
        // Most significant last in the encoding, first in RFC 2253; a multi-valued RDN joins with '+'.
        var text = ""
        var previousSet: Int32?
        for part in parts.reversed() {
            if let previousSet { text += part.set == previousSet ? "+" : "," }
            text += part.text
            previousSet = part.set
        }
        return Parsed(text: text, entries: entries)
    }

    /// RFC 2253 §2.4 escaping; control characters as `\XX`.
    static func escape(_ value: String) -> String {
        // Most values need nothing: told from their UTF-8 bytes (a byte below 0x80 is never part
        // of a longer character), without splitting them into scalars.
        guard needsEscape(value) else { return value }
        var out = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case ",", "+", "\"", "\\", "<", ">", ";":
                out += "\\" + String(scalar)
            case "#" where index == 0, " " where index == 0 || index == scalars.count - 1:
                out += "\\" + String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\" + Hex.plain([UInt8(scalar.value)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `escape` changes `value`: a character RFC 2253 escapes anywhere, a `#` or space
    /// where it escapes them, or a control character.
    static func needsEscape(_ value: String) -> Bool {
        let utf8 = value.utf8
        if utf8.first == UInt8(ascii: "#") || utf8.first == 0x20 || utf8.last == 0x20 { return true }
        return utf8.contains { byte in
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"),
                 UInt8(ascii: ">"), UInt8(ascii: ";"), 0x7F: true
            default: byte < 0x20
            }
        }
    }
}

/// Message digests fetched from the provider once, not on every use (a fetch takes a lock).
enum Digests {
    nonisolated(unsafe) static let sha256: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)
}
