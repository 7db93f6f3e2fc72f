import COpenSSL

/// SHA-256 digests of inputs (rule sets, later the manifest of an audit), as lowercase hex.
public enum SHA256 {
    /// The digest of `bytes`; empty only if OpenSSL has no SHA-256, which a working build always has.
    public static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, Digests.sha256, nil)
        }
        guard ok == 1 else { return "" }
        return Hex.plain(Array(digest.prefix(Int(length)))).lowercased()
    }
}
