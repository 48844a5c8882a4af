import Foundation

extension ServerStats {
    /// The JSON of `/stats`: snake_case keys, stable key order so snapshots diff well.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a `/stats` JSON snapshot.
    public static func decode(from data: Data) throws -> ServerStats {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ServerStats.self, from: data)
    }
}
