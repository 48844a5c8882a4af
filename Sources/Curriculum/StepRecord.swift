import CafeModel

/// What one step of a played lesson or demo did, for the rehearsal's table, its JSON, and the take-home report:
/// the cafés' figures sampled through the step, the theory's capacities, each check's result, the figures at the
/// end.
public struct StepRecord: Codable, Equatable, Sendable {
    /// 1-based.
    public var number: Int
    public var heading: String
    public var narration: String
    /// About once a second from the step's start.
    public var samples: [Sample]
    /// The theory's cups per second at most for each café in this step's scene (nil: no limit, await with I/O).
    public var syncCapacity: Double?
    public var asyncCapacity: Double?
    /// Customers offered to each café per second in this step.
    public var offeredPerSecond: Double
    public var checks: [CheckResult]
    /// The question, the student's (or the lesson's) answer and what was measured, when the step asked one.
    public var prediction: PredictionResult?
    /// Both cafés at the end of the step. Their served/s covers the step's own window (`windowSeconds`) when
    /// the step was sampled long enough, not the last few seconds.
    public var end: Figures
    /// The seconds the end's served/s covers: from the step's first sample to its last (nil: the screen's figure).
    public var windowSeconds: Double?

    public init(
        number: Int, heading: String, narration: String, samples: [Sample] = [], syncCapacity: Double?,
        asyncCapacity: Double?, offeredPerSecond: Double, checks: [CheckResult] = [],
        prediction: PredictionResult? = nil,
        end: Figures
    ) {
        self.number = number
        self.heading = heading
        self.narration = narration
        self.samples = samples
        self.syncCapacity = syncCapacity
        self.asyncCapacity = asyncCapacity
        self.offeredPerSecond = offeredPerSecond
        self.checks = checks
        self.prediction = prediction
        self.end = end
    }

    public struct Sample: Codable, Equatable, Sendable {
        /// Seconds since the step began.
        public var seconds: Double
        public var sync: CafeFigures
        public var async: CafeFigures

        public init(seconds: Double, sync: CafeFigures, async: CafeFigures) {
            self.seconds = seconds
            self.sync = sync
            self.async = async
        }
    }

    public struct Figures: Codable, Equatable, Sendable {
        public var sync: CafeFigures
        public var async: CafeFigures

        public init(sync: CafeFigures, async: CafeFigures) {
            self.sync = sync
            self.async = async
        }
    }

    /// One café's figures at one instant, as the screen shows them.
    public struct CafeFigures: Codable, Equatable, Sendable {
        public var servedPerSecond: Double
        public var queued: Int
        public var p50Ms: Double?
        public var p99Ms: Double?
        /// Sync: baristas at the machine; async: loops blocked.
        public var blocked: Int
        public var awaiting: Int
        public var loopLagMs: Double?
        public var walkedOut: Int
        public var served: Int

        public init(
            servedPerSecond: Double, queued: Int, p50Ms: Double?, p99Ms: Double?, blocked: Int, awaiting: Int,
            loopLagMs: Double?, walkedOut: Int, served: Int
        ) {
            self.servedPerSecond = servedPerSecond
            self.queued = queued
            self.p50Ms = p50Ms
            self.p99Ms = p99Ms
            self.blocked = blocked
            self.awaiting = awaiting
            self.loopLagMs = loopLagMs
            self.walkedOut = walkedOut
            self.served = served
        }

        /// The figures of a pane as the screen has them now.
        public init(_ state: ShowState) {
            self.init(
                servedPerSecond: state.servedPerSecond, queued: state.queued,
                p50Ms: state.waitAgeSeconds >= 1 ? nil : state.waitP50Ms,
                p99Ms: state.waitAgeSeconds >= 1 ? nil : state.waitP99Ms,
                blocked: state.cafe == .sync ? state.workersBusy : state.loops.filter(\.isBlocked).count,
                awaiting: state.awaiting, loopLagMs: state.loops.map(\.lagMs).max(), walkedOut: state.walkedOut,
                served: state.served)
        }
    }

    public struct CheckResult: Codable, Equatable, Sendable {
        public var text: String
        public var passed: Bool
        /// What was seen last: "saw 12.0/s".
        public var seen: String?

        public init(text: String, passed: Bool, seen: String? = nil) {
            self.text = text
            self.passed = passed
            self.seen = seen
        }
    }

    public struct PredictionResult: Codable, Equatable, Sendable {
        public var question: String
        public var answer: String
        public var expected: String
        public var measured: String?
        /// The answer judged against the measurement: "close: 3% off (within 15%)".
        public var judgement: String?

        public init(question: String, answer: String, expected: String, measured: String?, judgement: String? = nil) {
            self.question = question
            self.answer = answer
            self.expected = expected
            self.measured = measured
            self.judgement = judgement
        }
    }
}
