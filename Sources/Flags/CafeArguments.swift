import ArgumentParser
import CafeModel

// The café's enums as flag values: `--kind cpu`, `--handler block`, `--arrivals constant`, `peer-guard --cafe async`.
extension BrewKind: ExpressibleByArgument {}
extension HandlerMode: ExpressibleByArgument {}
extension ArrivalKind: ExpressibleByArgument {}
extension CafeKind: ExpressibleByArgument {}
extension DoorSharing: ExpressibleByArgument {}
extension SyncProxy: ExpressibleByArgument {}
