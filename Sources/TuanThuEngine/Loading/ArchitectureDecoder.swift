/// Decodes a system's `architecture:` section: what the level dossier's overview describes.
enum ArchitectureDecoder {
    static func decode(_ node: YNode) throws -> Architecture {
        let map = try node.mapping("architecture")
        var result = Architecture()
        func text(_ key: String) throws -> String? { try map.optional(key)?.string(key) }
        func texts(_ key: String) throws -> [String] {
            try (map.optional(key)?.listOrSingle(key) ?? []).map { try $0.string(key) }
        }
        result.description = try text("description")
        result.scale = try text("scale")
        result.users = try text("users")
        result.logicalModel = try text("logical-model")
        result.physicalModel = try text("physical-model")
        result.zones = try (map.optional("zones")?.list("zones") ?? []).map { item in
            let entry = try item.mapping("zone")
            let zone = Architecture.Zone(name: try entry.required("name").string("zone name"),
                                         addresses: try entry.optional("addresses")?.string("addresses"),
                                         purpose: try entry.optional("purpose")?.string("purpose"))
            try entry.finish()
            return zone
        }
        result.devices = try (map.optional("devices")?.list("devices") ?? []).map { item in
            let entry = try item.mapping("device")
            let device = Architecture.Device(name: try entry.required("name").string("device name"),
                                             kind: try entry.optional("kind")?.string("kind"),
                                             model: try entry.optional("model")?.string("model"),
                                             count: try entry.optional("count")?.int("count", in: 1...100_000) ?? 1,
                                             zone: try entry.optional("zone")?.string("zone"),
                                             main: try entry.optional("main")?.bool("main") ?? false)
            try entry.finish()
            return device
        }
        result.services = try (map.optional("services")?.list("services") ?? []).map { item in
            let entry = try item.mapping("service")
            let service = Architecture.Service(name: try entry.required("name").string("service name"),
                                               zone: try entry.optional("zone")?.string("zone"),
                                               description: try entry.optional("description")?.string("description"))
            try entry.finish()
            return service
        }
        result.connections = try (map.optional("connections")?.list("connections") ?? []).map { item in
            let entry = try item.mapping("connection")
            let connection = Architecture.Connection(to: try entry.required("to").string("connection"),
                                                     via: try entry.optional("via")?.string("via"),
                                                     purpose: try entry.optional("purpose")?.string("purpose"))
            try entry.finish()
            return connection
        }
        result.threats = try texts("threats")
        result.impacts = try texts("impacts")
        result.risks = try texts("risks")
        try map.finish()
        return result
    }
}
