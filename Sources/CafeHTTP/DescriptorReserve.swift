import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A few descriptors the admin port keeps in its pocket (open on `/dev/null`), so `/stats` still answers
/// when the café has used every other one: the moment the admin port's own accept fails with EMFILE, one
/// is given back for that accept, and it is taken again when the admin connection closes.
///
/// This is the "spare descriptor" trick of libev and nginx, turned around: the café's door backs off on
/// EMFILE, and stays shut while a spare is missing (see `DoorJam`), so a descriptor set free goes back into the
/// pocket, not to a customer.
public final class DescriptorReserve: Sendable {
    private let spares: Mutex<[Int32]>
    private let size: Int

    public init(size: Int = 4) {
        self.size = size
        spares = Mutex([])
        refill()
    }

    /// Gives one descriptor back to the process; false when the pocket is empty.
    public func release() -> Bool {
        guard let fd = spares.withLock({ $0.popLast() }) else { return false }
        close(fd)
        return true
    }

    /// Takes descriptors again, up to the reserve's size, as far as the process has free ones. False when the
    /// pocket is still short for want of descriptors (EMFILE, ENFILE); true when it is full, or cannot be filled
    /// for another reason (no `/dev/null`), which must not shut the door for ever.
    @discardableResult
    public func refill() -> Bool {
        spares.withLock { spares in
            while spares.count < size {
                let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { return errno != EMFILE && errno != ENFILE }
                spares.append(fd)
            }
            return true
        }
    }

    /// Closes every spare (the admin port is shutting down).
    public func drain() {
        spares.withLock { spares in
            spares.forEach { close($0) }
            spares.removeAll()
        }
    }
}
