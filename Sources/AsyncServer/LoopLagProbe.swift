import NIOCore

/// The loop-lag meter: a timer every 10 ms on each event loop, recording how late it fires.
///
/// A loop that is free fires it within a fraction of a millisecond; a loop stuck in a blocking call fires it
/// only when the call returns — the lateness is how long every customer on that loop was kept waiting.
/// (asyncio's debug mode warns about callbacks over 100 ms for the same reason.)
enum LoopLagProbe {
    static let interval = TimeAmount.milliseconds(10)

    /// Starts the probe on `loop`; it stops when the loop shuts down.
    static func start(on loop: any EventLoop, board: LoopBoard) {
        let due = NIODeadline.now() + interval
        board.probeFired(lateness: .zero, now: .now(), nextDue: due)
        schedule(on: loop, board: board, due: due)
    }

    private static func schedule(on loop: any EventLoop, board: LoopBoard, due: NIODeadline) {
        loop.scheduleTask(deadline: due) {
            let now = NIODeadline.now()
            let next = now + interval
            board.probeFired(lateness: now - due, now: now, nextDue: next)
            schedule(on: loop, board: board, due: next)
        }
    }
}
