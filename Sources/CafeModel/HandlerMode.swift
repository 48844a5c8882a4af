/// How the async café's barista treats an I/O brew.
/// - `await`: hands out a buzzer (a timer on the event loop) and takes the next order — `await asyncio.sleep`.
/// - `block`: stands and stares at the machine, stalling the whole loop — `time.sleep` inside `async def`.
/// - `offload`: passes the cup to a back-room helper thread — `run_in_executor` / `sync_to_async`.
public enum HandlerMode: String, Codable, Sendable, CaseIterable {
    case await
    case block
    case offload

    /// The next mode in the order a lesson walks them: await → block → offload → await.
    public var next: HandlerMode {
        switch self {
        case .await: return .block
        case .block: return .offload
        case .offload: return .await
        }
    }
}
