import ArgumentParser
import CafeHTTP

/// barista's one-line errors (a bad flag, a bad lesson file: what and where, exit code 2).
public enum OneLineError {
    /// `body`'s error as a usage error: barista's `main` prints it as one line and exits 2.
    public static func asUsage<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw ValidationError("\(error)") }
    }

    /// `body`'s error said in one line on stderr, then exit 2: for what is found wrong after the flags were read.
    public static func orExit<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            StderrLog.barista("\(error)")
            throw ExitCode(2)
        }
    }
}
