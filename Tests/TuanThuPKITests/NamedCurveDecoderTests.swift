import COpenSSL
import Foundation
import Testing
@testable import TuanThuPKI

/// `NamedCurveDecoder`, the decoder of the `namedCurveKeys` contexts: every key it decodes is the
/// key `default` decodes, every key it declines is parsed again as `default` parses it.
struct NamedCurveDecoderTests {
    /// The context of `namedCurveKeys` decodes with tuanthu's `NamedCurveDecoder` every EC key on
    /// P-256, P-384 or P-521 named by its OID, exactly as `default` does (points compressed too),
    /// and declines any other key (explicit parameters, other curves, SM2…): the certificate then
    /// has no key, and `PendingCertificate` parses it again as `default` would.
    @Test func namedCurveKeysDecodeAsUnderDefault() throws {
        let corpus = try ParsingProviderTests.corpus()
        let plain = OSSL_LIB_CTX_new()
        defer { OSSL_LIB_CTX_free(plain) }
        let made = LibraryContexts.make(configuration: nil, family: .namedCurveKeys)
        let context = try #require(made.context)
        defer { OSSL_LIB_CTX_free(context) }
        #expect(made.fewerDecoders)
        #expect(ParsingProviderTests.decoders(context).count == 1, "\(ParsingProviderTests.decoders(context))")
        let before = NamedCurveDecoder.decoded
        var differences: [String] = []
        var decoded: Set<String> = []
        var declined = 0
        for (name, der) in corpus {
            let expected = ParsingProviderTests.parse(der, in: plain)
            let got = ParsingProviderTests.parse(der, in: context)
            let ours = Self.subjectPublicKeyInfo(der).flatMap { NamedCurveDecoder.point(in: Array(der[$0])) } != nil
            if got == "unparseable" {
                if expected != got { differences.append("\(name): default \(expected); named curves \(got)") }
                continue
            }
            if got.hasSuffix(", no key") {
                // The certificate is the same, without its key; and a key it had was none of ours.
                let withoutKey = expected.split(separator: ",")[0].split(separator: " ").dropFirst().joined(separator: " ")
                    + ", no key"
                if got != withoutKey && got != expected {
                    differences.append("\(name): default \(expected); named curves \(got)")
                }
                if !expected.hasSuffix(", no key") {
                    declined += 1
                    if ours { differences.append("\(name): a named-curve key declined; default \(expected)") }
                }
                continue
            }
            if got != expected || !ours { differences.append("\(name): default \(expected); named curves \(got)") }
            decoded.insert(expected.split(separator: " ").dropFirst(3).prefix(2).joined(separator: " "))
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        #expect(NamedCurveDecoder.decoded - before >= 30, "the decoder was not used")
        #expect(declined > 100)
        // Every size of the three curves, from the suites and the compressed points generated.
        #expect(decoded == ["EC 256", "EC 384", "EC 521"], "\(decoded.sorted())")
    }

    /// Leaves whose named-curve key is not one `NamedCurveDecoder` takes as it is — a point off
    /// its curve, a BIT STRING with unused bits, a point cut short — come out of
    /// `PendingCertificate` exactly as `default` parses them (with a key or without).
    @Test func alteredNamedCurveLeavesParseAsUnderDefault() throws {
        let plain = OSSL_LIB_CTX_new()
        defer { OSSL_LIB_CTX_free(plain) }
        let leaves = try ParsingProviderTests.corpus().filter { LeafReading.leafKeyFamily($0.der) == .namedCurveKeys }.prefix(40)
        #expect(leaves.count >= 10)
        var altered = 0
        var differences: [String] = []
        for (name, der) in leaves {
            let spki = try #require(Self.subjectPublicKeyInfo(der))
            let (_, point) = try #require(NamedCurveDecoder.point(in: Array(der[spki])))
            let start = spki.lowerBound + point.lowerBound
            var variants: [(String, [UInt8])] = []
            var offCurve = der
            offCurve[start + point.count - 1] ^= 0x01
            variants.append(("off the curve", offCurve))
            var unusedBits = der
            unusedBits[start - 1] = 0x01
            variants.append(("unused bits", unusedBits))
            for (what, variant) in variants {
                guard LeafReading.leafKeyFamily(variant) == .namedCurveKeys else { continue }
                altered += 1
                let expected = ParsingProviderTests.parse(variant, in: plain)
                let pending = PendingCertificate(der: variant, path: name, family: .namedCurveKeys)
                let got = (try? pending.parse()).map { ParsingProviderTests.describe($0.pointer) } ?? "unparseable"
                if got != expected { differences.append("\(name), \(what): default \(expected); pending \(got)") }
            }
        }
        #expect(altered >= 20)
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        // What the decoder takes and what it declines, as SubjectPublicKeyInfo bytes.
        let p256: [UInt8] = [0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A, 0x86,
                             0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        func spki(_ algorithm: [UInt8], _ bits: [UInt8]) -> [UInt8] {
            let body = algorithm + [0x03, UInt8(bits.count)] + bits
            return [0x30, UInt8(body.count)] + body
        }
        #expect(NamedCurveDecoder.point(in: spki(p256, [0x00, 0x04, 0x01]))?.point == 26..<28)
        #expect(NamedCurveDecoder.point(in: spki(p256, [0x01, 0x04, 0x01])) == nil)
        #expect(NamedCurveDecoder.point(in: spki(p256, [0x00])) == nil)
        #expect(NamedCurveDecoder.point(in: spki(p256, [0x00, 0x04]) + [0x00]) == nil)
        var brainpool = p256
        brainpool[brainpool.count - 1] = 0x08
        #expect(NamedCurveDecoder.point(in: spki(brainpool, [0x00, 0x04, 0x01])) == nil)
        var withNull = p256 + [0x05, 0x00]
        withNull[1] += 2
        #expect(NamedCurveDecoder.point(in: spki(withNull, [0x00, 0x04, 0x01])) == nil)
    }

    /// Where a certificate's SubjectPublicKeyInfo lies in its DER (the seventh field of its
    /// TBSCertificate after an explicit version, the sixth without).
    static func subjectPublicKeyInfo(_ der: [UInt8]) -> Range<Int>? {
        var index = 0
        guard let certificate = LeafReading.element(der, &index, limit: der.count) else { return nil }
        index = certificate.contents.lowerBound
        guard let tbs = LeafReading.element(der, &index, limit: certificate.contents.upperBound) else { return nil }
        index = tbs.contents.lowerBound
        var fields: [Range<Int>] = []
        while index < tbs.contents.upperBound, fields.count < 7 {
            let start = index
            guard LeafReading.element(der, &index, limit: tbs.contents.upperBound) != nil else { return nil }
            fields.append(start..<index)
        }
        let position = fields.first.map { der[$0.lowerBound] == 0xA0 ? 6 : 5 } ?? 6
        return position < fields.count ? fields[position] : nil
    }
}
