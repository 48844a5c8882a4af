import ArgumentParser
import CafeModel

// The café's enums as flag values: `--kind cpu`, `--handler block`, `--arrivals constant`.
extension BrewKind: ExpressibleByArgument {}
extension HandlerMode: ExpressibleByArgument {}
extension ArrivalKind: ExpressibleByArgument {}
