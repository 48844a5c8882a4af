import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// The show at the rates a curious student tries next, read off the screen every two seconds: whatever the
    /// machine can or cannot carry, no sentence on screen may be false. The load is bounded (a fixed duration,
    /// loopback only) and the assertions are about what the screen says, not how fast anything is.
    @Suite("the show at the machine's limit, in a terminal", .serialized)
    struct MachineLimitTruthTests {
        /// What one screen must never say, given what earlier screens showed; returns the problems found.
        struct Reader {
            /// The most cups each pane has shown so far (left, right).
            var served = [0, 0]

            mutating func problems(in screen: String, slowCustomers: Bool = false) -> [String] {
                var problems: [String] = []
                let rows = screen.split(separator: "\n").map(String.init)
                // The cores row: never more than N of N.
                if let cores = rows.first(where: { $0.hasPrefix(" cores") }),
                    let equals = cores.range(of: " = "),
                    let of = cores[equals.upperBound...].range(of: " of ")
                {
                    let used = Double(cores[equals.upperBound..<of.lowerBound].filter { $0.isNumber || $0 == "." }) ?? 0
                    let machine = Double(cores[of.upperBound...].prefix { $0.isNumber }) ?? 0
                    if used > machine { problems.append("cores above the machine: \(cores)") }
                }
                if !slowCustomers && screen.contains("slow customer") {
                    problems.append("a slow customer in a scene without")
                }
                for (index, side) in [Self.left, Self.right].enumerated() {
                    let pane = rows.map(side).joined(separator: "\n")
                    if let cups = Self.cups(in: pane) { served[index] = max(served[index], cups) }
                    if served[index] > 0 && pane.contains("no cups yet") {
                        problems.append("'no cups yet' after \(served[index]) cups in pane \(index)")
                    }
                    // Every failure counter is named: "! 1,457 timed out connecting", never "! 1,457" alone.
                    for row in pane.split(separator: "\n") {
                        var rest = Substring(row)
                        while let bang = rest.range(of: "! ") {
                            let after = rest[bang.upperBound...]
                            let number = after.prefix {
                                $0.isNumber || $0 == "," || $0 == "." || $0 == "k" || $0 == "M"
                            }
                            let word = after.dropFirst(number.count).drop { $0 == " " }.prefix {
                                $0.isLetter || $0.isNumber
                            }
                            if !number.isEmpty && word.isEmpty {
                                problems.append("a failure count without its name: \(row)")
                            }
                            rest = after
                        }
                    }
                }
                return problems
            }

            static func left(_ row: String) -> String {
                row.range(of: "││").map { String(row[..<$0.lowerBound]) } ?? row
            }
            static func right(_ row: String) -> String {
                row.range(of: "││").map { String(row[$0.upperBound...]) } ?? ""
            }

            /// The number after "✓ " in a pane.
            static func cups(in pane: String) -> Int? {
                guard let tick = pane.range(of: "✓ ") else { return nil }
                let token = pane[tick.upperBound...].prefix {
                    $0.isNumber || $0 == "," || $0 == "." || $0 == "k" || $0 == "M"
                }
                let value = Double(token.filter { $0.isNumber || $0 == "." }) ?? 0
                return Int(value * (token.hasSuffix("k") ? 1_000 : token.hasSuffix("M") ? 1_000_000 : 1))
            }
        }

        /// Runs the show with `arguments` for `seconds`, reading every screen; quits it and returns the problems and
        /// the last screen.
        private func watch(_ arguments: [String], seconds: Int) async throws -> (problems: [String], last: String) {
            let session = try TmuxSession(
                [BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0"] + arguments, columns: 120, rows: 40)
            defer { session.send("q") }
            _ = await session.screen { $0.contains("SYNC café") && $0.contains(" cores") }
            var reader = Reader()
            var problems: [String] = []
            var last = ""
            for _ in 0..<(seconds / 2) {
                await pause(for: .seconds(2))
                last = session.capture()
                problems += reader.problems(in: last).map { "\($0)\n\(last)" }
            }
            return (problems, last)
        }

        @Test(
            "1,000 customers a second for 30 s: no core figure above the machine, no false 'no cups yet', no slow customer, every failure named"
        )
        func thousandASecond() async throws {
            let (problems, last) = try await watch(["--rate", "1000/s"], seconds: 30)
            #expect(problems.isEmpty, "\(problems.prefix(3).joined(separator: "\n\n"))")
            #expect(last.contains(" cores") && last.contains(" of "), "the cores row: \(last)")
        }

        @Test("3,000 customers a second of 10 ms brews for 20 s: the same truths")
        func threeThousandShortBrews() async throws {
            let (problems, last) = try await watch(["--rate", "3000/s", "--brew", "10ms"], seconds: 20)
            #expect(problems.isEmpty, "\(problems.prefix(3).joined(separator: "\n\n"))")
            #expect(last.contains(" cores") && last.contains(" of "), "the cores row: \(last)")
        }

        @Test("the reader catches each lie it looks for")
        func readerCatchesLies() {
            var reader = Reader()
            let honest = """
                 cores   sync 0.2 · async 0.3 · show 1.5 · other 0.1 = 2.0 of 2 → limit: customers
                │ cups   ✓ 1,204 40.0/s ! 1,457 timed out connecting ││ cups   ✓ 0 no cups yet │
                """
            #expect(reader.problems(in: honest).isEmpty)
            let lies = """
                 cores   sync café 6.3 · async café 7.3 · show+customers 0.5 = 14.1 of 2
                │ cups   ✓ 0 no cups yet ! 3,523 ││ bar reading 630ms (slow customer) │
                """
            #expect(reader.problems(in: lies).count == 4, "\(reader.problems(in: lies))")
        }
    }
}
