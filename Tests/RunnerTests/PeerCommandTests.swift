import CafeModel
import Foundation
import TestSupport
import Testing

@testable import Runner

/// What `--peers django` starts and asks for, without running it: the seed's commands as typed, what barista adds
/// to put them on a free loopback port, the view each scene asks for.
@Suite("The peers' commands", .onOwnThreads)
struct PeerCommandTests {
    let django = PeerStack(python: "/venv/bin/python", appDirectory: "/x/Lessons/python", apps: .django)

    @Test("the seed's commands, as typed, for each side and loop count; the environment a scene sets comes first")
    func commands() {
        let scene = Scenario(syncWorkers: 3)
        #expect(django.serverName(.sync, scenario: scene) == "gunicorn cafe.wsgi -w 3")
        #expect(django.serverName(.async, scenario: scene) == "uvicorn cafe.asgi:application")
        #expect(
            django.serverName(.async, scenario: Scenario(loops: 2))
                == "gunicorn cafe.asgi:application -k uvicorn_worker.UvicornWorker -w 2")
        #expect(
            django.serverName(.async, scenario: Scenario(django: DjangoSettings(syncMiddleware: true)))
                == "CAFE_MIDDLEWARE=sync uvicorn cafe.asgi:application")
        #expect(PeerStack.django(.sync, scenario: scene).plumbing.contains("127.0.0.1:0"))
        #expect(
            PeerStack.uvicorn(loops: 2).contains("uvicorn_worker.UvicornWorker"),
            "today's spelling for --peers python too")
        #expect(!PeerStack.uvicorn(loops: 2).contains("uvicorn.workers.UvicornWorker"))
        #expect(django.directory == "/x/Lessons/python/django" && django.marker == "django/manage.py")
    }

    @Test("m and the scene choose the async view: brew, brew_blocking, brew_offload; orm=sync asks for brew_sync_orm")
    func views() {
        #expect(PeerStack.view(for: Scenario(asyncHandler: .await)) == "brew")
        #expect(PeerStack.view(for: Scenario(asyncHandler: .block)) == "brew_blocking")
        #expect(PeerStack.view(for: Scenario(asyncHandler: .offload)) == "brew_offload")
        #expect(
            PeerStack.view(for: Scenario(asyncHandler: .block, django: DjangoSettings(syncORM: true)))
                == "brew_sync_orm")
        #expect(django.pathTemplate(.async) == "/async/{view}?ms={ms}&kind={kind}")
        #expect(django.pathTemplate(.sync) == "/brew?ms={ms}&kind={kind}")
        #expect(
            ScenarioRunner.plan(for: Scenario(asyncHandler: .offload), seed: 1).pathValues["view"] == "brew_offload")
    }

    @Test("a scene's Django switches survive a scenario saved before they existed")
    func decodesOldScenario() throws {
        let saved = try JSONEncoder().encode(Scenario())
        var object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        object["django"] = nil
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(try JSONDecoder().decode(Scenario.self, from: old).django == DjangoSettings())
    }
}
