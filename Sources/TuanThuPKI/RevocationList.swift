import COpenSSL
import Foundation

/// A certificate revocation list. Owns its `X509_CRL*`.
public final class RevocationList: @unchecked Sendable {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { X509_CRL_free(pointer) }

    /// Reads every CRL of a PEM file or one DER CRL.
    public static func load(_ data: [UInt8], path: String) throws -> [RevocationList] {
        if PEM.looksLikePEM(data) {
            let lists = try PEM.read(data, path: path, what: "CRL", labels: ["X509 CRL"],
                                     next: { PEM_read_bio_X509_CRL($0, nil, nil, nil) },
                                     free: { X509_CRL_free($0) }).map(RevocationList.init(owning:))
            guard !lists.isEmpty else {
                throw PKIError.malformed(path: path, what: "CRL", reason: "no X509 CRL block in the PEM")
            }
            return lists
        }
        OpenSSLErrors.clear()
        let parsed = OpenSSLInput.der(data) { d2i_X509_CRL(nil, $0, $1) }
        guard let parsed else {
            throw PKIError.malformed(path: path, what: "CRL (PEM or DER)", reason: OpenSSLErrors.drainText(or: "unparseable"))
        }
        return [RevocationList(owning: parsed)]
    }

    public static func load(contentsOf url: URL, path: String, limit: Int = 50 * 1024 * 1024) throws -> [RevocationList] {
        try load(FileBytes.read(url, path: path, limit: limit), path: path)
    }
}
