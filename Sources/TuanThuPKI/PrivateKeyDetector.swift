import Foundation
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

    /// Key material anywhere in the file, whatever its name: a PEM or OpenSSH block at any position,
    /// else a DER structure that OpenSSL reads as a private key (PKCS#1, PKCS#8, SEC 1), an encrypted
    /// PKCS#8 key or a PKCS#12 bundle. An encrypted key is recognised, never decrypted.
    public static func inspect(_ data: [UInt8], fileName: String) -> Found? {
        if PEM.containsPrivateKey(data) {
            return Found(kind: "PEM private key", publicKey: publicKey(pem: data))
        }
        // DER starts with a SEQUENCE; anything else (text, PDF, images) is not tried.
        guard data.count >= 16, data[0] == 0x30 else { return nil }
        if let found = derPrivateKey(data) { return found }
        if isEncryptedPKCS8(data) { return Found(kind: "encrypted DER private key (PKCS#8)", publicKey: nil) }
        return isPKCS12(data) ? Found(kind: "PKCS#12 bundle", publicKey: nil) : nil
    }

    /// A PEM or OpenSSH private key block anywhere in a file too big to read at once (a key
    /// appended to an archive or a video): 4 MiB at a time, each piece overlapping the last by the
    /// marker's length, so memory stays bounded whatever the file's size.
    public static func inspectLarge(atPath path: String) -> Found? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let marker = PEM.privateKeyMarker
        var carry: [UInt8] = []
        while let chunk = try? handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            let piece = carry + [UInt8](chunk)
            if piece.indexOf(marker) != nil { return Found(kind: "PEM private key", publicKey: nil) }
            carry = Array(piece.suffix(marker.count - 1))
        }
        return nil
    }

    private static func isEncryptedPKCS8(_ data: [UInt8]) -> Bool {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        guard let parsed = OpenSSLInput.der(data, { d2i_X509_SIG(nil, $0, $1) }) else { return false }
        defer { X509_SIG_free(parsed) }
        // An X509_SIG is also a DigestInfo: an encrypted key's algorithm is a PBE scheme (PBES2, PKCS#12 PBE).
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_SIG_get0(parsed, &algorithm, nil)
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        guard let object else { return false }
        let nid = OBJ_obj2nid(object)
        return nid == NID_pbes2 || (NID_pbe_WithSHA1And128BitRC4...NID_pbe_WithSHA1And40BitRC2_CBC).contains(nid)
            || nid == NID_pbeWithMD5AndDES_CBC || nid == NID_pbeWithSHA1AndDES_CBC
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
