import TestSupport
import Testing

/// The suites that run the whole show — both cafés, their customers, a terminal or Python servers — one suite at a
/// time: on a 2-core machine, several at once would starve each other's cafés and every timing they prove.
/// Lighter tests still run beside them.
@Suite(.serialized, .onOwnThreads)
enum LiveShows {}
