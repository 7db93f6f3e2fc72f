import COpenSSL

/// Finds private key material in files that should hold only public artefacts (INV.PRIVATE-KEY).
/// Only the kind of key and where it is are reported; the key itself is never copied anywhere.
public enum PrivateKeyDetector {
    public struct Found: Sendable, Hashable {
        /// "PEM private key", "PKCS#12 bundle", "DER private key".
        public var kind: String
        /// The matching public key (DER SubjectPublicKeyInfo), when the key could be read.
        public var publicKey: [UInt8]?
    }

    public static func inspect(_ data: [UInt8], fileName: String) -> Found? {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".p12") || lower.hasSuffix(".pfx") {
            return isPKCS12(data) ? Found(kind: "PKCS#12 bundle", publicKey: nil) : nil
        }
        if PEM.looksLikePEM(data) {
            guard PEM.containsPrivateKey(data) else { return nil }
            return Found(kind: "PEM private key", publicKey: publicKey(pem: data))
        }
        if lower.hasSuffix(".key") || lower.hasSuffix(".der") || lower.hasSuffix(".pk8") {
            return derPrivateKey(data)
        }
        return nil
    }

    private static func isPKCS12(_ data: [UInt8]) -> Bool {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        let parsed = OpenSSLInput.der(data) { d2i_PKCS12(nil, $0, $1) }
        guard let parsed else { return false }
        PKCS12_free(parsed)
        return true
    }

    private static func publicKey(pem data: [UInt8]) -> [UInt8]? {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        return OpenSSLInput.withBIO(data) { bio -> [UInt8]? in
            guard let bio else { return nil }
            // An encrypted key is never decrypted: the callback refuses, so OpenSSL does not fall back
            // to asking for a passphrase on the terminal.
            guard let key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil) else { return nil }
            defer { EVP_PKEY_free(key) }
            return encode(key)
        }
    }

    private static func derPrivateKey(_ data: [UInt8]) -> Found? {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        let key = OpenSSLInput.der(data) { d2i_AutoPrivateKey(nil, $0, $1) }
        guard let key else { return nil }
        defer { EVP_PKEY_free(key) }
        return Found(kind: "DER private key", publicKey: encode(key))
    }

    static func encode(_ key: OpaquePointer) -> [UInt8]? {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &out)
        guard length > 0, let out else { return nil }
        defer { tt_OPENSSL_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}

extension Certificate {
    /// DER SubjectPublicKeyInfo, to match a stray private key to its certificate.
    public var publicKeyDER: [UInt8]? {
        guard let key = X509_get0_pubkey(pointer) else { return nil }
        return PrivateKeyDetector.encode(key)
    }
}
