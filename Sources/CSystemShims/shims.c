// For posix_spawn_file_actions_addclosefrom_np (glibc 2.34), declared only under _GNU_SOURCE.
#define _GNU_SOURCE
#include "CSystemShims.h"
#include <errno.h>
#ifdef __linux__
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
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

int shim_set_thread_name(const char *name) {
#ifdef __linux__
    return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
#else
    (void)name;
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

#ifdef __linux__
/// Adds up the LISTEN sockets of one address family on `port` from one sock_diag dump. Returns -1 on an error of
/// the socket itself; a family the kernel does not have (no IPv6) just adds nothing.
static int listen_queue_of_family(int fd, int family, int port, unsigned int *length, unsigned int *maximum,
                                  int *found) {
    struct {
        struct nlmsghdr header;
        struct inet_diag_req_v2 request;
    } message;
    memset(&message, 0, sizeof message);
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.request.sdiag_family = (unsigned char)family;
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = 1u << 10;  // TCP_LISTEN; a dump ignores the port, so it is matched below
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, &message, sizeof message, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) return -1;
    char buffer[32768] __attribute__((aligned(NLMSG_ALIGNTO)));
    for (;;) {
        ssize_t count = recv(fd, buffer, sizeof buffer, 0);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return -1;
        int remaining = (int)count;
        for (struct nlmsghdr *header = (struct nlmsghdr *)buffer; NLMSG_OK(header, remaining);
             header = NLMSG_NEXT(header, remaining)) {
            if (header->nlmsg_type == NLMSG_DONE || header->nlmsg_type == NLMSG_ERROR) return 0;
            struct inet_diag_msg *socket_entry = NLMSG_DATA(header);
            if (ntohs(socket_entry->id.idiag_sport) != port) continue;
            // For a listening socket the kernel reports the accept queue as rqueue and its backlog as wqueue.
            *length += socket_entry->idiag_rqueue;
            *maximum += socket_entry->idiag_wqueue;
            *found = 1;
        }
    }
}
#endif

int shim_listen_queue_of_port(int port, unsigned int *length, unsigned int *maximum) {
#ifdef __linux__
    *length = 0;
    *maximum = 0;
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) return -1;
    int found = 0;
    int failed = listen_queue_of_family(fd, AF_INET, port, length, maximum, &found) != 0
        || listen_queue_of_family(fd, AF_INET6, port, length, maximum, &found) != 0;
    close(fd);
    if (failed) return -1;
    if (!found) errno = ENOENT;
    return found ? 0 : -1;
#else
    (void)port; (void)length; (void)maximum;
    errno = ENOSYS;
    return -1;
#endif
}

int shim_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
#else
    (void)actions;
    (void)from;
    return ENOSYS;
#endif
}
