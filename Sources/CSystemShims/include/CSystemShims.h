#ifndef BARISTA_CSYSTEMSHIMS_H
#define BARISTA_CSYSTEMSHIMS_H

/// Asks the kernel to send `sig` to this process when its parent dies (Linux prctl PR_SET_PDEATHSIG).
/// Returns 0 on success, -1 where unsupported or on error.
int shim_set_parent_death_signal(int sig);

/// Reads the accept queue of a listening TCP socket from Linux TCP_INFO:
/// tcpi_unacked = connections waiting to be accepted, tcpi_sacked = the queue's maximum.
/// Returns 0 on success, -1 on error (errno set) or where unsupported.
int shim_listen_queue(int fd, unsigned int *length, unsigned int *maximum);

#endif
