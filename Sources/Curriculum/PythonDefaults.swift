import Foundation

/// Python's defaults that a lesson plays on barista's cafés, worked out for this machine.
public enum PythonDefaults {
    /// The threads of the default `ThreadPoolExecutor` (`loop.run_in_executor(None, …)`, `asyncio.to_thread`):
    /// `min(32, cores + 4)` since Python 3.8.
    public static var executorThreads: Int { min(32, cores + 4) }

    /// This machine's cores, as Python counts them for the executor.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
