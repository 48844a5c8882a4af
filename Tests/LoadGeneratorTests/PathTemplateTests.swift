import CafeModel
import LoadGenerator
import TestSupport
import Testing

/// `--path '/sleep?ms={ms}'`: an outside server's slow route, driven by the show's brew keys.
@Suite("Path templates", .onOwnThreads)
struct PathTemplateTests {
    @Test("{ms}, {kind} and other placeholders are filled from the order and the plan's values")
    func fills() throws {
        let target = try LoadTarget(url: "http://127.0.0.1:8000/brew?ms={ms}&kind={kind}&mode={mode}")
        let order = Order(milliseconds: 250, kind: .cpu)
        #expect(target.requestPath(order: order, values: ["mode": "block"]) == "/brew?ms=250&kind=cpu&mode=block")
        #expect(try LoadTarget(url: "http://127.0.0.1:8000/sleep?ms={ms}").requestPath(order: order) == "/sleep?ms=250")
    }

    @Test("a path without placeholders is asked as it is; no path gets the order")
    func plain() throws {
        let order = Order(milliseconds: 100)
        #expect(try LoadTarget(url: "http://127.0.0.1:8000/").requestPath(order: order) == "/")
        #expect(try LoadTarget(url: "http://127.0.0.1:8000").requestPath(order: order) == "/brew?ms=100&kind=io")
    }
}
