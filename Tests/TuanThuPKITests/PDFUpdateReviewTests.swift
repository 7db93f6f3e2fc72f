import Foundation
import Testing
@testable import TuanThuPKI
import CPDFZlib

/// Incremental updates after a signature: validation data (PAdES-LTV) is not a change; anything the
/// document shows is. The pyHanko files are in `Tests/Fixtures/pdf-ltv/` (made by its `make.py`);
/// the hostile ones are written here byte by byte.
struct PDFUpdateReviewTests {
    static let folder = Conformance.repositoryRoot.appendingPathComponent("Tests/Fixtures/pdf-ltv")
    static let checkTime = Timestamp(iso: "2026-12-01T00:00:00Z")!

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    func verify(_ name: String) throws -> [SignatureReport] {
        let root = try Certificate.load(Self.bytes("root.pem"), path: "root.pem")
        let verifier = SignatureVerifier(checker: CertificateChecker(
            trust: TrustMaterial(anchors: root, intermediates: [], crls: []), profile: .documentSigning))
        return verifier.verifyPDF(try Self.bytes(name), at: Self.checkTime, path: name)
    }

    // MARK: - pyHanko's LTV tools

    @Test(arguments: ["dss.pdf", "ltvfix.pdf"])
    func aDSSOnlyUpdateIsValidationData(_ name: String) throws {
        let reports = try verify(name)
        #expect(reports.count == 1)
        let signature = try #require(reports.first)
        #expect(signature.coversWholeFile == false)
        #expect(signature.laterUpdates?.verdict == .validationDataOnly)
        #expect(signature.laterUpdates?.additions.contains(.validationData) == true)
        #expect(signature.laterUpdates?.changes == [])
        #expect(signature.isValid)
        #expect(!reports.changedAfterSigning)
        #expect(reports.documentIsValid)
        #expect(signature.coverage?.en.contains("adding only validation data (/DSS, /VRI)") == true)
    }

    @Test func aPAdESLTAFileHasADocumentTimestampThatVerifies() throws {
        let reports = try verify("lta.pdf")
        #expect(reports.count == 2)
        let signature = reports[0]
        let timestamp = reports[1]
        #expect(signature.laterUpdates?.verdict == .validationDataOnly)
        #expect(signature.laterUpdates?.additions == [.validationData, .documentTimestamp])
        // The timestamp is an RFC 3161 token over its byte range, by a time-stamping authority, at
        // the moment make.py ran (its clock started at 2026-11-01T00:00:00Z under faketime).
        let stamped = try #require(timestamp.documentTimestamp)
        #expect(stamped >= Timestamp(iso: "2026-11-01T00:00:00Z")! && stamped < Timestamp(iso: "2026-11-01T00:10:00Z")!)
        #expect(timestamp.signers.first?.signingTime == stamped)
        #expect(timestamp.integrity)
        #expect(timestamp.isValid)
        #expect(timestamp.signers.first?.certificate?.subjectCommonName == "Tuanthu LTV Test TSA")
        #expect(timestamp.laterUpdates?.additions.contains(.validationData) == true)
        #expect(reports.documentIsValid)
    }

    @Test func aSecondSignatureInANewFieldIsNotAChange() throws {
        let reports = try verify("two-signatures.pdf")
        #expect(reports.count == 2)
        #expect(reports[0].laterUpdates?.verdict == .validationDataOnly)
        #expect(reports[0].laterUpdates?.additions.contains(.signature) == true)
        #expect(reports[1].coversWholeFile == true)
        #expect(reports.documentIsValid)
    }

    @Test(arguments: [("dss-and-page.pdf", "/Rotate"), ("dss-and-content.pdf", "/Contents"),
                      ("dss-and-annot.pdf", "/FreeText annotation")])
    func aDSSUpdateThatAlsoChangesThePageIsAChange(_ name: String, _ named: String) throws {
        let reports = try verify(name)
        let signature = try #require(reports.first)
        #expect(signature.isValid, "the signature itself still verifies over its revision")
        #expect(signature.laterUpdates?.verdict == .changed)
        #expect(signature.laterUpdates?.changes.contains { $0.en.contains(named) } == true)
        #expect(reports.changedAfterSigning)
        #expect(!reports.documentIsValid)
    }

    @Test func aChangeSignedByTheNextSignerIsTheirs() throws {
        let reports = try verify("signed-over-change.pdf")
        #expect(reports.count == 2)
        // The first signature's own coverage names the change ...
        #expect(reports[0].laterUpdates?.verdict == .changed)
        #expect(reports[0].laterUpdates?.changes.contains { $0.en.contains("/Rotate") } == true)
        // ... which the second signer signed: the document holds.
        #expect(reports[1].coversWholeFile == true)
        #expect(!reports.changedAfterSigning)
        #expect(reports.documentIsValid)
    }

    @Test func aTimestampAfterAChangeDoesNotSignIt() throws {
        let reports = try verify("stamped-over-change.pdf")
        #expect(reports.count == 2)
        #expect(reports[1].isDocumentTimestamp == true)
        #expect(reports[1].coversWholeFile == true)
        #expect(reports[1].isValid)
        #expect(reports[0].laterUpdates?.verdict == .changed)
        #expect(reports.changedAfterSigning)
        #expect(!reports.documentIsValid)
        // A timestamp alone is no signature.
        #expect(![reports[1]].documentIsValid)
    }

    @Test func theTimestampTokenMustHashTheSignedBytes() throws {
        var data = try Self.bytes("lta.pdf")
        let scan = PDFSignatureScanner.scan(data)
        let range = scan[1].byteRange
        // The last byte the timestamp covers (the end of line after its revision's %%EOF) changed.
        let at = range[2] + range[3] - 1
        #expect(data[at] == UInt8(ascii: "\n"))
        data[at] = UInt8(ascii: " ")
        let root = try Certificate.load(Self.bytes("root.pem"), path: "root.pem")
        let verifier = SignatureVerifier(checker: CertificateChecker(
            trust: TrustMaterial(anchors: root, intermediates: [], crls: []), profile: .documentSigning))
        let reports = verifier.verifyPDF(data, at: Self.checkTime, path: "lta.pdf")
        #expect(!reports[1].integrity)
        #expect(reports[1].integrityDetail?.contains("message imprint") == true)
    }

    // MARK: - Updates written by hand

    /// A signed revision (no real signature is needed to review what follows it): catalog 1,
    /// pages 2, page 3 with content 4, plus `extra` objects; classic cross-reference table.
    static func base(page: String = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                     extra: [String] = []) -> [UInt8] {
        revision(prefix: Array("%PDF-1.7\n".utf8), objects: [
            (1, "<< /Type /Catalog /Pages 2 0 R >>"), (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (3, page), (4, "<< /Length 8 >>\nstream\nBT ET q\nendstream"),
        ] + extra.enumerated().map { (5 + $0.offset, $0.element) }, previous: nil, size: 5 + extra.count)
    }

    /// `prefix` plus the objects, a classic xref section for them and a trailer.
    static func revision(prefix: [UInt8], objects: [(Int, String)], previous: Int?, size: Int,
                         trailerExtra: String = "", freed: [Int] = []) -> [UInt8] {
        var out = prefix
        var offsets: [(Int, Int)] = []
        for (number, body) in objects {
            offsets.append((number, out.count))
            out += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 1\n0000000000 65535 f \n"
        for (number, offset) in offsets.sorted(by: { $0.0 < $1.0 }) {
            table += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset)
        }
        for number in freed { table += "\(number) 1\n0000000000 00001 f \n" }
        table += "trailer\n<< /Size \(size) /Root 1 0 R\(previous.map { " /Prev \($0)" } ?? "") \(trailerExtra)>>\n"
        table += "startxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    static func startxref(_ data: [UInt8]) -> Int {
        let text = String(decoding: data.suffix(40), as: UTF8.self)
        let parts = text.components(separatedBy: "startxref\n")
        return Int(parts.last!.components(separatedBy: "\n")[0])!
    }

    static func update(_ base: [UInt8], _ objects: [(Int, String)], size: Int, trailerExtra: String = "",
                       freed: [Int] = []) -> [UInt8] {
        revision(prefix: base, objects: objects, previous: startxref(base), size: size, trailerExtra: trailerExtra,
                 freed: freed)
    }

    static let dss = (5, "<< /Certs [6 0 R] >>")
    static let certificate = (6, "<< /Length 3 >>\nstream\nabc\nendstream")
    static let catalogWithDSS = (1, "<< /Type /Catalog /Pages 2 0 R /DSS 5 0 R >>")

    func review(_ data: [UInt8], signedEnd: Int) -> PDFUpdateReview {
        PDFUpdateReviewer.review(data, signedEnd: signedEnd)
    }

    @Test func aHandWrittenDSSUpdateIsValidationData() {
        let signed = Self.base()
        let data = Self.update(signed, [Self.catalogWithDSS, Self.dss, Self.certificate], size: 7)
        let result = review(data, signedEnd: signed.count)
        #expect(result.verdict == .validationDataOnly, "\(result.changes)")
        #expect(result.additions == [.validationData])
    }

    @Test func changingTheContentStreamIsAChange() {
        let signed = Self.base()
        let data = Self.update(signed, [Self.catalogWithDSS, Self.dss, Self.certificate,
                                        (4, "<< /Length 8 >>\nstream\nBT ET Q\nendstream")], size: 7)
        let result = review(data, signedEnd: signed.count)
        #expect(result.verdict == .changed)
        #expect(result.changes.first?.en.contains("object 4") == true)
    }

    @Test func anObjectListedInTheDSSButUsedByThePageIsStillThePage() {
        let signed = Self.base()
        let data = Self.update(signed, [(1, "<< /Type /Catalog /Pages 2 0 R /DSS 5 0 R >>"), (5, "<< /Certs [4 0 R] >>"),
                                        (4, "<< /Length 8 >>\nstream\nBT ET Q\nendstream")], size: 6)
        #expect(review(data, signedEnd: signed.count).verdict == .changed)
    }

    @Test func anObjectAddedWhereTheSignedPagePointedAtNothingIsAChange() {
        // The signed page names annotation 5, which did not exist when it was signed (a null).
        let signed = Self.base(page: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>")
        let data = Self.update(signed, [(1, "<< /Type /Catalog /Pages 2 0 R /DSS 6 0 R >>"),
                                        (5, "<< /Type /Annot /Subtype /FreeText /Rect [0 0 500 800] /Contents (Da huy) >>"),
                                        (6, "<< /Certs [] >>")], size: 7)
        let result = review(data, signedEnd: signed.count)
        #expect(result.verdict == .changed)
        #expect(result.changes.contains { $0.en.contains("/FreeText annotation") && $0.en.contains("added") })
    }

    @Test func aCatalogNamingAnotherExistingFormIsAChange() {
        // The signed file holds an unused form (6) with a text field (7); the update names it.
        let signed = Self.base(extra: ["<< /Fields [] >>", "<< /Fields [7 0 R] >>",
                                       "<< /FT /Tx /T (so) /V (99/QD-UBND) /Rect [0 0 200 20] >>"])
        let original = Self.update(signed, [(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>")], size: 8)
        let swapped = Self.update(original, [(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /DSS 8 0 R >>"),
                                             (8, "<< >>")], size: 9)
        let result = review(swapped, signedEnd: original.count)
        #expect(result.verdict == .changed)
        #expect(result.changes.count == 1, "\(result.changes)")
        #expect(result.changes.first?.en.contains("an element that is not a signature was added (7 0 R)") == true)
    }

    @Test func deletingAnObjectIsAChange() {
        let signed = Self.base(extra: ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
        let data = Self.update(signed, [(1, "<< /Type /Catalog /Pages 2 0 R /DSS 6 0 R >>"), (6, "<< >>")], size: 7,
                               freed: [5])
        let result = review(data, signedEnd: signed.count)
        #expect(result.verdict == .changed)
        #expect(result.changes.contains { $0.en == "object 5 was deleted" })
    }

    @Test func otherCatalogEntriesAndInfoFieldsAreChanges() {
        let signed = Self.base()
        let opened = Self.update(signed, [(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>")], size: 5)
        #expect(review(opened, signedEnd: signed.count).changes.first?.en.contains("/OpenAction") == true)
        let info = Self.update(signed, [(5, "<< /Title (Khac) /ModDate (D:20261102) >>")], size: 6, trailerExtra: "/Info 5 0 R ")
        let result = review(info, signedEnd: signed.count)
        #expect(result.verdict == .changed)
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.en.contains("/Title") == true)
        let stamped = Self.update(signed, [(5, "<< /ModDate (D:20261102) /Producer (x) >>")], size: 6, trailerExtra: "/Info 5 0 R ")
        #expect(review(stamped, signedEnd: signed.count) == PDFUpdateReview(verdict: .validationDataOnly, additions: [.metadata], changes: []))
    }

    @Test func theSameObjectRewrittenInOtherWordsIsNotAChange() {
        let signed = Self.base()
        // Same catalog, other spacing and a string escape; the page's content unchanged.
        let data = Self.update(signed, [(1, "<<\n/Pages 2 0 R\n/Type/Catalog\n>>"),
                                        (3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.0 842] /Contents 4 0 R >>")],
                               size: 5)
        #expect(review(data, signedEnd: signed.count).verdict == .validationDataOnly)
    }

    @Test func unreadableStructureIsNotProvedHarmless() {
        let signed = Self.base()
        let encrypted = Self.update(signed, [Self.catalogWithDSS, Self.dss, Self.certificate], size: 7,
                                    trailerExtra: "/Encrypt << /Filter /Standard >> ")
        #expect(review(encrypted, signedEnd: signed.count).verdict == .unreadable)
        // An update whose startxref points at garbage.
        var broken = Self.update(signed, [Self.catalogWithDSS], size: 5)
        let text = String(decoding: broken, as: UTF8.self)
        broken = Array(text.replacingOccurrences(of: "startxref\n\(Self.startxref(broken))", with: "startxref\n3").utf8)
        #expect(review(broken, signedEnd: signed.count).verdict == .unreadable)
        // A /Prev chain that loops ends at once, unread.
        var looping = Self.update(signed, [Self.catalogWithDSS], size: 5)
        let loop = Self.startxref(looping)
        looping = Array(String(decoding: looping, as: UTF8.self)
            .replacingOccurrences(of: "/Prev \(Self.startxref(signed))", with: "/Prev \(loop)").utf8)
        let result = review(looping, signedEnd: signed.count)
        #expect(result.verdict == .unreadable)
        #expect(result.changes.first?.en.contains("loops") == true)
    }

    @Test func deepNestingAndHugeStreamsAreRefusedNotFollowed() throws {
        let signed = Self.base()
        let deep = Self.update(signed, [(1, "<< /Type /Catalog /Pages 2 0 R /X " + String(repeating: "[", count: 5000) + " >>")],
                               size: 5)
        #expect(review(deep, signedEnd: signed.count).verdict == .unreadable)
        // 16 MiB of zeros deflate to about 16 KiB; the decoder stops at its limit instead.
        let zeros = [UInt8](repeating: 0, count: 16 << 20)
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(UInt(zeros.count))))
        var length = UInt(compressed.count)
        try #require(compress2(&compressed, &length, zeros, UInt(zeros.count), 9) == Z_OK)
        let stream = PDFValue.stream(["Filter": .name("FlateDecode")], compressed[0..<Int(length)])
        #expect(throws: PDFStructureError.self) { try PDFStreamDecoder.decode(stream, limit: 1 << 20) }
    }
}
