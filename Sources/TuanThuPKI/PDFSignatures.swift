import Foundation

/// The signatures of a PDF: every `/ByteRange` with its `/Contents`, checked for what they cover.
public struct PDFSignature: Sendable {
    public var byteRange: [Int]
    public var subFilter: String?
    /// The DER CMS from `/Contents` (nil when the field is broken; `problem` says why).
    public var cms: [UInt8]?
    public var problem: String?
    /// Bytes the signature covers end here; the file may go on with later incremental updates.
    public var coveredEnd: Int
    public var fileLength: Int

    public var coversWholeFile: Bool { coveredEnd == fileLength }

    /// For a signature that does not cover the whole file: what the later updates do (read only then).
    public var laterUpdates: PDFUpdateReview?

    public var coverage: Bilingual {
        guard problem == nil || cms != nil else { return Bilingual(vi: "/ByteRange hỏng", en: "broken /ByteRange") }
        if coversWholeFile { return Bilingual(vi: "toàn bộ tệp", en: "the whole file") }
        let later = fileLength - coveredEnd
        let revision = Bilingual(vi: "phiên bản kết thúc ở byte \(coveredEnd); sau đó có \(later) byte cập nhật bổ sung (incremental update)",
                                 en: "the revision ending at byte \(coveredEnd); \(later) bytes of later incremental updates follow")
        guard let review = laterUpdates else { return revision }
        switch review.verdict {
        case .validationDataOnly:
            let added = review.additions.filter { $0 != .metadata }.map(\.label)
            func list(_ items: [String], _ and: String) -> String {
                items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(and) " + items.last!
            }
            let vi = added.isEmpty ? "siêu dữ liệu" : list(added.map(\.vi), "và")
            let en = added.isEmpty ? "metadata" : list(added.map(\.en), "and")
            return Bilingual(vi: revision.vi + ", chỉ thêm \(vi), không sửa nội dung đã ký",
                             en: revision.en + ", adding only \(en), changing nothing signed")
        case .changed, .unreadable:
            return Bilingual(vi: revision.vi + ", sửa nội dung đã ký: " + review.changes.map(\.vi).joined(separator: "; "),
                             en: revision.en + ", changing what was signed: " + review.changes.map(\.en).joined(separator: "; "))
        }
    }
}

extension PDFUpdateReview.Addition {
    public var label: Bilingual {
        switch self {
        case .validationData: return Bilingual(vi: "dữ liệu kiểm tra hiệu lực (/DSS, /VRI)", en: "validation data (/DSS, /VRI)")
        case .documentTimestamp: return Bilingual(vi: "dấu thời gian tài liệu", en: "a document timestamp")
        case .signature: return Bilingual(vi: "chữ ký số sau", en: "a later signature")
        case .metadata: return Bilingual(vi: "siêu dữ liệu", en: "metadata")
        }
    }
}

/// Finds signatures in PDF bytes without a full PDF parser: a signature dictionary's
/// `/ByteRange [a b c d]` must leave out exactly its `/Contents <hex>` string.
public enum PDFSignatureScanner {
    public static func isPDF(_ data: [UInt8]) -> Bool {
        data.indexOf(Array("%PDF-".utf8), within: 1024) != nil
    }

    /// More signature fields than any real document has; a file with more is hostile or broken.
    public static let maximumSignatures = 64

    public static func scan(_ data: [UInt8]) -> [PDFSignature] {
        var signatures: [PDFSignature] = []
        var ranges: Set<[Int]> = []
        var from = 0
        let token = Array("/ByteRange".utf8)
        while let at = data.indexOf(token, from: from) {
            from = at + token.count
            // The same range twice is one signature (e.g. repeated in an object stream copy): dropped
            // before its /Contents is copied and decoded, so that many copies cost no more than one.
            let range = parseRange(data, from: from)
            if let range, !ranges.insert(range).inserted { continue }
            let found = signature(in: data, range: range)
            guard signatures.count < maximumSignatures else {
                signatures.append(PDFSignature(byteRange: [], subFilter: nil, cms: nil,
                                               problem: "more than \(maximumSignatures) signature fields; the rest were not read",
                                               coveredEnd: 0, fileLength: data.count))
                break
            }
            signatures.append(found)
        }
        // What follows each signature's revision, read once per revision.
        var reviews: [Int: PDFUpdateReview] = [:]
        for index in signatures.indices where signatures[index].cms != nil && signatures[index].problem == nil
            && !signatures[index].coversWholeFile {
            let end = signatures[index].coveredEnd
            if reviews[end] == nil { reviews[end] = PDFUpdateReviewer.review(data, signedEnd: end) }
            signatures[index].laterUpdates = reviews[end]
        }
        return signatures
    }

    private static func signature(in data: [UInt8], range: [Int]?) -> PDFSignature {
        func broken(_ problem: String, _ range: [Int] = []) -> PDFSignature {
            PDFSignature(byteRange: range, subFilter: nil, cms: nil, problem: problem, coveredEnd: 0, fileLength: data.count)
        }
        guard let range else { return broken("/ByteRange is not four whole numbers") }
        let (a, b, c, d) = (range[0], range[1], range[2], range[3])
        guard a == 0 else { return broken("/ByteRange does not start at byte 0", range) }
        guard b > 0, c > b, d >= 0, c <= data.count, d <= data.count - c else {
            return broken("/ByteRange points outside the file (\(data.count) bytes)", range)
        }
        let gap = Array(data[b..<c])
        guard gap.first == UInt8(ascii: "<"), gap.last == UInt8(ascii: ">"),
              let cms = hexDecode(gap.dropFirst().dropLast()) else {
            return broken("the bytes /ByteRange leaves out are not the /Contents hex string", range)
        }
        var result = PDFSignature(byteRange: range, subFilter: subFilter(data, before: b, after: c), cms: cms, problem: nil,
                                  coveredEnd: c + d, fileLength: data.count)
        if !result.coversWholeFile {
            if data.indexOf(Array("%%EOF".utf8), from: max(0, c + d - 8), within: c + d) == nil {
                result.problem = "the signed bytes do not end a revision (%%EOF), yet the file goes on"
            }
        }
        return result
    }

    private static func parseRange(_ data: [UInt8], from start: Int) -> [Int]? {
        var index = start
        func skipSpace() {
            while index < data.count, [9, 10, 12, 13, 32, 0].contains(data[index]) { index += 1 }
        }
        skipSpace()
        guard index < data.count, data[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        var numbers: [Int] = []
        while numbers.count < 4 {
            skipSpace()
            var value = 0
            var digits = 0
            while index < data.count, (48...57).contains(data[index]), digits < 15 {
                value = value * 10 + Int(data[index] - 48)
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
            numbers.append(value)
        }
        skipSpace()
        guard index < data.count, data[index] == UInt8(ascii: "]") else { return nil }
        return numbers
    }

    /// The `/SubFilter` of the signature dictionary around `/Contents`: the nearest one before it,
    /// else the nearest after it, within 4 KiB.
    private static func subFilter(_ data: [UInt8], before: Int, after: Int) -> String? {
        let token = Array("/SubFilter".utf8)
        var nearest: Int?
        var from = max(0, before - 4096)
        while let at = data.indexOf(token, from: from, within: before) {
            nearest = at
            from = at + token.count
        }
        if nearest == nil { nearest = data.indexOf(token, from: after, within: min(data.count, after + 4096)) }
        guard let at = nearest else { return nil }
        var index = at + token.count
        while index < data.count, PDFParser.isWhitespace(data[index]) { index += 1 }
        guard index < data.count, data[index] == UInt8(ascii: "/") else { return nil }
        index += 1
        var name: [UInt8] = []
        while index < data.count, name.count < 64, !PDFParser.isWhitespace(data[index]), !PDFParser.isDelimiter(data[index]) {
            name.append(data[index])
            index += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    private static func hexDecode(_ hex: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        var high: UInt8?
        for byte in hex {
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 65...70: value = byte - 55
            case 97...102: value = byte - 87
            case 9, 10, 13, 32: continue
            default: return nil
            }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        if let first = high { out.append(first << 4) }
        return out
    }
}

/// Searching bytes for bytes: `memchr` finds each candidate first byte, `memcmp` checks the rest.
/// Certificate files, PDFs and every scalar of an inventory are searched this way.
public enum ByteSearch {
    /// The first position of `needle` in `haystack` at or after `start`, lying wholly before `limit`.
    public static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                  from start: Int = 0, before limit: Int? = nil) -> Int? {
        guard let base = haystack.baseAddress, let wanted = needle.baseAddress, !needle.isEmpty,
              needle.count <= haystack.count else { return nil }
        let first = Swift.max(0, start)
        let last = Swift.min(haystack.count - needle.count, limit.map { $0 - needle.count } ?? Int.max)
        var index = first
        while index <= last {
            guard let hit = memchr(base + index, Int32(wanted[0]), last - index + 1) else { return nil }
            let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + position, wanted, needle.count) == 0 { return position }
            index = position + 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// The first index of `needle` at or after `from` (and, with `within`, lying wholly in the
    /// first `within` bytes).
    func indexOf(_ needle: [UInt8], from: Int = 0, within limit: Int? = nil) -> Int? {
        withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: buffer, from: from, before: limit) }
        }
    }
}

extension SignatureVerifier {
    /// Verifies every signature of a PDF over exactly the bytes its `/ByteRange` names.
    public func verifyPDF(_ data: [UInt8], at time: Timestamp, path: String) -> [SignatureReport] {
        PDFSignatureScanner.scan(data).map { field in
            let stamp: Bool? = field.subFilter == "ETSI.RFC3161" ? true : nil
            guard let cms = field.cms else {
                return SignatureReport(integrity: false, integrityDetail: field.problem, signers: [],
                                       coverage: field.coverage, coversWholeFile: field.coversWholeFile, laterUpdates: field.laterUpdates,
                                       isDocumentTimestamp: stamp)
            }
            if field.subFilter == "adbe.pkcs7.sha1" {
                return SignatureReport(integrity: false, integrityDetail: "SubFilter adbe.pkcs7.sha1 (SHA-1) is not accepted",
                                       signers: [], coverage: field.coverage, coversWholeFile: field.coversWholeFile, laterUpdates: field.laterUpdates,
                                       isDocumentTimestamp: stamp)
            }
            let range = field.byteRange
            let signed = Array(data[range[0]..<(range[0] + range[1])]) + Array(data[range[2]..<(range[2] + range[3])])
            do {
                var report = field.subFilter == "ETSI.RFC3161"
                    ? try verifyTimestampToken(cms, content: signed, at: time, path: path)
                    : try verify(cms, content: signed, at: time, path: path)
                report.coverage = field.coverage
                report.coversWholeFile = field.coversWholeFile
                report.laterUpdates = field.laterUpdates
                report.isDocumentTimestamp = stamp
                if let problem = field.problem {
                    report.integrity = false
                    report.integrityDetail = problem
                }
                return report
            } catch {
                return SignatureReport(integrity: false, integrityDetail: "\(error)", signers: [], coverage: field.coverage,
                                       coversWholeFile: field.coversWholeFile, laterUpdates: field.laterUpdates,
                                       isDocumentTimestamp: stamp)
            }
        }
    }
}

extension Array where Element == SignatureReport {
    /// The signatures that sign content: not the document timestamps, which vouch for no content.
    public var approvalSignatures: [SignatureReport] { filter { $0.isDocumentTimestamp != true } }

    /// A PDF whose last signature is followed by updates that do more than add validation data
    /// and document timestamps (`PDFUpdateReview`) was changed after it was signed. Changes before
    /// a later signature are that signer's, who signed them: each signature's own coverage still
    /// names them.
    public var changedAfterSigning: Bool {
        guard let last = approvalSignatures.last(where: { $0.coversWholeFile != nil }) else {
            return contains { $0.unchangedSinceSigning == false }
        }
        return last.unchangedSinceSigning == false
    }

    /// The document's verdict (`verify`'s exit code, DOC.SIGNATURE in an audit): signed (a timestamp
    /// is no signature), every signature valid, and nothing but validation data and timestamps after
    /// the last one.
    public var documentIsValid: Bool { !approvalSignatures.isEmpty && allSatisfy(\.isValid) && !changedAfterSigning }

    /// The rule ids of the certificate checks that made a signature invalid: each signer's
    /// certificate at its signing time (at the check time when it states none), in order, once each.
    public var failedCertificateRules: [String] {
        var seen: Set<String> = []
        return flatMap(\.signers).flatMap { signer in
            (signer.atSigningTime ?? signer.atAuditTime)?.failedRules(decisive: true) ?? []
        }.filter { seen.insert($0).inserted }
    }
}
