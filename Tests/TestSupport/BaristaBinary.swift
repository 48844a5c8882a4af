import Foundation

/// The built `barista` executable, beside the test bundle in the build folder.
public enum BaristaBinary {
    public static var url: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = exe.deletingLastPathComponent()
        // The test bundle may sit inside a .xctest folder; barista sits in the build folder itself.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("barista").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("barista")
    }
}
