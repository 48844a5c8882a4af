import CafeModel

/// A scene drawn from a seed, for the end of a lesson: the student has learned the rule and now meets cafés they
/// have not seen — a few sync baristas, a brew of 100–300 ms, customers below, near or above the sync café's
/// capacity — and predicts from the theory before the door opens. The same seed draws the same scene.
enum FreshScene {
    static func draw(seed: UInt64, over scenario: Scenario) -> Scenario {
        var generator = SeededGenerator(seed: seed)
        var scene = scenario
        scene.syncWorkers = Int.random(in: 2...6, using: &generator)
        scene.brewMilliseconds = [100, 150, 200, 250, 300].randomElement(using: &generator)!
        scene.kind = .io
        scene.asyncHandler = .await
        scene.paused = false
        // Offered load as a share of the sync café's capacity: comfortable, busy, or overloaded.
        let load = [0.5, 0.7, 1.25, 1.5].randomElement(using: &generator)!
        let capacity = Double(scene.syncWorkers) * 1000 / Double(scene.brewMilliseconds)
        scene.ratePerSecond = max((load * capacity).rounded(), 1)
        return scene
    }
}

/// The words of a step that name the scene's figures, filled from the scene the step runs: a drawn scene's
/// numbers are known only once it is drawn. `{workers}`, `{brew_ms}`, `{brew_s}`, `{rate}`, `{loops}`,
/// `{helpers}`, `{sync_capacity}`, and `{answer}` (the prediction's answer).
enum SceneWords {
    static func fill(_ text: String, scene: Scenario, answer: String? = nil) -> String {
        guard text.contains("{") else { return text }
        let brew = Double(scene.brewMilliseconds) / 1000
        let capacity = brew > 0 ? Double(scene.syncWorkers) / brew : 0
        var values: [String: String] = [
            "workers": String(scene.syncWorkers), "brew_ms": String(scene.brewMilliseconds), "brew_s": plain(brew),
            "rate": plain(scene.ratePerSecond), "loops": String(scene.loops), "helpers": String(scene.offloadThreads),
            "sync_capacity": plain(capacity), "cores": String(PythonDefaults.cores),
            "helpers_python": String(PythonDefaults.executorThreads),
        ]
        if let answer { values["answer"] = answer }
        var result = text
        for (key, value) in values { result = result.replacing("{\(key)}", with: value) }
        return result
    }

    /// `0.2`, `15`, `12.5`.
    static func plain(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// The lesson's own answer worked out from the theory of the step's scene (`answer: theory`), for the figures the
/// theory gives a number for: cups per second of either café, the median wait of a café that keeps up, and with
/// slow customers whose line settles, the sync café's median wait and door.
enum TheoryAnswer {
    static func answer(for metric: Metric, in scene: Scenario, cores: Int = 2) -> Result<Double, LessonFileError.Reason>
    {
        let theory = Theory(scenario: scene, offeredRate: scene.ratePerSecond, cores: cores)
        guard let cafe = metric.cafe else { return .failure(.noTheory(metric.description)) }
        let capacity = theory.capacity(of: cafe).value
        // Slow customers settle the sync café's line at a door wait the theory knows.
        let slowDoorWait = cafe == .sync ? theory.slowDoorWaitSeconds : nil
        switch metric.name {
        case .servedPerSecond:
            return .success((min(scene.ratePerSecond, capacity) * 10).rounded() / 10)
        case .p50 where slowDoorWait != nil:
            // A brisk customer waits the door, then her brew.
            return .success((((slowDoorWait ?? 0) + theory.brewSeconds) * 1000).rounded())
        case .door where slowDoorWait != nil:
            return .success((scene.ratePerSecond * (slowDoorWait ?? 0)).rounded())
        case .p50:
            // A café that keeps up with room to spare serves each customer in about one brew; an overloaded one
            // has no steady median to predict (its line grows every second).
            guard theory.utilisation(of: cafe) <= 0.75 else { return .failure(.noTheory(metric.description)) }
            return .success(Double(scene.brewMilliseconds))
        default:
            return .failure(.noTheory(metric.description))
        }
    }
}
