import COpenSSL
import Foundation

/// An X.509 certificate. Owns its `X509*` and frees it on deinit; nothing outside TuanThuPKI
/// sees the pointer.
public final class Certificate: @unchecked Sendable {
    // X509 objects are not mutated after parsing; OpenSSL 3 guards its lazily cached extension
    // data with a lock, so sharing across threads is safe.
    let pointer: OpaquePointer

    /// The certificate's properties as a Swift value, read once when the certificate is parsed.
    public let info: CertificateInfo

    /// Takes ownership of a reference the caller holds.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
        self.info = CertificateInfo(pointer)
    }

    deinit { X509_free(pointer) }

    /// Reads every certificate of a PEM file (several blocks allowed) or one DER certificate.
    public static func load(_ data: [UInt8], path: String) throws -> [Certificate] {
        if PEM.looksLikePEM(data) {
            let certificates = try PEM.read(data, path: path, what: "certificate",
                                            labels: pemLabels,
                                            next: Self.readPEM,
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
        let parsed = OpenSSLInput.der(data, Self.parseDER)
        guard let parsed else {
            throw PKIError.malformed(path: path, what: "certificate (PEM or DER)",
                                     reason: OpenSSLErrors.drainText(or: "unparseable"))
        }
        return [Certificate(owning: parsed)]
    }

    /// The labels of PEM blocks that hold a certificate (counted to know how many to read; OpenSSL
    /// reads `CERTIFICATE` and `X509 CERTIFICATE` blocks and refuses the others).
    static let pemLabels = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]

    /// The next certificate of a PEM stream: `PEM_read_bio_X509` (same labels, headers and errors),
    /// except that the certificate is made in the calling thread's library context and that an
    /// encrypted block is refused instead of asking for a password on the terminal.
    static func readPEM(_ bio: OpaquePointer) -> OpaquePointer? {
        PEM_ASN1_read_bio(parseInContext, "CERTIFICATE", bio, nil, refusePassword, nil).map(OpaquePointer.init)
    }

    /// One DER certificate, made in the calling thread's library context. Like `d2i_X509` with no
    /// object passed in: extensions are cached later, so a bad extension is a validation problem,
    /// not an unreadable certificate.
    static func parseDER(_ cursor: UnsafeMutablePointer<UnsafePointer<UInt8>?>, _ length: Int) -> OpaquePointer? {
        parseDER(cursor, length, in: LibraryContexts.current)
    }

    /// `parseDER` in the library context given.
    static func parseDER(_ cursor: UnsafeMutablePointer<UnsafePointer<UInt8>?>, _ length: Int,
                         in context: OpaquePointer?) -> OpaquePointer? {
        ASN1_item_d2i_ex(nil, cursor, length, X509_it(), context, nil)
    }

    /// One DER certificate made in `context` (a waiting leaf, whose DER `LeafReading` found to be
    /// one certificate and nothing more); OpenSSL's errors are left cleared.
    static func parse(der: [UInt8], in context: OpaquePointer) -> OpaquePointer? {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        return OpenSSLInput.der(der) { parseDER($0, $1, in: context) }
    }

    /// Reads a file, refusing anything over `limit` bytes.
    public static func load(contentsOf url: URL, path: String, limit: Int = 10 * 1024 * 1024) throws -> [Certificate] {
        try load(FileBytes.read(url, path: path, limit: limit), path: path)
    }
}

/// Parsed CA certificates shared across files: a chain file per signer repeats the same CA
/// certificate, which is then parsed once. Keyed by the exact PEM block; safe across threads.
/// End-entity certificates are not kept (each file has its own), so the cache stays small.
public final class CertificateCache: @unchecked Sendable {
    /// A PEM block. Its hash covers its length, its first 128 bytes (the header and the start of
    /// the certificate, serial number included) and its last 128 (the end of the signature):
    /// hashing every byte of every leaf cost more than reading it. Equality compares every byte.
    private struct Block: Hashable {
        let bytes: ArraySlice<UInt8>

        static func == (a: Block, b: Block) -> Bool { a.bytes.elementsEqual(b.bytes) }

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes.count)
            bytes.withUnsafeBytes { raw in
                let head = min(raw.count, 128)
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[..<head]))
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[max(head, raw.count - 128)...]))
            }
        }
    }

    private let parsed = LockedCache<Block, Certificate>()

    public init() {}

    /// Every certificate of a PEM or DER file, reusing CA certificates already parsed from the same block.
    public func load(_ data: [UInt8], path: String) throws -> [Certificate] {
        guard PEM.looksLikePEM(data) else { return try Certificate.load(data, path: path) }
        let blocks = PEM.blocks(data, label: "CERTIFICATE")
        // Older labels are rare: such a file is simply parsed whole.
        guard !blocks.isEmpty, !PEM.hasOlderCertificateLabels(data) else { return try Certificate.load(data, path: path) }
        return try parse(blocks, path: path)
    }

    /// A file's `CERTIFICATE` blocks, each parsed (CA certificates once for all files).
    func parse(_ blocks: some Sequence<ArraySlice<UInt8>>, path: String) throws -> [Certificate] {
        var result: [Certificate] = []
        for block in blocks.map(Block.init) {
            if let known = parsed.value(for: block) {
                result.append(known)
                continue
            }
            // One CERTIFICATE block: read as `Certificate.load` reads it, without finding it again.
            guard let certificate = try PEM.read(Array(block.bytes), path: path, what: "certificate",
                                                 labels: ["CERTIFICATE"], next: Certificate.readPEM,
                                                 free: { X509_free($0) }).first.map(Certificate.init(owning:))
            else { continue }
            if certificate.info.isCA { parsed.store(certificate, for: block) }
            result.append(certificate)
        }
        return result
    }
}

/// PEM handling through memory BIOs.
public enum PEM {
    private static let beginMarker = Array("-----BEGIN ".utf8)

    /// A `-----BEGIN ` marker within the first 64 KiB.
    static func looksLikePEM(_ data: [UInt8]) -> Bool {
        data.indexOf(beginMarker, within: 64 * 1024) != nil
    }

    /// The byte ranges of `-----BEGIN <label>-----` … `-----END <label>-----` blocks, markers included.
    static func blocks(_ data: [UInt8], label: String) -> [ArraySlice<UInt8>] {
        let begin = Array("-----BEGIN \(label)-----".utf8)
        let end = Array("-----END \(label)-----".utf8)
        var result: [ArraySlice<UInt8>] = []
        var from = 0
        while let start = data.indexOf(begin, from: from), let stop = data.indexOf(end, from: start + begin.count) {
            result.append(data[start..<(stop + end.count)])
            from = stop + end.count
        }
        return result
    }

    /// A certificate block under an older label than `CERTIFICATE`: rare, and such a file is
    /// simply parsed whole.
    static func hasOlderCertificateLabels(_ data: [UInt8]) -> Bool {
        Certificate.pemLabels.dropFirst().contains { data.indexOf(Array("\($0)-----".utf8)) != nil }
    }

    /// The end of the BEGIN line of every PEM private key (PKCS#1, PKCS#8, SEC 1, encrypted) and of
    /// an OpenSSH key.
    static let privateKeyMarker = Array("PRIVATE KEY-----".utf8)

    static func containsPrivateKey(_ data: [UInt8]) -> Bool {
        data.indexOf(privateKeyMarker) != nil
    }

    /// Whether `bytes` may hold a PEM or OpenSSH private key block (the inventory's texts are
    /// checked this way before they are kept).
    public static func mayHoldPrivateKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        privateKeyMarker.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: bytes) != nil }
    }

    /// Reads as many objects as the PEM has `-----BEGIN <label>` blocks (so that no "no start line"
    /// error is raised and formatted for every file); a damaged block is an error.
    static func read(_ data: [UInt8], path: String, what: String, labels: [String], next: (OpaquePointer) -> OpaquePointer?,
                     free: (OpaquePointer) -> Void) throws -> [OpaquePointer] {
        let expected = labels.reduce(0) { $0 + count(of: Array("-----BEGIN \($1)-----".utf8), in: data) }
        guard expected > 0 else { return [] }
        OpenSSLErrors.clear()
        return try OpenSSLInput.withBIO(data) { bio -> [OpaquePointer] in
            guard let bio else {
                throw PKIError.unreadable(path: path, reason: OpenSSLErrors.drainText(or: "out of memory"))
            }
            var objects: [OpaquePointer] = []
            while objects.count < expected, let object = next(bio) {
                objects.append(object)
            }
            guard objects.count == expected else {
                let reason = OpenSSLErrors.drainText(or: "a PEM block could not be read")
                objects.forEach(free)
                throw PKIError.malformed(path: path, what: what, reason: reason)
            }
            return objects
        }
    }

    private static func count(of needle: [UInt8], in data: [UInt8]) -> Int {
        var found = 0
        var from = 0
        while let index = data.indexOf(needle, from: from) {
            found += 1
            from = index + needle.count
        }
        return found
    }
}

/// `d2i_X509` for `PEM_ASN1_read_bio`, in the calling thread's library context (never given an
/// object to fill: `readPEM` passes none).
private typealias D2I = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                        UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> UnsafeMutableRawPointer?

private let parseInContext: D2I = { _, cursor, length in
    guard let cursor else { return nil }
    return Certificate.parseDER(cursor, length).map(UnsafeMutableRawPointer.init)
}

/// No password: an encrypted PEM block is an error, never a prompt.
private let refusePassword: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?)
    -> Int32 = { _, _, _, _ in -1 }
