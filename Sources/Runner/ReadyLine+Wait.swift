import CafeModel

#if canImport(Glibc)
import Glibc
#endif

extension ReadyLine {
    /// Reads a child café's stdout from `fd` until its ready line, end of file, or the timeout.
    static func wait(on fd: Int32, timeout: Duration) -> ReadyLine? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while clock.now < deadline {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(clamping: max(1, Int(clock.now.duration(to: deadline).milliseconds) + 1))
            guard poll(&entry, 1, min(remaining, 100)) > 0 else { continue }
            guard read(fd, &byte, 1) == 1 else { return nil }
            guard byte == UInt8(ascii: "\n") else {
                line.append(byte)
                continue
            }
            if let ready = ReadyLine(line: line) { return ready }
            line = []
        }
        return nil
    }
}
