import Testing
@testable import TuanThuEngine

/// Private key blocks in the workspace's texts are withheld when read (issue 20).
struct SecretRedactionTests {
    static let withheld = SecretRedaction.placeholder

    @Test(arguments: [
        ("ghi chú -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- hết", "ghi chú \(withheld) hết"),
        ("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n-----BEGIN EC PRIVATE KEY-----\nx",
         "\(withheld)\n\(withheld)"),
        ("a -----BEGIN ENCRYPTED PRIVATE KEY-----\nProc-Type: 4\nbody (cut here", "a \(withheld)"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----", withheld),
        // Not keys: a certificate, a lone marker, text about keys.
        ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
        ("khóa PRIVATE KEY----- được cất riêng", "khóa PRIVATE KEY----- được cất riêng"),
        ("-----BEGIN \nPRIVATE KEY-----", "-----BEGIN \nPRIVATE KEY-----"),
    ])
    func blocksAreWithheld(_ text: String, _ expected: String) {
        #expect(SecretRedaction.redact(text) == expected)
    }

    @Test func theYAMLReaderNeverKeepsAKey() throws {
        let yaml = "note: |\n  -----BEGIN PRIVATE KEY-----\n  MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n  -----END PRIVATE KEY-----\nother: \"-----BEGIN EC PRIVATE KEY-----\\nAAAA\"\n"
        let node = try YAMLEvents.parse(yaml, file: "x.yaml")
        let text = "\(node)"
        #expect(!text.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
        #expect(!text.contains("AAAA"))
        #expect(text.contains(Self.withheld))
    }
}
