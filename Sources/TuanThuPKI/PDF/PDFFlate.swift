import CPDFZlib

/// Decodes the streams the structure of a PDF needs (cross-reference and object streams):
/// `/FlateDecode` through the system's zlib, then the PNG predictors of `/DecodeParms`.
/// Output is bounded: a stream that inflates past `limit` bytes is refused, not read.
enum PDFStreamDecoder {
    /// More than any cross-reference or object stream of a real document needs.
    static let defaultLimit = 64 << 20

    static func decode(_ value: PDFValue, limit: Int = defaultLimit) throws -> [UInt8] {
        guard case .stream(let entries, let raw) = value else {
            throw PDFStructureError(offset: 0, reason: "not a stream")
        }
        var filters: [String] = []
        switch entries["Filter"] {
        case .name(let name)?: filters = [name]
        case .array(let items)?: filters = items.compactMap(\.name)
        case nil, .null?: break
        default: throw PDFStructureError(offset: 0, reason: "unreadable /Filter")
        }
        guard filters.count <= 1 else { throw PDFStructureError(offset: 0, reason: "more than one filter") }
        guard let filter = filters.first else { return Array(raw) }
        guard filter == "FlateDecode" || filter == "Fl" else {
            throw PDFStructureError(offset: 0, reason: "/\(filter) is not read for the document's structure")
        }
        var parameters = entries["DecodeParms"] ?? entries["DP"]
        if case .array(let items)? = parameters { parameters = items.first }
        let inflated = try inflate(raw, limit: limit)
        let predictor = parameters?["Predictor"]?.integer ?? 1
        guard predictor > 1 else { return inflated }
        guard predictor >= 10, predictor <= 15 else {
            throw PDFStructureError(offset: 0, reason: "predictor \(predictor) is not read")
        }
        let columns = parameters?["Columns"]?.integer ?? 1
        let colors = parameters?["Colors"]?.integer ?? 1
        let bits = parameters?["BitsPerComponent"]?.integer ?? 8
        guard (1...4096).contains(columns), (1...4).contains(colors), bits == 8 else {
            throw PDFStructureError(offset: 0, reason: "unreadable predictor parameters")
        }
        return try unpredictPNG(inflated, columns: columns * colors, bytesPerPixel: colors)
    }

    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PDFStructureError(offset: 0, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let status: Int32 = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    return CPDFZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { return Z_MEM_ERROR }
                output.append(contentsOf: chunk[0..<produced])
                if result == Z_STREAM_END { return Z_OK }
                // Data that simply stops is read as far as it goes, as readers do.
                if result == Z_BUF_ERROR || (result == Z_OK && stream.avail_in == 0 && produced == 0) { return Z_OK }
                if result != Z_OK { return result }
            }
        }
        if status == Z_MEM_ERROR {
            throw PDFStructureError(offset: 0, reason: "a stream inflates past \(limit >> 20) MiB")
        }
        guard status == Z_OK else { throw PDFStructureError(offset: 0, reason: "corrupt Flate data (zlib \(status))") }
        return output
    }

    /// PNG row filters (RFC 2083 §6): each row starts with its filter type.
    static func unpredictPNG(_ data: [UInt8], columns: Int, bytesPerPixel: Int) throws -> [UInt8] {
        let rowLength = columns + 1
        guard data.count % rowLength == 0 || data.count / rowLength > 0 else {
            throw PDFStructureError(offset: 0, reason: "predicted data shorter than a row")
        }
        var out: [UInt8] = []
        out.reserveCapacity(data.count / rowLength * columns)
        var previous = [UInt8](repeating: 0, count: columns)
        var row = [UInt8](repeating: 0, count: columns)
        var start = 0
        while start + rowLength <= data.count {
            let type = data[start]
            for index in 0..<columns {
                let raw = data[start + 1 + index]
                let left = index >= bytesPerPixel ? row[index - bytesPerPixel] : 0
                let up = previous[index]
                let upLeft = index >= bytesPerPixel ? previous[index - bytesPerPixel] : 0
                switch type {
                case 0: row[index] = raw
                case 1: row[index] = raw &+ left
                case 2: row[index] = raw &+ up
                case 3: row[index] = raw &+ UInt8((Int(left) + Int(up)) / 2)
                case 4:
                    let estimate = Int(left) + Int(up) - Int(upLeft)
                    let (a, b, c) = (abs(estimate - Int(left)), abs(estimate - Int(up)), abs(estimate - Int(upLeft)))
                    row[index] = raw &+ (a <= b && a <= c ? left : b <= c ? up : upLeft)
                default: throw PDFStructureError(offset: 0, reason: "PNG filter type \(type)")
                }
            }
            out.append(contentsOf: row)
            swap(&previous, &row)
            start += rowLength
        }
        return out
    }
}
