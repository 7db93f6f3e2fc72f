import Foundation
import Testing
@testable import TuanThuPKI

struct SignatureTests {
    func verifier(crls: [String] = ["inter.crl.pem", "root.crl.pem"]) throws -> SignatureVerifier {
        SignatureVerifier(checker: try TestPKI.checker(crls: crls))
    }

    @Test func detachedCMSVerifiesOverItsContent() throws {
        let report = try verifier().verify(TestPKI.bytes("doc.txt.p7s"), content: TestPKI.bytes("doc.txt"),
                                           at: TestPKI.auditTime, path: "doc.txt.p7s")
        #expect(report.integrity)
        #expect(report.isValid)
        let signer = try #require(report.signers.first)
        #expect(signer.certificate?.subjectCommonName == "Văn thư good")
        #expect(signer.certificate?.subjectOrganization == "Sở Lao động - Thương binh và Xã hội")
        #expect(signer.certificate?.issuerCommonName == "Tuanthu Test Issuing CA")
        #expect(signer.signingTime != nil)
        #expect(signer.digestAlgorithm == "SHA256")
        #expect(signer.atSigningTime?.isValid == true)
    }

    @Test func attachedCMSVerifies() throws {
        let report = try verifier().verify(TestPKI.bytes("doc.txt.p7m"), content: nil, at: TestPKI.auditTime, path: "p7m")
        #expect(report.isValid)
    }

    @Test func tamperedContentBreaksIntegrity() throws {
        let report = try verifier().verify(TestPKI.bytes("doc.txt.p7s"), content: TestPKI.bytes("doc-tampered.txt"),
                                           at: TestPKI.auditTime, path: "doc.txt.p7s")
        #expect(!report.integrity)
        #expect(!report.isValid)
        #expect(report.integrityDetail?.isEmpty == false)
    }

    @Test(arguments: ["doc-by-revoked.p7s", "doc-by-untrusted.p7s", "doc-by-wrong-ku.p7s"])
    func badSignerMakesTheSignatureInvalid(name: String) throws {
        let report = try verifier().verify(TestPKI.bytes(name), content: TestPKI.bytes("doc.txt"),
                                           at: TestPKI.auditTime, path: name)
        #expect(report.integrity, "the bytes are intact")
        #expect(!report.isValid, "\(name)")
    }

    @Test func detachedWithoutContentIsAnInputError() throws {
        #expect(throws: PKIError.self) {
            try verifier().verify(TestPKI.bytes("doc.txt.p7s"), content: nil, at: TestPKI.auditTime, path: "p7s")
        }
    }

    @Test(arguments: ["garbage.p7s", "notes.txt", "good.pem"])
    func notCMSIsAnInputError(name: String) throws {
        #expect(throws: PKIError.self) {
            try verifier().verify(TestPKI.bytes(name), content: nil, at: TestPKI.auditTime, path: name)
        }
    }

    @Test func signedPDFCoversTheWholeFile() throws {
        let reports = try verifier().verifyPDF(TestPKI.bytes("signed.pdf"), at: TestPKI.auditTime, path: "signed.pdf")
        #expect(reports.count == 1)
        #expect(reports.first?.isValid == true)
        #expect(reports.first?.coverage?.en == "the whole file")
    }

    @Test func incrementalUpdateAfterSigningIsReported() throws {
        let reports = try verifier().verifyPDF(TestPKI.bytes("signed-updated.pdf"), at: TestPKI.auditTime, path: "u.pdf")
        #expect(reports.first?.isValid == true)
        #expect(reports.first?.coverage?.en.contains("later incremental updates") == true)
        #expect(reports.changedAfterSigning)
        let whole = try verifier().verifyPDF(TestPKI.bytes("signed.pdf"), at: TestPKI.auditTime, path: "signed.pdf")
        #expect(!whole.changedAfterSigning)
    }

    @Test func tamperedPDFFailsIntegrity() throws {
        let reports = try verifier().verifyPDF(TestPKI.bytes("signed-tampered.pdf"), at: TestPKI.auditTime, path: "t.pdf")
        #expect(reports.first?.integrity == false)
    }

    @Test func byteRangeOutsideTheFileIsAFindingNotACrash() throws {
        let reports = try verifier().verifyPDF(TestPKI.bytes("signed-bad-range.pdf"), at: TestPKI.auditTime, path: "b.pdf")
        #expect(reports.count == 1)
        #expect(reports.first?.isValid == false)
        #expect(reports.first?.integrityDetail?.contains("outside the file") == true)
    }

    @Test func expiredSignerFailsAtSigningTime() throws {
        let reports = try verifier().verifyPDF(TestPKI.bytes("signed-by-expired.pdf"), at: TestPKI.auditTime, path: "e.pdf")
        #expect(reports.first?.integrity == true)
        #expect(reports.first?.isValid == false)
        #expect(reports.first?.signers.first?.atSigningTime?.check(.validity)?.status == .fail)
    }

    @Test func unsignedPDFHasNoSignatures() throws {
        #expect(PDFSignatureScanner.scan(try TestPKI.bytes("unsigned.pdf")).isEmpty)
        #expect(PDFSignatureScanner.isPDF(try TestPKI.bytes("unsigned.pdf")))
    }

    @Test func hostileByteRangesNeverCrash() {
        let cases = ["/ByteRange [0 99999999999999999999 1 1]", "/ByteRange [", "/ByteRange [0 10 5 1]",
                     "/ByteRange [0 1 2 3] <zz>", "/ByteRange[0 -1 2 3]", String(repeating: "/ByteRange ", count: 1000)]
        for text in cases {
            let reports = PDFSignatureScanner.scan(Array(("%PDF-1.7\n" + text).utf8))
            #expect(reports.allSatisfy { $0.problem != nil })
        }
    }

    @Test func repeatedAndExcessiveByteRangesAreBounded() {
        let same = String(repeating: "/ByteRange [0 10 20 5] ", count: 500)
        #expect(PDFSignatureScanner.scan(Array(("%PDF-1.7\n" + same).utf8)).count == 1)
        let distinct = (0..<500).map { "/ByteRange [0 \($0 + 1) 600 5] " }.joined()
        let reports = PDFSignatureScanner.scan(Array(("%PDF-1.7\n" + distinct).utf8))
        #expect(reports.count == PDFSignatureScanner.maximumSignatures + 1)
        #expect(reports.last?.problem?.contains("more than") == true)
    }

    @Test func largeFileIsScannedQuickly() {
        var data = Array("%PDF-1.7\n".utf8)
        data += [UInt8](repeating: 0x41, count: 50 * 1024 * 1024)
        #expect(PDFSignatureScanner.scan(data).isEmpty)
    }
}
