#ifndef BARISTA_CSYSTEMSHIMS_H
#define BARISTA_CSYSTEMSHIMS_H

#include <spawn.h>

/// Asks the kernel to send `sig` to this process when its parent dies (Linux prctl PR_SET_PDEATHSIG).
/// Returns 0 on success, -1 where unsupported or on error.
int shim_set_parent_death_signal(int sig);

/// Names the calling thread for the kernel (Linux prctl PR_SET_NAME: /proc/PID/task/TID/comm, 15 bytes at most).
/// Returns 0 on success, -1 where unsupported or on error.
int shim_set_thread_name(const char *name);

/// Reads the accept queue of a listening TCP socket from Linux TCP_INFO:
/// tcpi_unacked = connections waiting to be accepted, tcpi_sacked = the queue's maximum.
/// Returns 0 on success, -1 on error (errno set) or where unsupported.
int shim_listen_queue(int fd, unsigned int *length, unsigned int *maximum);

/// Reads the accept queue of whatever listens on TCP port `port` of this machine, any process's (Linux sock_diag,
/// as `ss -ltn` does): `length` = connections waiting to be accepted, `maximum` = its backlog; summed over the
/// listeners on that port (IPv4 and IPv6). Returns 0 when a listener was found, -1 otherwise (errno set on error).
int shim_listen_queue_of_port(int port, unsigned int *length, unsigned int *maximum);

/// Counts the connections at a door of this machine that the kernel has completed but no process has accepted yet
/// (they have no inode), and of those the ones whose client has already closed (CLOSE_WAIT): Linux sock_diag, asking
/// only for ESTABLISHED and CLOSE_WAIT sockets. The door is local TCP port `port` at `address` (4 bytes for AF_INET,
/// 16 for AF_INET6, network order), or at every address of both families when `address` is NULL. Each socket counts
/// once, though a dump may list it twice. Returns 0 on success, -1 otherwise (errno set).
int shim_door_at(int family, const unsigned char *address, int port, unsigned int *queued, unsigned int *gone);

/// Adds to `actions` the closing of every descriptor from `from` up in the child (glibc's
/// posix_spawn_file_actions_addclosefrom_np). A child must not inherit sockets that are not close-on-exec (SwiftNIO
/// accepts without SOCK_CLOEXEC): a long-lived child holding one keeps the connection open after we close it.
/// Returns 0 on success, an errno value otherwise (ENOSYS where unsupported).
int shim_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

#endif
