import CafeModel

/// Reads a step's `scenario` block: one line per part of the scene, settings as `key=value`.
///
///     sync:  workers=4 proxy=nginx        (proxy: the real nginx in front of the sync side, or none)
///     async: handler=await loops=1 helpers=4 limit=20 door=shared   (limit: 503 beyond 20 in progress; limit=none
///            lifts it; door=reuseport gives each loop a door of its own; helpers=python: Python's default executor,
///            min(32, cores + 4) threads on this machine)
///     load:  rate=20/s arrivals=poisson brew=100ms kind=io patience=10s door=open slow=20% slow-for=5s static=30%
///     shop:  keep
///     code:  show      (the code panel beside the cafés: show or hide)
///     django: middleware=sync|none orm=async|sync   (the real Django of --peers django; barista's cafés ignore it)
///     fresh: seed=7      (a scene drawn from the seed; words can name its figures: {workers}, {brew_ms}, {rate})
enum SceneReader {
    static func read(_ lines: [(String, Int)], file: String) throws(LessonFileError) -> SceneChange {
        var scene = SceneChange()
        for (text, number) in lines {
            let line = text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            func fail(_ reason: LessonFileError.Reason) -> LessonFileError {
                LessonFileError(file: file, line: number, reason: reason)
            }
            guard let colon = line.firstIndex(of: ":") else { throw fail(.unknownSection(line)) }
            let section = line[..<colon].trimmingCharacters(in: .whitespaces)
            let words = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            if section == "fresh" {
                guard words.count == 1, words[0].hasPrefix("seed="), let seed = UInt64(words[0].dropFirst(5)) else {
                    throw fail(
                        .badValue(key: "fresh", value: words.joined(separator: " "), expected: "seed=N, a whole number")
                    )
                }
                scene.freshSeed = seed
                continue
            }
            if section == "shop" {
                guard words.count == 1, words[0] == "clear" || words[0] == "keep" else {
                    throw fail(.badValue(key: "shop", value: words.joined(separator: " "), expected: "clear or keep"))
                }
                scene.clearShop = words[0] == "clear"
                continue
            }
            if section == "code" {
                guard words.count == 1, words[0] == "show" || words[0] == "hide" else {
                    throw fail(.badValue(key: "code", value: words.joined(separator: " "), expected: "show or hide"))
                }
                scene.changes.append(.setCode(words[0] == "show"))
                continue
            }
            guard ["sync", "async", "load", "django"].contains(section) else { throw fail(.unknownSection(section)) }
            var slow: (share: Double?, over: Duration?) = (nil, nil)
            for word in words {
                let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else {
                    throw fail(.badValue(key: section, value: word, expected: "key=value"))
                }
                switch (section, pair[0]) {
                case ("load", "slow"):
                    let number = pair[1].hasSuffix("%") ? String(pair[1].dropLast()) : pair[1]
                    guard let percent = Double(number), (0...100).contains(percent) else {
                        throw fail(
                            .badValue(key: "slow", value: pair[1], expected: "a share of the customers from 0% to 100%")
                        )
                    }
                    slow.share = percent / 100
                case ("load", "slow-for"):
                    guard let over = DurationText.parse(pair[1]), over > .zero else {
                        throw fail(.badValue(key: "slow-for", value: pair[1], expected: "a duration such as 5s"))
                    }
                    slow.over = over
                default:
                    scene.changes.append(try action(section: section, key: pair[0], value: pair[1], fail: fail))
                }
            }
            if let share = slow.share {
                scene.changes.append(.setSlow(share: share, for: slow.over ?? .zero))
            } else if slow.over != nil {
                throw fail(
                    .badValue(key: "slow-for", value: "\(slow.over!)", expected: "given with slow= on the same line"))
            }
        }
        return scene
    }

    private static func action(
        section: String, key: String, value: String, fail: (LessonFileError.Reason) -> LessonFileError
    ) throws(LessonFileError) -> ShowAction {
        func count(_ range: ClosedRange<Int>) throws(LessonFileError) -> Int {
            guard let n = Int(value), range.contains(n) else {
                throw fail(
                    .badValue(
                        key: key, value: value,
                        expected: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
            }
            return n
        }
        func duration(_ what: String) throws(LessonFileError) -> Duration {
            guard let d = DurationText.parse(value) else {
                throw fail(.badValue(key: key, value: value, expected: what))
            }
            return d
        }
        switch (section, key) {
        case ("sync", "workers"): return .setWorkers(try count(1...Scenario.maximumWorkers))
        case ("sync", "proxy"):
            guard let proxy = SyncProxy(rawValue: value) else {
                throw fail(.badValue(key: key, value: value, expected: "nginx or none"))
            }
            return .setProxy(proxy)
        case ("load", "static"):
            let number = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let percent = Double(number), (0...100).contains(percent) else {
                throw fail(.badValue(key: key, value: value, expected: "a share of the customers from 0% to 100%"))
            }
            return .setStaticShare(percent / 100)
        case ("async", "handler"):
            guard let handler = HandlerMode(rawValue: value) else {
                throw fail(.badValue(key: key, value: value, expected: "await, block or offload"))
            }
            return .setHandler(handler)
        case ("async", "loops"): return .setLoops(try count(1...Scenario.maximumLoops))
        case ("async", "door"):
            guard let door = DoorSharing(rawValue: value) else {
                throw fail(.badValue(key: key, value: value, expected: "shared or reuseport"))
            }
            return .setDoor(door)
        case ("async", "helpers"), ("async", "offload-threads"):
            // Python's default executor, as uvicorn's `run_in_executor(None, …)` gets it on this machine.
            if value == "python" { return .setOffloadThreads(PythonDefaults.executorThreads) }
            return .setOffloadThreads(try count(1...Scenario.maximumOffloadThreads))
        case ("async", "limit"), ("async", "limit-concurrency"):
            if value == "none" { return .setAsyncLimit(nil) }
            return .setAsyncLimit(try count(1...Scenario.maximumAsyncLimit))
        case ("load", "rate"):
            let number = value.hasSuffix("/s") ? String(value.dropLast(2)) : value
            guard let rate = Double(number), rate >= 0, rate <= Scenario.maximumRate else {
                throw fail(
                    .badValue(key: key, value: value, expected: "customers per second such as 20/s, at most 5000/s"))
            }
            return .setRate(rate)
        case ("load", "arrivals"):
            guard let arrivals = ArrivalKind(rawValue: value) else {
                throw fail(.badValue(key: key, value: value, expected: "poisson or constant"))
            }
            return .setArrivals(arrivals)
        case ("load", "brew"):
            let brew = try duration("a brew time such as 100ms")
            guard brew.milliseconds <= Double(Order.maximumMilliseconds) else {
                throw fail(.badValue(key: key, value: value, expected: "at most \(Order.maximumMilliseconds / 1000)s"))
            }
            return .setBrew(milliseconds: Int(brew.milliseconds.rounded()))
        case ("load", "kind"):
            guard let kind = BrewKind(rawValue: value) else {
                throw fail(.badValue(key: key, value: value, expected: "io or cpu"))
            }
            return .setKind(kind)
        case ("load", "patience"):
            let patience = try duration("a duration such as 10s")
            guard patience > .zero else { throw fail(.badValue(key: key, value: value, expected: "more than 0s")) }
            return .setPatience(patience)
        case ("django", "middleware"):
            guard value == "sync" || value == "none" else {
                throw fail(.badValue(key: key, value: value, expected: "sync or none"))
            }
            return .setDjangoMiddleware(sync: value == "sync")
        case ("django", "orm"):
            guard value == "sync" || value == "async" else {
                throw fail(.badValue(key: key, value: value, expected: "async or sync"))
            }
            return .setDjangoORM(sync: value == "sync")
        case ("load", "door"):
            guard value == "open" || value == "closed" else {
                throw fail(.badValue(key: key, value: value, expected: "open or closed"))
            }
            return .setPaused(value == "closed")
        default:
            throw fail(.unknownSetting(section: section, key: key))
        }
    }
}
