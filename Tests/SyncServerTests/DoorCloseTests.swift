import CafeHTTP
import Foundation
import Testing

@testable import SyncServer

#if canImport(Glibc)
import Glibc
#endif

/// What descriptor `fd` is now (`socket:[inode]`), or nil when it is closed.
private func link(_ fd: Int32) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
}

@Suite("The sync café closes its door only when no thread of it can reach the door", .onOwnThreads)
struct DoorCloseTests {
    @Test("a thread still running at closing time is left the door, and the last one out closes it")
    func lastOneOutClosesTheDoor() throws {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        configuration.adminPort = 0
        configuration.workers = 1
        let cafe = try SyncCafe(configuration: configuration)
        let door = try #require(link(cafe.listenFD))
        // A thread of the café that has not left by the time closing time gives up waiting (a barista the machine
        // has not run for half a second): closing the door now would hand its number to the next socket opened.
        cafe.board.withLock { $0.liveThreads += 1 }
        cafe.shutdown()
        #expect(link(cafe.listenFD) == door, "the door stays open while a thread may still reach it")
        cafe.board.withLock { board in
            board.liveThreads -= 1
            cafe.leaveTheDoor(&board)
        }
        #expect(link(cafe.listenFD) != door, "the last thread out closed it")
    }

    @Test("with every thread gone, closing time closes the door itself")
    func closedAtOnce() throws {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        configuration.adminPort = 0
        let cafe = try SyncCafe(configuration: configuration)
        let door = try #require(link(cafe.listenFD))
        cafe.shutdown()
        #expect(link(cafe.listenFD) != door)
    }
}
