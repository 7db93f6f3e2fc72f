import COpenSSL

/// Byte arrays handed to OpenSSL's decoders: DER through a `d2i_*` function, PEM through a
/// read-only memory BIO.
enum OpenSSLInput {
    /// `d2i` over the whole of `data`, with the cursor and length the `d2i_*` functions take.
    static func der(_ data: [UInt8], _ d2i: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?)
        -> OpaquePointer? {
        data.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i(&cursor, buffer.count)
        }
    }

    /// A memory BIO over `data` for the time of `body`; nil when OpenSSL cannot allocate one.
    static func withBIO<T>(_ data: [UInt8], _ body: (OpaquePointer?) throws -> T) rethrows -> T {
        try data.withUnsafeBytes { raw in
            let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count))
            defer { if let bio { BIO_free(bio) } }
            return try body(bio)
        }
    }
}
