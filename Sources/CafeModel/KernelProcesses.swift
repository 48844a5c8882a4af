/// What the kernel says of the processes serving a pane that barista cannot look inside (`/proc`): how many
/// processes (gunicorn's arbiter and workers, uvicorn) and how many threads they hold between them. In the café:
/// counting the staff through the window. A thread is not a busy one: an idle pool's threads count too.
public struct KernelProcesses: Equatable, Sendable {
    public var processes: Int
    public var threads: Int

    public init(processes: Int, threads: Int) {
        self.processes = processes
        self.threads = threads
    }
}
