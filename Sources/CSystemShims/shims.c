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
#include <stdlib.h>
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
/// Walks one sock_diag dump of the TCP sockets of `family` in `states` (a bit per TCP state), calling `visit` for
/// each. The kernel filters the states itself, so a machine's tens of thousands of TIME_WAIT sockets are never
/// copied when they are not asked for. Returns -1 on an error of the socket; a family the kernel does not have (no
/// IPv6) visits nothing.
static int walk_family(int fd, int family, unsigned int states, void (*visit)(struct inet_diag_msg *, void *),
                       void *context) {
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
    message.request.idiag_states = states;  // a dump ignores the port: each visitor matches it
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
            visit(NLMSG_DATA(header), context);
        }
    }
}

/// Walks the dumps of `families` (AF_INET, AF_INET6 or 0 for both) on a fresh sock_diag socket.
static int walk(int families, unsigned int states, void (*visit)(struct inet_diag_msg *, void *), void *context) {
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) return -1;
    int failed = ((families == 0 || families == AF_INET) && walk_family(fd, AF_INET, states, visit, context) != 0)
        || ((families == 0 || families == AF_INET6) && walk_family(fd, AF_INET6, states, visit, context) != 0);
    close(fd);
    return failed ? -1 : 0;
}

struct listen_count { int port; unsigned int length, maximum; int found; };

static void count_listener(struct inet_diag_msg *socket_entry, void *context) {
    struct listen_count *count = context;
    if (ntohs(socket_entry->id.idiag_sport) != count->port) return;
    // For a listening socket the kernel reports the accept queue as rqueue and its backlog as wqueue.
    count->length += socket_entry->idiag_rqueue;
    count->maximum += socket_entry->idiag_wqueue;
    count->found = 1;
}

/// One socket at a door: a dump may list a socket twice (it is written a batch per read while sockets come and go),
/// so each is known by its cookie, the kernel's lifelong number for it.
struct door_socket { unsigned long long cookie; int gone; };

struct door_count {
    int port, family;
    const unsigned char *address;
    struct door_socket *sockets;
    size_t count, capacity;
    int failed;
};

static void count_at_door(struct inet_diag_msg *socket_entry, void *context) {
    struct door_count *count = context;
    // Not accepted yet: no process owns it, so it has no inode.
    if (ntohs(socket_entry->id.idiag_sport) != count->port || socket_entry->idiag_inode != 0) return;
    // A connection's local address is the one its client dialled: the door's own, unless the door is a wildcard.
    size_t size = count->family == AF_INET ? 4 : 16;
    if (count->address && memcmp(socket_entry->id.idiag_src, count->address, size) != 0) return;
    if (count->count == count->capacity) {
        size_t capacity = count->capacity ? count->capacity * 2 : 64;
        struct door_socket *grown = realloc(count->sockets, capacity * sizeof *grown);
        if (!grown) { count->failed = 1; return; }
        count->sockets = grown;
        count->capacity = capacity;
    }
    count->sockets[count->count++] = (struct door_socket){
        .cookie = (unsigned long long)socket_entry->id.idiag_cookie[1] << 32 | socket_entry->id.idiag_cookie[0],
        .gone = socket_entry->idiag_state == 8,  // TCP_CLOSE_WAIT: the client has closed
    };
}

static int by_cookie(const void *left, const void *right) {
    unsigned long long a = ((const struct door_socket *)left)->cookie, b = ((const struct door_socket *)right)->cookie;
    return (a > b) - (a < b);
}
#endif

int shim_listen_queue_of_port(int port, unsigned int *length, unsigned int *maximum) {
#ifdef __linux__
    struct listen_count count = {.port = port};
    if (walk(0, 1u << 10, count_listener, &count) != 0) return -1;  // TCP_LISTEN
    *length = count.length;
    *maximum = count.maximum;
    if (!count.found) errno = ENOENT;
    return count.found ? 0 : -1;
#else
    (void)port; (void)length; (void)maximum;
    errno = ENOSYS;
    return -1;
#endif
}

int shim_door_at(int family, const unsigned char *address, int port, unsigned int *queued, unsigned int *gone) {
#ifdef __linux__
    struct door_count count = {.port = port, .family = family, .address = address};
    // TCP_ESTABLISHED and TCP_CLOSE_WAIT, of the door's family only when its address is known.
    int walked = walk(address ? family : 0, (1u << 1) | (1u << 8), count_at_door, &count);
    if (walked != 0 || count.failed) {
        free(count.sockets);
        if (count.failed) errno = ENOMEM;
        return -1;
    }
    // Each socket once, gone when any of its listings says so (it may have closed between two batches).
    qsort(count.sockets, count.count, sizeof *count.sockets, by_cookie);
    *queued = 0;
    *gone = 0;
    for (size_t index = 0; index < count.count;) {
        int closed = 0;
        size_t same = index;
        for (; same < count.count && count.sockets[same].cookie == count.sockets[index].cookie; same++)
            closed |= count.sockets[same].gone;
        *queued += 1;
        *gone += closed;
        index = same;
    }
    free(count.sockets);
    return 0;
#else
    (void)family; (void)address; (void)port; (void)queued; (void)gone;
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
