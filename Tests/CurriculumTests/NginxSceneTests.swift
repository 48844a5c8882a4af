import CafeModel
import TestSupport
import Testing

@testable import Curriculum

@Suite("Scenes with nginx in front: proxy=, static= and the nginx metrics", .onOwnThreads)
struct NginxSceneTests {
    @Test("sync: proxy=nginx and load: static=30% set the scene; none takes nginx away")
    func settings() throws {
        let text = """
            # T
            ## On
            ```scenario
            sync: workers=4 proxy=nginx
            load: static=30%
            ```
            ## Off
            ```scenario
            sync: proxy=none
            ```
            """
        let lesson = try LessonParser.parse(text, name: "t", file: "t.md")
        #expect(lesson.scenes[0].syncProxy == .nginx)
        #expect(lesson.scenes[0].staticShare == 0.3)
        #expect(lesson.scenes[1].syncProxy == SyncProxy.none)
        #expect(lesson.scenes[1].staticShare == 0.3, "a step changes only what it names")
    }

    @Test(
        "a bad value names its line",
        arguments: [
            ("# T\n## S\n```scenario\nsync: proxy=apache\n```", 4, "nginx or none"),
            ("# T\n## S\n```scenario\nload: static=150%\n```", 4, "from 0% to 100%"),
            ("# T\n## S\n```check\nasync.nginx_reading >= 1\n```", 4, "nginx_reading"),
        ])
    func broken(text: String, line: Int, words: String) {
        #expect {
            _ = try LessonParser.parse(text, name: "broken", file: "broken.md")
        } throws: { error in
            let description = "\(error)"
            return description.contains("broken.md:\(line)") && description.contains(words)
        }
    }

    @Test("the nginx figures read from the frame; unknown without nginx")
    func metrics() throws {
        var frame = ShowFrame()
        let reading = try Metric.parse("sync.nginx_reading").get()
        let p99 = try Metric.parse("sync.static_p99_ms").get()
        #expect(reading.value(in: frame) == nil, "no nginx: unknown, not 0")
        frame.sync.front = FrontView(
            connections: .init(active: 5, reading: 3, writing: 2, waiting: 0, requests: 40),
            staticFiles: .init(served: 12, servedPerSecond: 4, p50Ms: 1.2, p99Ms: 3.4))
        #expect(reading.value(in: frame) == 3)
        #expect(p99.value(in: frame) == 3.4)
        #expect(try Metric.parse("sync.static_served").get().value(in: frame) == 12)
    }
}
