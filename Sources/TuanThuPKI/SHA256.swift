import COpenSSL
import Foundation

/// SHA-256 digests of inputs (rule sets, the manifest of an audit), as lowercase hex.
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

    /// The digest and size of a regular file, read in blocks (a signed PDF may be large); nil when
    /// it is missing, not a regular file or unreadable. A FIFO is refused before it is opened.
    public static func file(atPath path: String) -> (hex: String, bytes: Int)? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let context = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, Digests.sha256, nil) == 1 else { return nil }
        // As large as the file (most are a few kilobytes), at most 64 KiB, and not zeroed first:
        // an audit hashes thousands of files.
        let size = max(1, min(Int(status.st_size) + 1, 1 << 16))
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = Foundation.read(descriptor, buffer, size)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            total += count
            guard EVP_DigestUpdate(context, buffer, count) == 1 else { return nil }
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { return nil }
        return (Hex.plain(Array(digest.prefix(Int(length)))).lowercased(), total)
    }
}
