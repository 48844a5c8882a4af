import Testing

/// The suites that run child cafés with their customers, one at a time (see `LiveShows` in the end-to-end tests):
/// their figures are real, so they must not starve each other of the two cores.
@Suite(.serialized)
enum LiveRunners {}
