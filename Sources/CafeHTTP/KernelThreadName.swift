import CSystemShims

/// Names the calling thread for the kernel (`/proc/PID/task/TID/comm`, what `top -H` and `KernelProcessView`
/// show). Foundation's `Thread.name` does not reach the kernel on Linux, so a thread that wants to be told apart
/// from outside names itself first thing.
public enum KernelThreadName {
    /// At most 15 bytes reach the kernel (a longer name is cut there).
    public static func set(_ name: String) {
        _ = shim_set_thread_name(name)
    }
}
