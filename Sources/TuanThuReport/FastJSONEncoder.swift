import Foundation
import TuanThuPKI

/// Encodes `Encodable` values as JSON text laid out as Foundation's `JSONEncoder` does with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (two-space indent, `"key" : value`),
/// several times faster: reports of thousands of systems spent most of their time in Foundation's
/// encoder. Nil optionals are left out, as `encodeIfPresent` asks.
struct FastJSONEncoder {
    func encode<T: Encodable>(_ value: T) throws -> Data {
        try encodeBuffer(value).withUnsafeBytes { Data($0) }
    }

    /// The text in the buffer it was written into. `expectedSize` lets a large report's buffer be
    /// allocated once instead of regrown.
    /// `indent`: the value sits that deep in an enclosing document (its first line is not padded).
    func encodeBuffer<T: Encodable>(_ value: T, expectedSize: Int = 1 << 16, trailingNewline: Bool = false,
                                    indent: Int = 0) throws -> ByteBuffer {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        var writer = JSONTextWriter(capacity: expectedSize)
        writer.write(encoder.value ?? .literal("null"), indent: indent)
        if trailingNewline { writer.bytes.append(0x0A) }
        return writer.bytes
    }
}

/// The encoded tree; containers are classes so nested containers can fill them in place.
enum JSONValue {
    case string(String)
    case literal(String)
    case object(JSONObject)
    case array(JSONArray)
    /// A value that writes itself (see `DirectJSONWritable`).
    case direct(DirectJSONWritable)
}

final class JSONObject {
    var entries: [(key: String, value: JSONValue)] = []
}

final class JSONArray {
    var items: [JSONValue] = []
}

private final class TreeEncoder: Encoder {
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var value: JSONValue?

    init(codingPath: [CodingKey]) {
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObject
        if case .object(let existing) = value { object = existing } else { object = JSONObject(); value = .object(object) }
        return KeyedEncodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let array: JSONArray
        if case .array(let existing) = value { array = existing } else { array = JSONArray(); value = .array(array) }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    /// Scalars directly, anything else through its own `encode(to:)`. A scalar type must be
    /// handled here: its `encode(to:)` would come straight back.
    static func box<T: Encodable>(_ value: T, path: [CodingKey]) throws -> JSONValue {
        switch value {
        case let string as String: return .string(string)
        case let int as Int: return .literal(String(int))
        case let bool as Bool: return .literal(bool ? "true" : "false")
        case let integer as any BinaryInteger: return .literal(String(describing: integer))
        case is any BinaryFloatingPoint:
            // Reports carry no fractions; Foundation's number formatting is not reproduced.
            throw EncodingError.invalidValue(value, .init(codingPath: path,
                                                          debugDescription: "floating-point values are not supported"))
        case let direct as DirectJSONWritable: return .direct(direct)
        default:
            let encoder = TreeEncoder(codingPath: path)
            try value.encode(to: encoder)
            return encoder.value ?? .object(JSONObject())
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObject
    var codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.entries.append((key.stringValue, .literal("null"))) }

    // Concrete overloads: synthesized `Encodable` calls these for scalars, with no dynamic cast.
    mutating func encode(_ value: String, forKey key: Key) throws { object.entries.append((key.stringValue, .string(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.entries.append((key.stringValue, .literal(String(value)))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        object.entries.append((key.stringValue, .literal(value ? "true" : "false")))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        // The coding path is not tracked below the top: nothing here reports it.
        object.entries.append((key.stringValue, try TreeEncoder.box(value, path: codingPath)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        object.entries.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONArray()
        object.entries.append((key.stringValue, .array(nested)))
        return UnkeyedContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArray
    var codingPath: [CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.literal("null")) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: Bool) throws { array.items.append(.literal(value ? "true" : "false")) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try TreeEncoder.box(value, path: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONArray()
        array.items.append(.array(nested))
        return UnkeyedContainer(array: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.value = .literal("null") }
    mutating func encode(_ value: String) throws { encoder.value = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.value = .literal(String(value)) }
    mutating func encode(_ value: Bool) throws { encoder.value = .literal(value ? "true" : "false") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.value = try TreeEncoder.box(value, path: codingPath)
    }
}

/// Writes the tree as pretty-printed JSON with sorted keys, straight into one byte buffer.
struct JSONTextWriter {
    let bytes: ByteBuffer
    /// The object being written directly has no member yet (see `openObject`).
    var atObjectStart = false
    /// Writing an item of one of the report's long lists: on one line, without spaces, as
    /// Foundation's `JSONEncoder` writes without `.prettyPrinted` (see `DirectList`).
    var compact = false
    /// `atObjectStart` of each enclosing object being written directly.
    var enclosingStarts: [Bool] = []

    init(capacity: Int = 1 << 16) {
        bytes = ByteBuffer(capacity: capacity)
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .string(let text): writeString(text)
        case .literal(let text): bytes.append(contentsOf: text.utf8)
        case .direct(let value): value.writeJSON(&self, indent: indent)
        case .array(let array):
            writeArray(array.items, indent: indent) { writer, item, indent in writer.write(item, indent: indent) }
        case .object(let object) where compact:
            bytes.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(entry.key)
                bytes.append(UInt8(ascii: ":"))
                write(entry.value, indent: indent)
            }
            bytes.append(UInt8(ascii: "}"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            bytes.append(0x0A)
            if object.entries.isEmpty { bytes.append(0x0A) }
            let sorted = object.entries.sorted { $0.key < $1.key }
            for (index, entry) in sorted.enumerated() {
                pad(indent + 2)
                writeString(entry.key)
                bytes.append(0x20)
                bytes.append(UInt8(ascii: ":"))
                bytes.append(0x20)
                write(entry.value, indent: indent + 2)
                if index < sorted.count - 1 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(0x0A)
            }
            pad(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Fixed text (a string literal goes to the `String` overload unless typed: hence the name).
    mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An array as Foundation lays it out: each item on its own line, an empty one as `[` newline
    /// newline `]`.
    mutating func writeArray<Item>(_ items: [Item], indent: Int,
                                   _ writeItem: (inout JSONTextWriter, Item, Int) -> Void) {
        // Items are handed over where they lie, not copied out of the array one by one.
        items.withUnsafeBufferPointer { buffer in
            if compact {
                appendLiteral("[")
                for index in buffer.indices {
                    if index > 0 { appendLiteral(",") }
                    writeItem(&self, buffer[index], indent)
                }
                appendLiteral("]")
                return
            }
            appendLiteral("[\n")
            if buffer.isEmpty { appendLiteral("\n") }
            for index in buffer.indices {
                pad(indent + 2)
                writeItem(&self, buffer[index], indent + 2)
                if index < buffer.count - 1 { appendLiteral(",") }
                appendLiteral("\n")
            }
            pad(indent)
            appendLiteral("]")
        }
    }

    /// An integer in decimal, without making a string of it.
    mutating func appendInteger(_ value: Int) {
        bytes.appendDecimal(value)
    }

    mutating func pad(_ count: Int) {
        bytes.append(repeating: 0x20, count: count)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\\`.
    @inline(__always)
    /// Quotes, backslashes, C0 controls, DEL, and 0xC2 (which begins the C1 controls, U+0080–U+009F:
    /// JSON allows them raw, but a terminal showing the file may act on them).
    static func needsEscape(_ word: UInt64) -> Bool {
        (WordScan.controls(word) | WordScan.matches(0x22, word) | WordScan.matches(0x5C, word)
         | WordScan.matches(0x7F, word) | WordScan.matches(0xC2, word)) != 0
    }

    /// Writes `text` as a JSON string.
    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var text = text
            text.withUTF8 { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 text escaped for a JSON string. Runs of bytes that need no escape (nearly all
    /// of them) are copied whole.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress else { return }
        var runStart = 0
        var index = 0
        while index < utf8.count {
            // Eight bytes at a time while none of them needs an escape.
            index = WordScan.skipClean(start, count: utf8.count, from: index, Self.needsEscape)
            guard index < utf8.count else { break }
            var byte = utf8[index]
            index += 1
            if byte == 0xC2, index < utf8.count, (0x80...0x9F).contains(utf8[index]) {
                // A C1 control: its two bytes become `\u0080`…`\u009F`.
                if runStart < index - 1 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<(index - 1)]))
                }
                byte = utf8[index]
                index += 1
                runStart = index
                appendLiteral("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
                continue
            }
            guard byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index - 1 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<(index - 1)]))
            }
            runStart = index
            switch byte {
            case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
            default:
                appendLiteral("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            }
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }
}
