import COpenSSL

/// One signer of a CMS signature, checked as the Vietnamese verification rules ask: who, which
/// organisation, when, integrity, validity at signing time and now (DOMAIN.md §6).
public struct SignerReport: Sendable, Codable {
    public var certificate: CertificateInfo?
    public var signingTime: Timestamp?
    public var digestAlgorithm: String
    /// The signer's certificate checked at the signing time (nil without a signing time).
    public var atSigningTime: CertificateReport?
    /// The signer's certificate checked at the audit time.
    public var atAuditTime: CertificateReport?
}

/// The outcome of verifying a CMS / PKCS#7 signature.
public struct SignatureReport: Sendable, Codable {
    /// The signature matches the content (the content was not changed since signing).
    public var integrity: Bool
    public var integrityDetail: String?
    public var signers: [SignerReport]
    /// What the signature covers (PDF byte ranges), if that is a question.
    public var coverage: Bilingual?
    /// For a PDF signature: whether it covers the whole file (no change was appended after it).
    public var coversWholeFile: Bool?
    /// For a PDF signature that does not cover the whole file: what the later updates do.
    public var laterUpdates: PDFUpdateReview?
    /// A document timestamp (PDF `/SubFilter /ETSI.RFC3161`): it proves when, not who; nil otherwise.
    public var isDocumentTimestamp: Bool?
    /// For a document timestamp: the time its token states.
    public var documentTimestamp: Timestamp?

    /// Nothing after this signature changes what was signed: it covers the whole file, or the
    /// updates after it only add validation data, timestamps and signatures.
    public var unchangedSinceSigning: Bool? {
        guard let coversWholeFile else { return nil }
        return coversWholeFile || laterUpdates?.permitsSignature == true
    }

    /// Valid: integrity holds and every signer's certificate was valid when it signed (at the
    /// audit time when the signature carries no signing time).
    public var isValid: Bool {
        integrity && !signers.isEmpty && signers.allSatisfy { ($0.atSigningTime ?? $0.atAuditTime)?.isValid == true }
    }
}

/// Verifies CMS signatures: the cryptographic integrity with OpenSSL, then each signer's
/// certificate through `CertificateChecker` at the signing time and at the audit time.
public struct SignatureVerifier: Sendable {
    public let checker: CertificateChecker

    public init(checker: CertificateChecker) {
        self.checker = checker
    }

    /// `signature` is DER or PEM CMS; `content` the detached content, nil when it is attached.
    public func verify(_ signature: [UInt8], content: [UInt8]?, at time: Timestamp, path: String) throws -> SignatureReport {
        let message = try CMSMessage(signature, path: path)
        OpenSSLErrors.clear()
        let verified: Int32 = withContent(content) { contentBIO in
            CMS_verify(message.pointer, nil, nil, contentBIO, nil, UInt32(CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY))
        }
        let integrityDetail = verified == 1 ? nil : OpenSSLErrors.drainText(or: "the signature does not verify")
        if verified != 1, content == nil, CMS_is_detached(message.pointer) == 1 {
            throw PKIError.malformed(path: path, what: "attached signature",
                                     reason: "the signature is detached: give the signed content (--content)")
        }
        // Certificates carried in the signature may complete the path, as intermediates only.
        let carried = message.certificates()
        let signers = message.signers(among: carried).map { signer -> SignerReport in
            let certificateReport = signer.certificate.map { checker.check($0, at: time, carried: carried) }
            let atSigning = signer.signingTime.flatMap { when in
                signer.certificate.map { checker.check($0, at: when, carried: carried) }
            }
            return SignerReport(certificate: signer.certificate?.info, signingTime: signer.signingTime,
                                digestAlgorithm: signer.digest, atSigningTime: atSigning, atAuditTime: certificateReport)
        }
        return SignatureReport(integrity: verified == 1, integrityDetail: integrityDetail, signers: signers)
    }

    private func withContent<T>(_ content: [UInt8]?, _ body: (OpaquePointer?) -> T) -> T {
        guard let content else { return body(nil) }
        return OpenSSLInput.withBIO(content, body)
    }
}

/// A parsed CMS ContentInfo. Owns its `CMS_ContentInfo*`.
final class CMSMessage {
    let pointer: OpaquePointer

    struct Signer {
        var certificate: Certificate?
        var signingTime: Timestamp?
        var digest: String
    }

    init(_ data: [UInt8], path: String) throws {
        OpenSSLErrors.clear()
        var parsed: OpaquePointer?
        if PEM.looksLikePEM(data) {
            parsed = OpenSSLInput.withBIO(data) { bio in bio.flatMap { tt_PEM_read_bio_CMS($0) } }
        } else {
            parsed = OpenSSLInput.der(data) { d2i_CMS_ContentInfo(nil, $0, $1) }
        }
        guard let parsed else {
            throw PKIError.malformed(path: path, what: "CMS/PKCS#7 signature", reason: OpenSSLErrors.drainText(or: "unparseable"))
        }
        guard OBJ_obj2nid(CMS_get0_type(parsed)) == NID_pkcs7_signed else {
            CMS_ContentInfo_free(parsed)
            throw PKIError.malformed(path: path, what: "CMS/PKCS#7 signature", reason: "it is not SignedData")
        }
        pointer = parsed
    }

    deinit { CMS_ContentInfo_free(pointer) }

    /// The certificates the signature carries.
    func certificates() -> [Certificate] {
        guard let stack = CMS_get1_certs(pointer) else { return [] }
        defer { tt_sk_X509_free(stack) }
        return (0..<tt_sk_X509_num(stack)).compactMap { tt_sk_X509_value(stack, $0).map(Certificate.init(owning:)) }
    }

    /// Each SignerInfo with its certificate (one of `carried`, the CMS certificate set already read
    /// by `certificates()`), signing time and digest.
    func signers(among carried: [Certificate]) -> [Signer] {
        guard let infos = CMS_get0_SignerInfos(pointer) else { return [] }
        let certificates = CMS_get1_certs(pointer)
        defer { if let certificates { tt_sk_X509_pop_free(certificates) } }
        if let certificates { CMS_set1_signers_certs(pointer, certificates, 0) }
        OpenSSLErrors.clear()
        return (0..<tt_sk_CMS_SignerInfo_num(infos)).compactMap { index in
            guard let info = tt_sk_CMS_SignerInfo_value(infos, index) else { return nil }
            var signerCertificate: OpaquePointer?
            var digestAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
            CMS_SignerInfo_get0_algs(info, nil, &signerCertificate, &digestAlgorithm, nil)
            let certificate = signerCertificate.flatMap { found in carried.first { $0.pointer == found } }
            var digest = "unknown"
            if let digestAlgorithm {
                var object: OpaquePointer?
                X509_ALGOR_get0(&object, nil, nil, digestAlgorithm)
                if let object { digest = ObjectNames.name(object) }
            }
            return Signer(certificate: certificate, signingTime: Self.signingTime(info), digest: digest)
        }
    }

    private static func signingTime(_ info: OpaquePointer) -> Timestamp? {
        let index = CMS_signed_get_attr_by_NID(info, NID_pkcs9_signingTime, -1)
        guard index >= 0, let attribute = CMS_signed_get_attr(info, index) else { return nil }
        for type in [V_ASN1_UTCTIME, V_ASN1_GENERALIZEDTIME] {
            if let data = X509_ATTRIBUTE_get0_data(attribute, 0, type, nil) {
                return Timestamp(UnsafePointer(data.assumingMemoryBound(to: ASN1_TIME.self)))
            }
        }
        return nil
    }
}

extension SignatureVerifier {
    /// A document timestamp (PDF `/SubFilter /ETSI.RFC3161`): an RFC 3161 token whose TSTInfo
    /// message imprint must be the hash of `content`. The time-stamping authority's certificate is
    /// checked at the token's time, for time stamping (RFC 3161 §2.3).
    public func verifyTimestampToken(_ token: [UInt8], content: [UInt8], at time: Timestamp, path: String) throws -> SignatureReport {
        let message = try CMSMessage(token, path: path)
        OpenSSLErrors.clear()
        let verified = CMS_verify(message.pointer, nil, nil, nil, nil, UInt32(CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY))
        var integrityDetail = verified == 1 ? nil : OpenSSLErrors.drainText(or: "the timestamp token does not verify")
        var integrity = verified == 1
        let info = message.timestampInfo()
        if let info {
            if info.imprint != info.digest(content) {
                integrity = false
                integrityDetail = "the timestamp's message imprint is not the hash of the signed bytes"
            }
        } else {
            integrity = false
            integrityDetail = integrityDetail ?? "the token holds no RFC 3161 TSTInfo"
        }
        let carried = message.certificates()
        let stamping = CertificateChecker(validator: checker.validator, profile: .timeStamping, rules: checker.rules)
        let signers = message.signers(among: carried).map { signer -> SignerReport in
            let now = signer.certificate.map { stamping.check($0, at: time, carried: carried) }
            let then = info.flatMap { info in signer.certificate.map { stamping.check($0, at: info.time, carried: carried) } }
            return SignerReport(certificate: signer.certificate?.info, signingTime: info?.time, digestAlgorithm: signer.digest,
                                atSigningTime: then, atAuditTime: now)
        }
        var report = SignatureReport(integrity: integrity, integrityDetail: integrityDetail, signers: signers)
        report.documentTimestamp = info?.time
        return report
    }
}

extension CMSMessage {
    struct TimestampInfo {
        var time: Timestamp
        var digestName: String
        var imprint: [UInt8]

        func digest(_ content: [UInt8]) -> [UInt8]? {
            guard let type = EVP_get_digestbyname(digestName) else { return nil }
            var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            let done = content.withUnsafeBytes { bytes in
                EVP_Digest(bytes.baseAddress, bytes.count, &out, &length, type, nil)
            }
            return done == 1 ? Array(out.prefix(Int(length))) : nil
        }
    }

    /// The TSTInfo the token encapsulates (RFC 3161 §2.4.2), nil when it holds none.
    func timestampInfo() -> TimestampInfo? {
        guard OBJ_obj2nid(CMS_get0_eContentType(pointer)) == NID_id_smime_ct_TSTInfo,
              let content = CMS_get0_content(pointer)?.pointee, let bytes = ASN1_STRING_get0_data(content) else {
            return nil
        }
        var cursor: UnsafePointer<UInt8>? = bytes
        guard let info = d2i_TS_TST_INFO(nil, &cursor, Int(ASN1_STRING_length(content))) else { return nil }
        defer { TS_TST_INFO_free(info) }
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint),
              let message = TS_MSG_IMPRINT_get_msg(imprint), let data = ASN1_STRING_get0_data(message),
              let generalized = TS_TST_INFO_get_time(info),
              let time = Timestamp(UnsafeRawPointer(generalized).assumingMemoryBound(to: ASN1_TIME.self)) else {
            return nil
        }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        guard let object else { return nil }
        let name = String(cString: OBJ_nid2sn(OBJ_obj2nid(object)))
        return TimestampInfo(time: time, digestName: name,
                             imprint: Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(message)))))
    }
}
