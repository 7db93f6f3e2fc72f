import COpenSSL
import Foundation

/// Signatures between the certificates of a trust material (an anchor over an intermediate, an
/// intermediate over another), checked once and remembered: every leaf under the same issuing CA
/// would otherwise have OpenSSL verify the CA's signature again (an RSA-3072 verification per
/// leaf, half the cost of validating a path).
///
/// Only pairs of certificates the trust material holds are remembered, keyed by their `X509*`:
/// these objects are immutable and live as long as the `SharedStore` that owns this memo, so a key
/// can never be reused by another certificate. A valid signature stays valid: it depends on
/// nothing else (`X509_verify` with the issuer's public key).
final class SignatureMemo: @unchecked Sendable {
    private struct Pair: Hashable {
        let issuer: OpaquePointer
        let subject: OpaquePointer
    }

    private let known: Set<OpaquePointer>
    private let lock = NSLock()
    private var valid: Set<Pair> = []
    private var verifications = 0

    init(known: Set<OpaquePointer>) {
        self.known = known
    }

    var count: Int { lock.withLock { valid.count } }
    /// How many signatures between trust-material certificates OpenSSL actually verified.
    var verified: Int { lock.withLock { verifications } }

    /// Whether `subject` and `issuer` are both certificates of the trust material.
    func remembers(issuer: OpaquePointer, subject: OpaquePointer) -> Bool {
        known.contains(issuer) && known.contains(subject)
    }

    /// `X509_verify(subject, key)`: 1 valid, anything else not. Only a valid signature is
    /// remembered: OpenSSL also returns 0 when it fails for a reason of its own (an allocation,
    /// an algorithm it could not fetch), which must not stick to the pair.
    func verify(_ subject: OpaquePointer, issuer: OpaquePointer, key: OpaquePointer) -> Int32 {
        guard remembers(issuer: issuer, subject: subject) else { return X509_verify(subject, key) }
        let pair = Pair(issuer: issuer, subject: subject)
        let known = lock.withLock {
            if valid.contains(pair) { return true }
            verifications += 1
            return false
        }
        if known { return 1 }
        let outcome = X509_verify(subject, key)
        if outcome == 1 { lock.withLock { _ = valid.insert(pair) } }
        return outcome
    }
}

/// OpenSSL's `internal_verify` (crypto/x509/x509_vfy.c, OpenSSL 3.0), the step of
/// `X509_verify_cert` that checks each signature and validity period of the built chain, with one
/// difference: a signature between two certificates of the trust material goes through the
/// `SignatureMemo`. It runs only where that can help and where every step can be done exactly as
/// OpenSSL does it with the functions OpenSSL exports; anywhere else OpenSSL's own function runs:
/// - no pair of the chain is in the memo (a chain of carried certificates, a self-signed leaf);
/// - `X509_V_FLAG_PARTIAL_CHAIN` is set (tuanthu never sets it);
/// - a certificate of the chain has an invalid extension (OpenSSL then reads key usage from
///   fields it does not export).
/// DANE, the only source of OpenSSL's bare trust-anchor case, is never used by tuanthu.
/// Tests run the PKITS and x509-limbo suites with and without this function and require the
/// same problems and chains.
func verifyChainSignatures(_ context: OpaquePointer?) -> Int32 {
    guard let context, let data = tt_X509_STORE_CTX_get_app_data(context) else { return 0 }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(data).takeUnretainedValue()
    guard let original = collector.openSSLVerify else { return 0 }
    guard let memo = collector.signatures, let chain = X509_STORE_CTX_get0_chain(context),
          let parameters = X509_STORE_CTX_get0_param(context),
          let callback = X509_STORE_CTX_get_verify_cb(context) else { return original(context) }
    let count = Int(tt_sk_X509_num(chain))
    let certificates = (0..<count).compactMap { tt_sk_X509_value(chain, Int32($0)) }
    let flags = X509_VERIFY_PARAM_get_flags(parameters)
    let helps = zip(certificates, certificates.dropFirst()).contains { memo.remembers(issuer: $1, subject: $0) }
    guard certificates.count == count, count > 0, helps, flags & UInt(X509_V_FLAG_PARTIAL_CHAIN) == 0,
          !certificates.contains(where: { X509_get_extension_flags($0) & UInt32(EXFLAG_INVALID) != 0 })
    else { return original(context) }

    /// OpenSSL's `verify_cb_cert`: reports `error` on `certificate` at `depth`; false stops.
    func report(_ certificate: OpaquePointer, depth: Int, _ error: Int32) -> Bool {
        X509_STORE_CTX_set_error_depth(context, Int32(depth))
        X509_STORE_CTX_set_current_cert(context, certificate)
        if error != X509_V_OK { X509_STORE_CTX_set_error(context, error) }
        return callback(0, context) != 0
    }

    var depth = count - 1
    var issuer = certificates[depth]
    var subject = issuer
    X509_STORE_CTX_set_error_depth(context, Int32(depth))
    // The top certificate is its own issuer when OpenSSL's `ossl_x509_likely_issued(top, top)`
    // passes. `X509_check_issued` runs that check and then the key-usage one; their error codes
    // are distinct, so a key-usage code means the first check passed.
    let selfIssued = [X509_V_OK, X509_V_ERR_KEYUSAGE_NO_CERTSIGN, X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE]
        .contains(X509_check_issued(issuer, issuer))
    if !selfIssued {
        if depth > 0 {
            depth -= 1
            X509_STORE_CTX_set_error_depth(context, Int32(depth))
            subject = certificates[depth]
        } else if !report(issuer, depth: 0, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE) {
            return 0
        }
    }
    while depth >= 0 {
        let issuerFlags = X509_get_extension_flags(issuer)
        let checksSelfSignature = flags & UInt(X509_V_FLAG_CHECK_SS_SIGNATURE) != 0
            && issuerFlags & UInt32(EXFLAG_SS) != 0
        if subject != issuer || checksSelfSignature {
            let issuerDepth = depth + (subject == issuer ? 0 : 1)
            let allowed = subject == issuer && issuerFlags & UInt32(EXFLAG_CA) == 0
                ? X509_V_OK : signingAllowed(issuer: issuer, subject: subject)
            if allowed != X509_V_OK, !report(issuer, depth: issuerDepth, allowed) { return 0 }
            if let key = X509_get0_pubkey(issuer) {
                if memo.verify(subject, issuer: issuer, key: key) <= 0,
                   !report(subject, depth: depth, X509_V_ERR_CERT_SIGNATURE_FAILURE) { return 0 }
            } else if !report(issuer, depth: issuerDepth, X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY) {
                return 0
            }
        }
        guard checkTime(subject, depth: depth, flags: flags, parameters: parameters, report: report) else { return 0 }
        // OpenSSL also records the issuer as `current_issuer`, which has no setter; nothing after
        // this step reads it (revocation, its only reader, ran before).
        X509_STORE_CTX_set_current_cert(context, subject)
        X509_STORE_CTX_set_error_depth(context, Int32(depth))
        if callback(1, context) == 0 { return 0 }
        depth -= 1
        if depth >= 0 {
            issuer = subject
            subject = certificates[depth]
        }
    }
    return 1
}

/// OpenSSL's `ossl_x509_signing_allowed`: the issuer's key usage must allow signing certificates
/// (a digital signature for a proxy certificate). `X509_get_key_usage` is all bits without the
/// extension, as OpenSSL's `ku_reject` reads it (the chain has no invalid extension here).
private func signingAllowed(issuer: OpaquePointer, subject: OpaquePointer) -> Int32 {
    let usage = X509_get_key_usage(issuer)
    if X509_get_extension_flags(subject) & UInt32(EXFLAG_PROXY) != 0 {
        return usage & UInt32(KU_DIGITAL_SIGNATURE) == 0 ? X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE : X509_V_OK
    }
    return usage & UInt32(KU_KEY_CERT_SIGN) == 0 ? X509_V_ERR_KEYUSAGE_NO_CERTSIGN : X509_V_OK
}

/// OpenSSL's `ossl_x509_check_cert_time` for a certificate of the chain (depth 0 or more).
private func checkTime(_ certificate: OpaquePointer, depth: Int, flags: UInt, parameters: OpaquePointer,
                       report: (OpaquePointer, Int, Int32) -> Bool) -> Bool {
    var time = X509_VERIFY_PARAM_get_time(parameters)
    let useTime = flags & UInt(X509_V_FLAG_USE_CHECK_TIME) != 0
    if !useTime, flags & UInt(X509_V_FLAG_NO_CHECK_TIME) != 0 { return true }
    func compare(_ value: UnsafePointer<ASN1_TIME>?) -> Int32 {
        useTime ? X509_cmp_time(value, &time) : X509_cmp_time(value, nil)
    }
    let notBefore = compare(X509_get0_notBefore(certificate))
    if notBefore == 0, !report(certificate, depth, X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD) { return false }
    if notBefore > 0, !report(certificate, depth, X509_V_ERR_CERT_NOT_YET_VALID) { return false }
    let notAfter = compare(X509_get0_notAfter(certificate))
    if notAfter == 0, !report(certificate, depth, X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD) { return false }
    if notAfter < 0, !report(certificate, depth, X509_V_ERR_CERT_HAS_EXPIRED) { return false }
    return true
}
