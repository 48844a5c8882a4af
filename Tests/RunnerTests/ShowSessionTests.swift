import CafeModel
import Curriculum
import Foundation
import Testing

@testable import Runner

/// What the show's session decides before any café starts, without a terminal: which servers a lesson runs, what
/// must be on this machine, and which driver plays the show.
@Suite("The show's session, before the cafés")
struct ShowSessionTests {
    static func lesson(peers: String?) throws -> Lesson {
        let header = peers.map { "<!-- peers: \($0) -->\n" } ?? ""
        return try LessonParser.parse(
            """
            # Peers
            \(header)
            ## One
            Nothing to check.
            """, name: "peers", file: "peers.md")
    }

    @Test("a lesson that names its servers runs them; a flag naming others is one line of error")
    func lessonPeers() throws {
        let python = try Self.lesson(peers: "python")
        #expect(ShowSession.lessonPeers(lesson: python, flagged: nil) == .success("python"))
        #expect(ShowSession.lessonPeers(lesson: python, flagged: "python") == .success("python"))
        let refused = "lesson 'peers' runs --peers python; it cannot be played with --peers django"
        #expect(ShowSession.lessonPeers(lesson: python, flagged: "django") == .failure(ShowSessionError(refused)))
        let plain = try Self.lesson(peers: nil)
        #expect(ShowSession.lessonPeers(lesson: plain, flagged: "django") == .success("django"))
        #expect(ShowSession.lessonPeers(lesson: nil, flagged: nil) == .success(nil))
    }

    @Test("preflight: a missing nginx and a missing peers' app are one line each; nothing missing is nil")
    func preflight() throws {
        var options = ShowOptions()
        options.nginx = nil
        let session = ShowSession(options: options)
        #expect(session.preflight() == nil)
        session.options.scenario.syncProxy = .nginx
        #expect(session.preflight() == "--proxy nginx: \(NginxFront.installHint)")
        session.explicitNginx = "/nonexistent/nginx"
        #expect(
            session.preflight()
                == "--proxy nginx: --nginx: no nginx at /nonexistent/nginx; install: sudo apt-get install nginx")
        session.options.scenario.syncProxy = .none
        session.options.peers = PeerStack(python: "/bin/false", appDirectory: "/nonexistent/apps", apps: .python)
        #expect(
            session.preflight()
                == "--peers python: no wsgi_app.py in /nonexistent/apps (give --peer-apps DIR)")
    }

    @Test("the driver: the show itself, or the lesson around it — played by itself in a rehearsal or a demo")
    func driver() throws {
        let show = StillShow()
        let session = ShowSession(options: ShowOptions())
        #expect(session.makeDriver(around: show) is StillShow)
        session.lesson = try Self.lesson(peers: nil)
        let student = try #require(session.makeDriver(around: show) as? LessonDriver)
        #expect(student.autoPlay == nil)
        session.headless = true
        let rehearsal = try #require(session.makeDriver(around: show) as? LessonDriver)
        #expect(rehearsal.autoPlay?.speed == 1)
        session.demo = .init(speed: 4, loop: true, big: false, json: false, outputs: nil)
        let demo = try #require(session.makeDriver(around: show) as? LessonDriver)
        #expect(demo.autoPlay?.speed == 4 && demo.autoPlay?.loop == true)
    }
}

/// A show that never changes: enough for a driver to wrap.
final class StillShow: ShowDriver {
    func frame() -> ShowFrame { ShowFrame() }
    func perform(_ action: ShowAction) {}
}
