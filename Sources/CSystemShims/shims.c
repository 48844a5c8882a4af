#include "CSystemShims.h"
#include <errno.h>
#ifdef __linux__
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#endif

int shim_set_parent_death_signal(int sig) {
#ifdef __linux__
    return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0);
#else
    (void)sig;
    errno = ENOSYS;
    return -1;
#endif
}

int shim_listen_queue(int fd, unsigned int *length, unsigned int *maximum) {
#ifdef __linux__
    struct tcp_info info;
    socklen_t size = sizeof(info);
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return -1;
    *length = info.tcpi_unacked;
    *maximum = info.tcpi_sacked;
    return 0;
#else
    (void)fd; (void)length; (void)maximum;
    errno = ENOSYS;
    return -1;
#endif
}
