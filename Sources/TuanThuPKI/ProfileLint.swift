import COpenSSL

/// One departure of a certificate from the RFC 5280 certificate profile (PKI.PROFILE).
public struct ProfileViolation: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable {
        /// A MUST of the profile is broken: under `--strict` the certificate is not valid.
        case error
        /// Allowed by RFC 5280, but unfit for a signing certificate; never makes it invalid.
        case warning
    }

    /// A short stable name for the defect (`serial-zero`, `missing-aki`…).
    public var code: String
    public var severity: Severity
    /// Where the profile says so (RFC 5280 section, or the Vietnamese instrument).
    public var clause: String
    /// The certificate's place in the path: 0 the certificate checked, 1 its issuer, …
    public var depth: Int
    public var message: Bilingual
}

/// The RFC 5280 profile lint, with the Vietnamese official-duty profile's lifetime: what a
/// conforming CA MUST (and MUST NOT) put in a certificate,
/// read from the parsed certificate by OpenSSL's accessors, for every certificate of the path.
/// It judges form only; whether the path is trusted stays OpenSSL's decision (`PathValidator`).
enum ProfileLint {
    /// Five years and the leap days they may hold: the longest a new official-duty (chuyên dùng
    /// công vụ) subscriber certificate runs (Decree 68/2024/NĐ-CP, as DOMAIN.md §6 reports it).
    static let maximumLifetimeDays: Int64 = 5 * 365 + 2
    /// The violations of each certificate of `chain` (end entity first), or of `certificate`
    /// alone when no path was built.
    static func violations(_ certificate: Certificate, chain: [Certificate]) -> [ProfileViolation] {
        let path = chain.isEmpty ? [certificate] : chain
        return path.enumerated().flatMap { depth, member in violations(of: member, depth: depth) }
    }

    static func violations(of certificate: Certificate, depth: Int) -> [ProfileViolation] {
        let x = certificate.pointer
        var found: [ProfileViolation] = []
        // Named only when there is something to say: most certificates have nothing.
        func add(_ code: String, _ severity: ProfileViolation.Severity, _ clause: String, vi: String, en: String) {
            let whose = depth == 0 ? Bilingual(vi: "Chứng thư", en: "The certificate")
                : Bilingual(vi: "CA \(certificate.info.subject) (độ sâu \(depth))",
                            en: "CA \(certificate.info.subject) (depth \(depth))")
            found.append(ProfileViolation(code: code, severity: severity, clause: "RFC 5280 §\(clause)", depth: depth,
                                          message: Bilingual(vi: "\(whose.vi) \(vi) (RFC 5280 §\(clause)).",
                                                             en: "\(whose.en) \(en) (RFC 5280 §\(clause)).")))
        }
        let version = X509_get_version(x)
        let extensionCount = X509_get_ext_count(x)
        if version < 2, extensionCount > 0 {
            add("version-not-3", .error, "4.1.2.1", vi: "có phần mở rộng nhưng không phải phiên bản 3",
                en: "carries extensions but is not version 3")
        } else if version < 2, depth == 0 {
            add("version-1", .warning, "4.1.2.1", vi: "là phiên bản 1, không nêu được mục đích sử dụng khóa",
                en: "is version 1 and cannot state its key usage")
        }
        serial(x, add)
        times(x, add)
        if depth == 0, let start = Timestamp(X509_get0_notBefore(x)), let end = Timestamp(X509_get0_notAfter(x)),
           !certificate.info.isCA, end.seconds - start.seconds > maximumLifetimeDays * 86_400 {
            let days = (end.seconds - start.seconds) / 86_400
            found.append(ProfileViolation(
                code: "lifetime-over-5-years", severity: .warning, clause: "Nghị định 68/2024/NĐ-CP", depth: depth,
                message: Bilingual(vi: "Chứng thư có thời hạn \(days) ngày, quá 5 năm: chứng thư số chuyên dùng công vụ cấp mới có thời hạn tối đa 5 năm (Nghị định 68/2024/NĐ-CP; nguồn thứ cấp, DOMAIN.md §6).",
                                   en: "The certificate is valid for \(days) days, over 5 years: a new official-duty certificate is issued for at most 5 years (Decree 68/2024/NĐ-CP; secondary source, DOMAIN.md §6).")))
        }
        var unique: (issuer: UnsafePointer<ASN1_BIT_STRING>?, subject: UnsafePointer<ASN1_BIT_STRING>?) = (nil, nil)
        X509_get0_uids(x, &unique.issuer, &unique.subject)
        if unique.issuer != nil || unique.subject != nil {
            add("unique-identifiers", .error, "4.1.2.8", vi: "mang định danh duy nhất (unique identifier)",
                en: "carries unique identifiers")
        }
        duplicates(x, extensionCount, add)

        let flags = X509_get_extension_flags(x)
        let selfSigned = flags & UInt32(EXFLAG_SS) != 0
        let basic = extensionState(x, NID_basic_constraints)
        let isCA = flags & UInt32(EXFLAG_CA) != 0 && basic.present
        let usesAsCA = depth > 0
        if !selfSigned, X509_get0_authority_key_id(x) == nil {
            add("missing-aki", .error, "4.2.1.1", vi: "thiếu định danh khóa của CA cấp (authorityKeyIdentifier)",
                en: "lacks the authority key identifier")
        }
        if isCA || usesAsCA, X509_get0_subject_key_id(x) == nil {
            add("missing-ski", .error, "4.2.1.2", vi: "là CA nhưng thiếu định danh khóa chủ thể (subjectKeyIdentifier)",
                en: "is a CA without a subject key identifier")
        }
        if usesAsCA, !basic.present {
            add("ca-without-basic-constraints", .error, "4.2.1.9",
                vi: "là CA nhưng thiếu phần mở rộng basicConstraints", en: "is a CA without basic constraints")
        } else if (usesAsCA || isCA), !basic.critical {
            add("basic-constraints-not-critical", .error, "4.2.1.9",
                vi: "có basicConstraints của CA không được đánh dấu critical",
                en: "marks its CA basic constraints non-critical")
        }
        if depth == 0, isCA {
            add("end-entity-is-ca", .warning, "4.2.1.9", vi: "ký văn bản nhưng lại là chứng thư CA (cA=TRUE)",
                en: "signs documents but is a CA certificate (cA=TRUE)")
        }
        if flags & UInt32(EXFLAG_KUSAGE) != 0 {
            let usage = X509_get_key_usage(x)
            if usage & UInt32(KU_KEY_CERT_SIGN) != 0, !isCA {
                add("keycertsign-without-ca", .error, "4.2.1.3", vi: "có keyCertSign mà không có cA trong basicConstraints",
                    en: "asserts keyCertSign without the cA bit of basic constraints")
            }
            if usage == 0 {
                add("key-usage-empty", .error, "4.2.1.3", vi: "có phần mở rộng keyUsage không bật bit nào",
                    en: "has a key usage extension with no bit set")
            }
        }
        if extendedKeyUsageIsEmpty(x) {
            add("eku-empty", .error, "4.2.1.12", vi: "có phần mở rộng extendedKeyUsage rỗng",
                en: "has an empty extended key usage")
        }
        let alternative = extensionState(x, NID_subject_alt_name)
        if let subject = X509_get_subject_name(x), X509_NAME_entry_count(subject) == 0 {
            if !alternative.present {
                add("empty-subject-without-san", .error, "4.2.1.6", vi: "có chủ thể rỗng mà không có subjectAltName",
                    en: "has an empty subject and no subject alternative name")
            } else if !alternative.critical {
                add("empty-subject-san-not-critical", .error, "4.2.1.6",
                    vi: "có chủ thể rỗng nhưng subjectAltName không được đánh dấu critical",
                    en: "has an empty subject but a non-critical subject alternative name")
            }
        }
        let constraints = extensionState(x, NID_name_constraints)
        if constraints.present {
            if !(isCA || usesAsCA) {
                add("name-constraints-in-end-entity", .error, "4.2.1.10",
                    vi: "không phải CA nhưng mang nameConstraints", en: "is not a CA but carries name constraints")
            } else if !constraints.critical {
                add("name-constraints-not-critical", .error, "4.2.1.10",
                    vi: "có nameConstraints không được đánh dấu critical", en: "marks its name constraints non-critical")
            }
        }
        let policy = extensionState(x, NID_policy_constraints)
        if policy.present, !policy.critical {
            add("policy-constraints-not-critical", .error, "4.2.1.11",
                vi: "có policyConstraints không được đánh dấu critical", en: "marks its policy constraints non-critical")
        }
        return found
    }

    /// Records a violation: code, severity, section, then the Vietnamese and English texts.
    private typealias Add = (String, ProfileViolation.Severity, String, String, String) -> Void

    /// A positive integer of at most 20 octets (§4.1.2.2).
    private static func serial(_ x: OpaquePointer, _ add: Add) {
        guard let serial = X509_get0_serialNumber(x) else { return }
        let length = Int(ASN1_STRING_length(serial))
        let bytes = ASN1_STRING_get0_data(serial).map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
        if ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER {
            add("serial-negative", .error, "4.1.2.2", "có số hiệu âm", "has a negative serial number")
        } else if bytes.allSatisfy({ $0 == 0 }) {
            add("serial-zero", .error, "4.1.2.2", "có số hiệu bằng 0", "has serial number zero")
        }
        // The encoding adds a leading zero octet when the magnitude's first bit is set.
        let encoded = length + ((bytes.first ?? 0) & 0x80 != 0 ? 1 : 0)
        if encoded > 20 {
            add("serial-too-long", .error, "4.1.2.2", "có số hiệu dài \(encoded) octet (tối đa 20)",
                "has a serial number of \(encoded) octets (at most 20)")
        }
    }

    /// UTCTime through 2049 and GeneralizedTime from 2050, to the second, in UTC (§4.1.2.5).
    private static func times(_ x: OpaquePointer, _ add: Add) {
        for (name, time) in [("notBefore", X509_get0_notBefore(x)), ("notAfter", X509_get0_notAfter(x))] {
            guard let time else { continue }
            let length = Int(ASN1_STRING_length(time))
            let text = ASN1_STRING_get0_data(time).map {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            } ?? ""
            let type = ASN1_STRING_type(time)
            let wellFormed = type == V_ASN1_UTCTIME ? length == 13 && text.hasSuffix("Z")
                : type == V_ASN1_GENERALIZEDTIME ? length == 15 && text.hasSuffix("Z") : false
            guard wellFormed else {
                add("time-format", .error, "4.1.2.5", "ghi \(name) '\(text)' không đúng dạng (đến giây, theo UTC, kết thúc bằng Z)",
                    "writes \(name) '\(text)' in a form the profile does not allow (to the second, UTC, ending in Z)")
                continue
            }
            let year = type == V_ASN1_UTCTIME ? nil : Int(text.prefix(4))
            if let year, year < 2050 {
                add("time-generalized-before-2050", .error, "4.1.2.5",
                    "ghi \(name) năm \(year) bằng GeneralizedTime (trước 2050 phải dùng UTCTime)",
                    "writes \(name) in \(year) as GeneralizedTime (UTCTime is required before 2050)")
            }
        }
    }

    /// No extension twice (§4.2).
    private static func duplicates(_ x: OpaquePointer, _ count: Int32,
                                   _ add: Add) {
        for oid in duplicateExtensions(x, count) {
            add("duplicate-extension", .error, "4.2", "mang phần mở rộng \(oid) hai lần", "carries the extension \(oid) twice")
        }
    }

    /// The OID of each extension that repeats one before it. A certificate's few extensions are
    /// compared with those before them by their encoded OIDs (`OBJ_cmp`), and the text of an OID
    /// is made only to name a repeat (making and hashing it for every extension cost more than
    /// the rest of the lint); past `pairwiseUpTo` extensions, a set of their texts keeps the cost
    /// linear.
    static func duplicateExtensions(_ x: OpaquePointer, _ count: Int32, pairwiseUpTo limit: Int = 32) -> [String] {
        func text(_ object: OpaquePointer) -> String? {
            var buffer = [CChar](repeating: 0, count: 128)
            let written = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
            guard written > 0 else { return nil }
            return String(decoding: buffer.prefix(Int(min(written, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let objects = (0..<max(count, 0)).compactMap { X509_EXTENSION_get_object(X509_get_ext(x, $0)) }
        guard objects.count > limit else {
            return objects.indices.compactMap { index in
                objects[..<index].contains { OBJ_cmp($0, objects[index]) == 0 } ? text(objects[index]) : nil
            }
        }
        var seen: Set<String> = []
        return objects.compactMap { object in
            guard let oid = text(object), !seen.insert(oid).inserted else { return nil }
            return oid
        }
    }

    /// Whether the extension is there, and marked critical.
    private static func extensionState(_ x: OpaquePointer, _ nid: Int32) -> (present: Bool, critical: Bool) {
        let index = X509_get_ext_by_NID(x, nid, -1)
        guard index >= 0, let ext = X509_get_ext(x, index) else { return (false, false) }
        return (true, X509_EXTENSION_get_critical(ext) != 0)
    }

    /// An extended key usage extension with no purpose in it (SIZE (1..MAX)).
    private static func extendedKeyUsageIsEmpty(_ x: OpaquePointer) -> Bool {
        let index = X509_get_ext_by_NID(x, NID_ext_key_usage, -1)
        guard index >= 0, let ext = X509_get_ext(x, index), let data = X509_EXTENSION_get_data(ext) else { return false }
        // The extension's value is the DER of the SEQUENCE: an empty one is 30 00.
        let length = Int(ASN1_STRING_length(data))
        guard let bytes = ASN1_STRING_get0_data(data) else { return false }
        return length == 2 && bytes[0] == 0x30 && bytes[1] == 0x00
    }
}
