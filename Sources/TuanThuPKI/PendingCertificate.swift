import COpenSSL

/// A certificate file's first certificate, read but not yet handed to OpenSSL: its DER, when a
/// plain reading shows that OpenSSL cannot take it for a CA.
///
/// OpenSSL spends about 100 µs and keeps about 6 KB on each certificate it parses, most of both on
/// decoding the public key. An audit of 10,000 systems reads 20,000 signing certificates before it
/// checks any; only CA certificates are needed by every check (as intermediates), so a leaf can
/// wait, as 600 bytes of DER, until the system that lists it is checked.
public struct PendingCertificate: Sendable {
    /// The certificate, DER-encoded.
    public let der: [UInt8]
    public let path: String
    /// The family of its public key, as its algorithm identifier says (`.publicKeys`: another).
    let family: CertificateParsingProvider.Family

    init(der: [UInt8], path: String, family: CertificateParsingProvider.Family) {
        self.der = der
        self.path = path
        self.family = family
    }

    /// Parses the certificate, as `CertificateCache.load` would have.
    ///
    /// An EC or RSA key is first decoded in the thread's context for that family of keys, whose
    /// decoder OpenSSL builds faster (`LibraryContexts.current(for:)`); the same decoders decode
    /// it — or, on P-256, P-384 and P-521, `NamedCurveDecoder`, which makes the same key — so the
    /// certificate is the same (`ParsingProviderTests`). Should that context give no certificate,
    /// or one without its key, the certificate is parsed again as any other, and whatever that
    /// gives, error included, is the answer.
    public func parse() throws -> Certificate {
        if family != .publicKeys, let context = LibraryContexts.current(for: family),
           let parsed = Certificate.parse(der: der, in: context) {
            if X509_get0_pubkey(parsed) != nil { return Certificate(owning: parsed) }
            X509_free(parsed)
        }
        return try Certificate.load(der, path: path)[0]
    }
}

/// What `CertificateCache.read` found in a file.
public enum CertificateFile: Sendable {
    /// Every certificate of the file, parsed.
    case parsed([Certificate])
    /// The file's first certificate, surely not a CA, left for later; the others parsed.
    case pending(PendingCertificate, rest: [Certificate])
}

extension CertificateCache {
    /// Every certificate of a PEM or DER file, as `load` reads them; but when the first is one
    /// that `LeafReading` shows cannot be a CA, that certificate's DER, for later.
    public func read(_ data: [UInt8], path: String) throws -> CertificateFile {
        if data.first == 0x30, !PEM.looksLikePEM(data) {
            guard let family = LeafReading.leafKeyFamily(data) else { return .parsed(try load(data, path: path)) }
            return .pending(PendingCertificate(der: data, path: path, family: family), rest: [])
        }
        guard PEM.looksLikePEM(data) else { return .parsed(try load(data, path: path)) }
        let blocks = PEM.blocks(data, label: "CERTIFICATE")
        guard !PEM.hasOlderCertificateLabels(data), let first = blocks.first, let der = LeafReading.blockDER(first),
              let family = LeafReading.leafKeyFamily(der) else { return .parsed(try load(data, path: path)) }
        return .pending(PendingCertificate(der: der, path: path, family: family),
                        rest: try parse(blocks.dropFirst(), path: path))
    }
}

/// Finds, without OpenSSL, whether OpenSSL's `X509_check_ca` would say a certificate is no CA:
/// its key usage is present without keyCertSign, or its basic constraints are present without
/// cA. Anything unusual — a PEM block with headers or long lines, an indefinite length, a
/// duplicate extension, bytes after the certificate — answers no, and the file is parsed at once
/// as before.
enum LeafReading {
    private static let begin = Array("-----BEGIN CERTIFICATE-----".utf8)
    private static let end = Array("-----END CERTIFICATE-----".utf8)

    /// The decoded body of one `CERTIFICATE` block (`PEM.blocks`): the markers on lines of their
    /// own, base64 lines of at most 76 characters between them, nothing else.
    static func blockDER(_ block: ArraySlice<UInt8>) -> [UInt8]? {
        var lines: [ArraySlice<UInt8>] = []
        var start = block.startIndex
        for index in block.indices where block[index] == UInt8(ascii: "\n") {
            var line = block[start..<index]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.append(line)
            start = index + 1
        }
        lines.append(block[start...])
        guard lines.count >= 3, lines.first!.elementsEqual(begin), lines.last!.elementsEqual(end) else { return nil }
        var text: [UInt8] = []
        text.reserveCapacity(block.count)
        for line in lines.dropFirst().dropLast() {
            guard !line.isEmpty, line.count <= 76 else { return nil }
            text += line
        }
        return base64(text)
    }

    private static let alphabet: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// Standard base64 with its padding; nil on any other character or a misplaced `=`.
    ///
    /// Every quad but the last is decoded in one pass over the buffers (`=` is no letter of the
    /// alphabet: one there is refused like any other stranger); the last may hold the padding.
    static func base64(_ text: [UInt8]) -> [UInt8]? {
        guard !text.isEmpty, text.count % 4 == 0 else { return nil }
        var padding = 0
        if text.last == UInt8(ascii: "=") { padding += 1 }
        if text.count >= 2, text[text.count - 2] == UInt8(ascii: "=") { padding += 1 }
        let quads = text.count / 4
        var valid = true
        var output = [UInt8](unsafeUninitializedCapacity: quads * 3) { buffer, initialized in
            text.withUnsafeBufferPointer { input in
                alphabet.withUnsafeBufferPointer { table in
                    var write = 0
                    for quad in 0..<(quads - 1) {
                        let read = quad * 4
                        let a = table[Int(input[read])], b = table[Int(input[read + 1])]
                        let c = table[Int(input[read + 2])], d = table[Int(input[read + 3])]
                        guard (a | b | c | d) & 0x80 == 0 else {
                            valid = false
                            return
                        }
                        let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        buffer[write] = UInt8(truncatingIfNeeded: value >> 16)
                        buffer[write + 1] = UInt8(truncatingIfNeeded: value >> 8)
                        buffer[write + 2] = UInt8(truncatingIfNeeded: value)
                        write += 3
                    }
                    var value: UInt32 = 0
                    let read = (quads - 1) * 4
                    for offset in 0..<4 {
                        let character = input[read + offset]
                        if character == UInt8(ascii: "=") {
                            guard offset >= 4 - padding else {
                                valid = false
                                return
                            }
                            value <<= 6
                            continue
                        }
                        let digit = table[Int(character)]
                        guard digit != 0xFF else {
                            valid = false
                            return
                        }
                        value = value << 6 | UInt32(digit)
                    }
                    buffer[write] = UInt8(truncatingIfNeeded: value >> 16)
                    buffer[write + 1] = UInt8(truncatingIfNeeded: value >> 8)
                    buffer[write + 2] = UInt8(truncatingIfNeeded: value)
                    initialized = write + 3
                }
            }
        }
        guard valid else { return nil }
        output.removeLast(padding)
        return output
    }

    /// One DER element: its tag and where its contents lie.
    struct Element {
        let tag: UInt8
        let contents: Range<Int>
    }

    /// The element at `index` (moved past it), within `limit`; nil when the length is indefinite,
    /// longer than four octets or past the limit, or the tag takes more than one octet.
    static func element(_ der: [UInt8], _ index: inout Int, limit: Int) -> Element? {
        guard index + 2 <= limit else { return nil }
        let tag = der[index]
        guard tag & 0x1F != 0x1F else { return nil }
        var length = Int(der[index + 1])
        var position = index + 2
        if length & 0x80 != 0 {
            let octets = length & 0x7F
            guard (1...4).contains(octets), position + octets <= limit else { return nil }
            length = 0
            for offset in 0..<octets { length = length << 8 | Int(der[position + offset]) }
            position += octets
        }
        guard length <= limit - position else { return nil }
        index = position + length
        return Element(tag: tag, contents: position..<(position + length))
    }

    private static let basicConstraints: [UInt8] = [0x55, 0x1D, 0x13]
    private static let keyUsage: [UInt8] = [0x55, 0x1D, 0x0F]

    /// The certificate is the whole of `der`, well formed to its extensions, with no extension
    /// twice, and its key usage lacks keyCertSign or its basic constraints lack cA.
    static func surelyLeaf(_ der: [UInt8]) -> Bool { leafKeyFamily(der) != nil }

    private static let ecPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    private static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]

    /// For a certificate that is surely a leaf (`surelyLeaf`), the family of its public key by
    /// the algorithm its SubjectPublicKeyInfo names: `id-ecPublicKey` (1.2.840.10045.2.1), on a
    /// curve `NamedCurveDecoder` decodes when its parameters are exactly that curve's OID;
    /// `rsaEncryption` (1.2.840.113549.1.1.1); else `.publicKeys`. The families whose contexts
    /// keep only the RSA and EC key managers (`rsaKeys`, `namedCurveKeys`) also need the
    /// certificate signed with RSA or ECDSA; otherwise an EC key goes to `ecKeys` and an RSA key
    /// to `.publicKeys`. Nil when it is not surely a leaf.
    static func leafKeyFamily(_ der: [UInt8]) -> CertificateParsingProvider.Family? {
        guard let (key, signature) = leafKey(der) else { return nil }
        var index = key.contents.lowerBound
        guard let algorithm = element(der, &index, limit: key.contents.upperBound), algorithm.tag == 0x30 else {
            return .publicKeys
        }
        index = algorithm.contents.lowerBound
        guard let oid = element(der, &index, limit: algorithm.contents.upperBound), oid.tag == 0x06 else {
            return .publicKeys
        }
        let identifier = der[oid.contents]
        var inSignature = signature.contents.lowerBound
        let signedByRSAOrEC = element(der, &inSignature, limit: signature.contents.upperBound).map { oid in
            oid.tag == 0x06 && rsaOrECSignatures.contains { $0.elementsEqual(der[oid.contents]) }
        } ?? false
        if identifier.elementsEqual(ecPublicKey) {
            let parameters = index..<algorithm.contents.upperBound
            let named = NamedCurveDecoder.curve(parameters: der[parameters]) != nil
            return named && signedByRSAOrEC ? .namedCurveKeys : .ecKeys
        }
        if identifier.elementsEqual(rsaEncryption) { return signedByRSAOrEC ? .rsaKeys : .publicKeys }
        return .publicKeys
    }

    /// The signature algorithms whose key is RSA or EC (`Family.keyManagerTypes`): md5, sha1,
    /// sha224, sha256, sha384 and sha512 with RSA encryption (PKCS #1 v1.5), and ECDSA with SHA-1,
    /// SHA-224, SHA-256, SHA-384 and SHA-512.
    private static let rsaOrECSignatures: [[UInt8]] =
        [0x04, 0x05, 0x0E, 0x0B, 0x0C, 0x0D].map { [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, $0] }
            + [[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01]]
            + [0x01, 0x02, 0x03, 0x04].map { [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, $0] }

    /// The SubjectPublicKeyInfo and the (outer) signatureAlgorithm of a certificate that is surely
    /// a leaf; nil when it is not surely one.
    private static func leafKey(_ der: [UInt8]) -> (key: Element, signature: Element)? {
        var index = 0
        guard let certificate = element(der, &index, limit: der.count), certificate.tag == 0x30,
              index == der.count else { return nil }
        index = certificate.contents.lowerBound
        guard let tbs = element(der, &index, limit: certificate.contents.upperBound), tbs.tag == 0x30,
              let signature = element(der, &index, limit: certificate.contents.upperBound), signature.tag == 0x30,
              element(der, &index, limit: certificate.contents.upperBound)?.tag == 0x03,
              index == certificate.contents.upperBound else { return nil }
        // version [0], serial, signature, issuer, validity, subject, key, ids [1] [2], extensions [3]
        index = tbs.contents.lowerBound
        let limit = tbs.contents.upperBound
        var extensions: Element?
        var fields: [Element] = []
        while index < limit {
            guard let field = element(der, &index, limit: limit) else { return nil }
            fields.append(field)
            if field.tag == 0xA3 { extensions = field }
        }
        let expected: [UInt8] = [0x02, 0x30, 0x30, 0x30, 0x30, 0x30]
        let core = fields.first?.tag == 0xA0 ? Array(fields.dropFirst()) : fields
        guard core.count >= expected.count, core.prefix(expected.count).map(\.tag) == expected,
              core.dropFirst(expected.count).allSatisfy({ [0x81, 0xA1, 0x82, 0xA2, 0xA3].contains($0.tag) }),
              let extensions else { return nil }
        index = extensions.contents.lowerBound
        guard let list = element(der, &index, limit: extensions.contents.upperBound), list.tag == 0x30,
              index == extensions.contents.upperBound else { return nil }
        var seen: Set<[UInt8]> = []
        var leaf = false
        index = list.contents.lowerBound
        while index < list.contents.upperBound {
            guard let entry = element(der, &index, limit: list.contents.upperBound), entry.tag == 0x30 else { return nil }
            var inner = entry.contents.lowerBound
            let end = entry.contents.upperBound
            guard let oid = element(der, &inner, limit: end), oid.tag == 0x06 else { return nil }
            var value = element(der, &inner, limit: end)
            if value?.tag == 0x01 { value = element(der, &inner, limit: end) }
            guard let value, value.tag == 0x04, inner == end else { return nil }
            let identifier = Array(der[oid.contents])
            guard seen.insert(identifier).inserted else { return nil }
            if identifier == basicConstraints {
                guard let says = basicConstraintsSayLeaf(der, value.contents) else { return nil }
                leaf = leaf || says
            } else if identifier == keyUsage {
                guard let says = keyUsageSaysLeaf(der, value.contents) else { return nil }
                leaf = leaf || says
            }
        }
        return leaf ? (core[5], signature) : nil
    }

    /// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER OPTIONAL }:
    /// true without cA (or with it false), nil when malformed.
    private static func basicConstraintsSayLeaf(_ der: [UInt8], _ contents: Range<Int>) -> Bool? {
        var index = contents.lowerBound
        guard let sequence = element(der, &index, limit: contents.upperBound), sequence.tag == 0x30,
              index == contents.upperBound else { return nil }
        index = sequence.contents.lowerBound
        guard index < sequence.contents.upperBound else { return true }
        guard let first = element(der, &index, limit: sequence.contents.upperBound) else { return nil }
        if first.tag == 0x01 {
            guard first.contents.count == 1 else { return nil }
            return der[first.contents.lowerBound] == 0
        }
        return first.tag == 0x02 ? true : nil
    }

    /// KeyUsage ::= BIT STRING: true when it has bits and keyCertSign (bit 5) is not among them.
    private static func keyUsageSaysLeaf(_ der: [UInt8], _ contents: Range<Int>) -> Bool? {
        var index = contents.lowerBound
        guard let bits = element(der, &index, limit: contents.upperBound), bits.tag == 0x03,
              index == contents.upperBound, bits.contents.count >= 2, der[bits.contents.lowerBound] < 8 else { return nil }
        return der[bits.contents.lowerBound + 1] & 0x04 == 0
    }
}
