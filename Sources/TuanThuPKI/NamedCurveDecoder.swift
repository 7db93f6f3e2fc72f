import COpenSSL
import Foundation

/// The decoder `CertificateParsingProvider` serves in the contexts of `Family.namedCurveKeys`: a
/// SubjectPublicKeyInfo holding an `id-ecPublicKey` key on P-256, P-384 or P-521, named by its
/// OID, made into the EC key OpenSSL's `default` provider would make of it, without building the
/// curve's group anew for every key.
///
/// Why: OpenSSL 3.0's `default` decoder (`eckey_pub_decode`) builds the group from the curve's
/// name for each key it decodes, about 120,000 instructions, and then copies it into the key;
/// with 20,000 signing certificates that is most of their parse. This decoder copies a group built
/// once per curve (`EC_KEY_set_group`, as `default` does) and reads the point with the same
/// `EC_KEY_oct2key` `default` calls, which refuses a point off the curve: the key is the same
/// object, in the same library context, with the same group, point and point format.
/// `default`'s EC key manager (which the provider serves) takes it by reference, as it takes the
/// keys of `default`'s own decoder.
///
/// Anything else — another curve, explicit parameters, a BIT STRING with unused bits, a point
/// OpenSSL refuses, bytes after the structure — is declined: the certificate is then parsed
/// without a key, and `PendingCertificate` parses it again in the usual context, whose answer
/// stands. `ParsingProviderTests` parses every certificate of the conformance suites and of the
/// generated key types in this family's context and requires `default`'s result.
enum NamedCurveDecoder {
    /// The curves decoded: the DER of their OID (the SubjectPublicKeyInfo's parameters, tag and
    /// length included) and OpenSSL's NID.
    static let curves: [(parameters: [UInt8], nid: Int32)] = [
        ([0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], NID_X9_62_prime256v1),
        ([0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22], NID_secp384r1),
        ([0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23], NID_secp521r1),
    ]

    private static let ecPublicKey: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]

    /// The curve's NID when `parameters` (the DER of the algorithm's parameters) names one of
    /// `curves`.
    static func curve<C: Collection>(parameters: C) -> Int32? where C.Element == UInt8 {
        curves.first { $0.parameters.elementsEqual(parameters) }?.nid
    }

    /// The curve and where the point lies, when `spki` is exactly
    /// `SEQUENCE { SEQUENCE { id-ecPublicKey, <named curve> }, BIT STRING { 0 unused bits, point } }`.
    static func point(in spki: [UInt8]) -> (nid: Int32, point: Range<Int>)? {
        var index = 0
        guard let outer = LeafReading.element(spki, &index, limit: spki.count), outer.tag == 0x30,
              index == spki.count else { return nil }
        index = outer.contents.lowerBound
        guard let algorithm = LeafReading.element(spki, &index, limit: outer.contents.upperBound), algorithm.tag == 0x30,
              let bits = LeafReading.element(spki, &index, limit: outer.contents.upperBound), bits.tag == 0x03,
              index == outer.contents.upperBound else { return nil }
        let identifier = algorithm.contents.lowerBound..<(algorithm.contents.lowerBound + ecPublicKey.count)
        guard identifier.upperBound <= algorithm.contents.upperBound, spki[identifier].elementsEqual(ecPublicKey),
              let nid = curve(parameters: spki[identifier.upperBound..<algorithm.contents.upperBound]),
              bits.contents.count >= 2, spki[bits.contents.lowerBound] == 0 else { return nil }
        return (nid, (bits.contents.lowerBound + 1)..<bits.contents.upperBound)
    }

    /// One group per curve for the process, made as `default` makes a certificate key's group
    /// (no library context, the named-curve flag set); keys copy it and never change it.
    nonisolated(unsafe) static let groups: [Int32: OpaquePointer] = {
        var groups: [Int32: OpaquePointer] = [:]
        for (_, nid) in curves {
            guard let group = EC_GROUP_new_by_curve_name_ex(nil, nil, nid) else { continue }
            EC_GROUP_set_asn1_flag(group, OPENSSL_EC_NAMED_CURVE)
            groups[nid] = group
        }
        return groups
    }()

    /// How many keys this decoder has made (tests check that the family's context uses it).
    static var decoded: Int { counterLock.withLock { counter } }
    nonisolated(unsafe) private static var counter = 0
    private static let counterLock = NSLock()

    /// The core's `BIO_read_ex`, from the dispatch table OpenSSL gives the provider.
    typealias ReadBIO = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeMutablePointer<Int>?) -> Int32
    nonisolated(unsafe) static var readBIO: ReadBIO?

    /// At most this many bytes are read: an EC SubjectPublicKeyInfo on these curves is at most 158.
    static let readLimit = 512

    /// Reads the input, decodes it, and hands the key to OpenSSL by reference as `default`'s
    /// decoder does (`OSSL_OBJECT_PARAM_REFERENCE` holding the `EC_KEY *`; the key manager takes
    /// it and clears the reference). 1 with no key: not one of ours.
    static func decode(_ providerContext: UnsafeMutableRawPointer?, _ input: OpaquePointer?,
                       _ callback: DataCallback?, _ argument: UnsafeMutableRawPointer?) -> Int32 {
        guard let callback, let input, let readBIO,
              let library = CertificateParsingProvider.instances.hiddenContext(for: providerContext) else { return 1 }
        var spki = [UInt8](repeating: 0, count: readLimit + 1)
        var total = 0
        while total <= readLimit {
            var read = 0
            let status = spki.withUnsafeMutableBytes { readBIO(input, $0.baseAddress! + total, readLimit + 1 - total, &read) }
            guard status == 1, read > 0 else { break }
            total += read
        }
        guard total <= readLimit else { return 1 }
        spki.removeLast(spki.count - total)
        guard let (nid, range) = point(in: spki), let group = groups[nid] else { return 1 }
        var key: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            tt_EC_KEY_from_point(library, group, buffer.baseAddress! + range.lowerBound, range.count)
        }
        guard key != nil else { return 1 }
        counterLock.withLock { counter += 1 }
        var objectType = Int32(OSSL_OBJECT_PKEY)
        let result = withUnsafeMutablePointer(to: &key) { reference in
            withUnsafeMutablePointer(to: &objectType) { type in
                var parameters = [
                    OSSL_PARAM_construct_int(Keys.type, type),
                    OSSL_PARAM_construct_utf8_string(Keys.dataType, Keys.ec, 0),
                    OSSL_PARAM_construct_octet_string(Keys.reference, reference, MemoryLayout<OpaquePointer?>.size),
                    OSSL_PARAM_construct_end(),
                ]
                return callback(&parameters, argument)
            }
        }
        if let key { tt_EC_KEY_free(key) }
        return result
    }

    /// The parameters' names, as C strings that live as long as the process.
    private enum Keys {
        nonisolated(unsafe) static let type = strdup(OSSL_OBJECT_PARAM_TYPE)!
        nonisolated(unsafe) static let dataType = strdup(OSSL_OBJECT_PARAM_DATA_TYPE)!
        nonisolated(unsafe) static let reference = strdup(OSSL_OBJECT_PARAM_REFERENCE)!
        nonisolated(unsafe) static let ec = strdup("EC")!
    }

    typealias DataCallback = @convention(c) (UnsafePointer<OSSL_PARAM>?, UnsafeMutableRawPointer?) -> Int32

    /// The decoder's functions for OpenSSL.
    nonisolated(unsafe) static let dispatch: UnsafePointer<OSSL_DISPATCH> = {
        typealias NewContext = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
        typealias FreeContext = @convention(c) (UnsafeMutableRawPointer?) -> Void
        typealias DoesSelection = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32
        typealias Decode = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, Int32, DataCallback?,
                                           UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32
        typealias Export = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?,
                                           UnsafeMutableRawPointer?) -> Int32
        // The decoder's context is the provider's: it keeps nothing of its own.
        let newContext: NewContext = { $0 }
        let freeContext: FreeContext = { _ in }
        // Public keys, with or without their domain parameters (what a certificate parse asks).
        let doesSelection: DoesSelection = { _, selection in
            selection == 0 || selection & Int32(OSSL_KEYMGMT_SELECT_PUBLIC_KEY) != 0 ? 1 : 0
        }
        let decode: Decode = { context, input, _, callback, argument, _, _ in
            NamedCurveDecoder.decode(context, input, callback, argument)
        }
        // Only for a key manager of another provider; the provider's own EC key manager loads the key.
        let export: Export = { _, _, _, _, _ in 0 }
        let entries: [(Int32, UnsafeRawPointer)] = [
            (OSSL_FUNC_DECODER_NEWCTX, unsafeBitCast(newContext, to: UnsafeRawPointer.self)),
            (OSSL_FUNC_DECODER_FREECTX, unsafeBitCast(freeContext, to: UnsafeRawPointer.self)),
            (OSSL_FUNC_DECODER_DOES_SELECTION, unsafeBitCast(doesSelection, to: UnsafeRawPointer.self)),
            (OSSL_FUNC_DECODER_DECODE, unsafeBitCast(decode, to: UnsafeRawPointer.self)),
            (OSSL_FUNC_DECODER_EXPORT_OBJECT, unsafeBitCast(export, to: UnsafeRawPointer.self)),
        ]
        return CertificateParsingProvider.dispatchTable(entries)
    }()

    /// Takes the core's `BIO_read_ex` from the dispatch table OpenSSL gives a provider.
    static func takeCoreFunctions(_ core: UnsafePointer<OSSL_DISPATCH>?) {
        guard var entry = core, readBIO == nil else { return }
        while entry.pointee.function_id != 0 {
            if entry.pointee.function_id == OSSL_FUNC_BIO_READ_EX, let function = entry.pointee.function {
                readBIO = unsafeBitCast(function, to: ReadBIO.self)
                return
            }
            entry += 1
        }
    }
}
