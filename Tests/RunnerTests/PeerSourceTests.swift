import CafeModel
import Foundation
import Testing

@testable import Runner

/// The code panel's view for the peers is read from the app files they run, not copied: what a teacher edits in
/// `Lessons/python` is what the screen shows.
@Suite("The peers' view, read from their files")
struct PeerSourceTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons/python").path

    @Test("--peers python: wsgi_app.py's app with its brew, asgi_app.py's app with await, block and offload")
    func python() throws {
        let stack = PeerStack(python: "python3", appDirectory: Self.lessons)
        let sync = try #require(stack.viewSource(.sync))
        #expect(sync.file == "Lessons/python/wsgi_app.py")
        let app = try #require(sync.functions["app"])
        #expect(app.first?.text == "def app(environ, start_response):")
        #expect(app.contains { $0.text.contains("brew_blocking(ms, kind)") })
        // Numbered as an editor numbers them.
        let text = try String(contentsOfFile: Self.lessons + "/wsgi_app.py", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in app { #expect(String(lines[line.number - 1]) == line.text) }
        let async = try #require(stack.viewSource(.async)?.functions["app"])
        for call in ["await asyncio.sleep(", "run_in_executor(", "brew_blocking(ms, kind)"] {
            #expect(async.contains { $0.text.contains(call) }, "\(call)")
        }
        #expect(!async.contains { $0.text.hasPrefix("async def lifespan") }, "one function, not the next")
    }

    @Test("--peers django: views.py's brew, and each async view m reaches")
    func django() throws {
        let stack = PeerStack(python: "python3", appDirectory: Self.lessons, apps: .django)
        #expect(try #require(stack.viewSource(.sync)).functions["brew"]?.first?.text == "def brew(request):")
        let async = try #require(stack.viewSource(.async))
        #expect(async.file == "Lessons/python/django/orders/async_views.py")
        var scene = Scenario()
        for (handler, name) in [(HandlerMode.await, "brew"), (.block, "brew_blocking"), (.offload, "brew_offload")] {
            scene.asyncHandler = handler
            #expect(async.function(for: scene)?.name == name)
        }
        scene.django.syncORM = true
        #expect(async.function(for: scene)?.name == "brew_sync_orm")
    }

    @Test("an app folder without the files gives no view (the panel says it cannot be read)")
    func missing() {
        #expect(PeerStack(python: "python3", appDirectory: "/nonexistent").viewSource(.sync) == nil)
    }
}
