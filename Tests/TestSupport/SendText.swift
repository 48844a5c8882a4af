import Foundation

/// Writes `text` on a raw client socket: a customer who speaks HTTP by hand, perhaps only half an order.
/// A peer that has gone is no signal.
public func sendText(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
}
