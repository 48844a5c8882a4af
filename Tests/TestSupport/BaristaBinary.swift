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

    /// Where the tests' barista keeps its state (lesson progress): a folder of this test run's own, so that
    /// playing test lessons never marks a student's real lessons as finished in `~/.local/state`.
    public static let stateHome: String = {
        let folder = NSTemporaryDirectory() + "barista-tests-state-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// The environment to run barista in: this process's, with `XDG_STATE_HOME` set to `stateHome`.
    public static var environment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": stateHome]) { $1 }
    }
}
