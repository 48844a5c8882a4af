import CafeModel

/// A live figure a check or a prediction reads off the cafés: `sync.served_per_s`, `async.loop_lag_ms`, …
public struct Metric: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var cafe: CafeKind?
    public var name: Name

    public enum Name: String, CaseIterable, Sendable {
        case servedPerSecond = "served_per_s"
        case served
        case queued
        case door
        case inShop = "in_shop"
        case p50 = "p50_ms"
        case p99 = "p99_ms"
        case walkedOut = "walked_out"
        case brewedForNobody = "brewed_for_nobody"
        case goneAtDoor = "gone_at_door"
        case errors
        case blocked
        case busy
        /// Sync baristas reading an order still arriving (slow customers).
        case reading
        case awaiting
        case loopLag = "loop_lag_ms"
        /// Async loops stuck in a blocking call (or a long CPU brew) right now.
        case blockedLoops = "blocked_loops"
        case backRoom = "back_room"
        case cores
        /// nginx in front of the sync café (`sync: proxy=nginx`): connections it is still reading a request on
        /// (slow customers it hears out for the café), from its `stub_status`; unknown without nginx.
        case nginxReading = "nginx_reading"
        /// The customers who asked nginx for the static file (`load: static=30%`): files handed over, and their waits.
        case staticServed = "static_served"
        case staticP50 = "static_p50_ms"
        case staticP99 = "static_p99_ms"
        /// Customers per second offered to each café (no café prefix).
        case offeredPerSecond = "offered_per_s"
        /// Cores the whole machine is using: both cafés and the show (no café prefix).
        case machineCores = "machine_cores"

        /// The café that has this figure, when only one does.
        var onlyIn: CafeKind? {
            switch self {
            case .blocked, .busy, .reading, .nginxReading, .staticServed, .staticP50, .staticP99: return .sync
            case .awaiting, .loopLag, .blockedLoops, .backRoom: return .async
            default: return nil
            }
        }

        /// A figure of the whole show, named without a café.
        var isMachineWide: Bool { self == .offeredPerSecond || self == .machineCores }

        /// A unit for the figure in words.
        public var unit: String {
            switch self {
            case .servedPerSecond, .offeredPerSecond: return "/s"
            case .p50, .p99, .loopLag, .staticP50, .staticP99: return "ms"
            case .cores, .machineCores: return " cores"
            default: return ""
            }
        }
    }

    public init(cafe: CafeKind?, name: Name) {
        self.cafe = cafe
        self.name = name
    }

    /// Reads `sync.served_per_s`; nil names what is wrong.
    public static func parse(_ text: String) -> Result<Metric, LessonFileError.Reason> {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 {
            guard let name = Name(rawValue: parts[0]), name.isMachineWide else {
                return .failure(.unknownMetric(text))
            }
            return .success(Metric(cafe: nil, name: name))
        }
        guard let cafe = CafeKind(rawValue: parts[0]) else { return .failure(.unknownMetric(text)) }
        guard let name = Name(rawValue: parts[1]), !name.isMachineWide else { return .failure(.unknownMetric(text)) }
        if let only = name.onlyIn, only != cafe {
            return .failure(.metricNotInCafe(name.rawValue, cafe: cafe.rawValue, only: only.rawValue))
        }
        return .success(Metric(cafe: cafe, name: name))
    }

    public var description: String { (cafe.map { "\($0.rawValue)." } ?? "") + name.rawValue }

    /// The figure in a frame; nil while it is not known (no cup yet, no wait measured).
    public func value(in frame: ShowFrame) -> Double? {
        guard let cafe else { return name == .machineCores ? frame.machine?.used : frame.offeredRate }
        let state = frame.state(of: cafe)
        switch name {
        case .servedPerSecond: return state.servedPerSecond
        case .served: return Double(state.served)
        case .queued: return Double(state.queued)
        case .door: return Double(state.doorQueue)
        case .inShop: return Double(state.inShop)
        case .p50: return state.waitAgeSeconds >= 1 ? nil : state.waitP50Ms
        case .p99: return state.waitAgeSeconds >= 1 ? nil : state.waitP99Ms
        case .walkedOut: return Double(state.walkedOut)
        case .brewedForNobody: return Double(state.brewedForNobody)
        case .goneAtDoor: return Double(state.goneAtDoor)
        case .errors: return Double(state.errors)
        case .blocked: return Double(state.workersBlocked)
        case .busy: return Double(state.workersBusy)
        case .reading: return Double(state.workersReading)
        case .nginxReading: return state.front?.connections.map { Double($0.reading) }
        case .staticServed: return state.front.map { Double($0.staticFiles?.served ?? 0) }
        case .staticP50: return state.front?.staticFiles?.p50Ms
        case .staticP99: return state.front?.staticFiles?.p99Ms
        case .awaiting: return Double(state.awaiting)
        case .loopLag: return state.loops.map(\.lagMs).max()
        case .blockedLoops: return Double(state.loops.filter(\.isBlocked).count)
        case .backRoom: return Double(state.waitingForHelper)
        case .cores: return state.coresUsed
        case .offeredPerSecond: return frame.offeredRate
        case .machineCores: return frame.machine?.used
        }
    }

    /// The figure as a student reads it: "40.0/s", "612ms", "27".
    public static func format(_ value: Double, _ name: Name) -> String {
        switch name {
        case .servedPerSecond, .offeredPerSecond, .cores, .machineCores:
            return String(Double(Int((value * 10).rounded())) / 10) + name.unit
        case .p50, .p99, .loopLag, .staticP50, .staticP99:
            return "\(Int(value.rounded()))ms"
        default:
            return String(Int(value.rounded()))
        }
    }
}
