import COpenSSL
import Foundation

/// An X.509 certificate. Owns its `X509*` and frees it on deinit; nothing outside TuanThuPKI
/// sees the pointer.
public final class Certificate: @unchecked Sendable {
    // X509 objects are not mutated after parsing; OpenSSL 3 guards its lazily cached extension
    // data with a lock, so sharing across threads is safe.
    let pointer: OpaquePointer

    /// Takes ownership of a reference the caller holds.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { X509_free(pointer) }

    /// The certificate's properties as a Swift value.
    public private(set) lazy var info: CertificateInfo = CertificateInfo(self)

    /// DER encoding.
    public var der: [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(pointer, &out)
        guard length > 0, let out else { return [] }
        defer { tt_OPENSSL_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// Reads every certificate of a PEM file (several blocks allowed) or one DER certificate.
    public static func load(_ data: [UInt8], path: String) throws -> [Certificate] {
        if PEM.looksLikePEM(data) {
            let certificates = try PEM.read(data, path: path, what: "certificate",
                                            next: { PEM_read_bio_X509($0, nil, nil, nil) },
                                            free: { X509_free($0) }).map(Certificate.init(owning:))
            guard !certificates.isEmpty else {
                throw PKIError.malformed(path: path, what: "certificate",
                                         reason: PEM.containsPrivateKey(data)
                                             ? "the PEM holds a private key, not a certificate"
                                             : "no CERTIFICATE block in the PEM")
            }
            return certificates
        }
        OpenSSLErrors.clear()
        let parsed: OpaquePointer? = data.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            throw PKIError.malformed(path: path, what: "certificate (PEM or DER)",
                                     reason: OpenSSLErrors.drainText(or: "unparseable"))
        }
        return [Certificate(owning: parsed)]
    }

    /// Reads a file, refusing anything over `limit` bytes.
    public static func load(contentsOf url: URL, path: String, limit: Int = 10 * 1024 * 1024) throws -> [Certificate] {
        try load(FileBytes.read(url, path: path, limit: limit), path: path)
    }
}

/// Reading files with a size limit.
public enum FileBytes {
    public static func read(_ url: URL, path: String, limit: Int) throws -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes?[.size] as? Int, size > limit {
            throw PKIError.tooLarge(path: path, size: size, limit: limit)
        }
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw PKIError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}

/// PEM handling through memory BIOs.
enum PEM {
    static func looksLikePEM(_ data: [UInt8]) -> Bool {
        let prefix = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        return prefix.contains("-----BEGIN ")
    }

    static func containsPrivateKey(_ data: [UInt8]) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        return text.contains("PRIVATE KEY-----")
    }

    /// Reads objects until the PEM has no more; a damaged block is an error.
    static func read(_ data: [UInt8], path: String, what: String, next: (OpaquePointer) -> OpaquePointer?,
                     free: (OpaquePointer) -> Void) throws -> [OpaquePointer] {
        OpenSSLErrors.clear()
        return try data.withUnsafeBytes { raw -> [OpaquePointer] in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
                throw PKIError.unreadable(path: path, reason: OpenSSLErrors.drainText(or: "out of memory"))
            }
            defer { BIO_free(bio) }
            var objects: [OpaquePointer] = []
            while let object = next(bio) {
                objects.append(object)
            }
            let errors = OpenSSLErrors.drain()
            // Running out of blocks ends the loop with "no start line"; anything else is damage.
            let damage = errors.filter { !$0.contains("no start line") }
            if !damage.isEmpty {
                objects.forEach(free)
                throw PKIError.malformed(path: path, what: what, reason: damage.joined(separator: "; "))
            }
            return objects
        }
    }
}
