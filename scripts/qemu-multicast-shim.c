/*
 * Test-harness shim for the linux-arm64 smoke run of scripts/publish.sh only (LD_PRELOAD inside
 * qemu-aarch64); it is never shipped and never used on real hardware.
 *
 * Why: qemu-user 7.2 (Debian 12) declares the guest's struct ip_mreqn with a 64-bit imr_ifindex, so on a
 * 64-bit guest it expects 16 bytes. The 12-byte struct ip_mreqn that .NET passes for IP_ADD_MEMBERSHIP
 * (MulticastOption) is then converted as a struct ip_mreq plus garbage for the interface index, and the
 * host kernel answers ENODEV ("Unknown socket error" when peat-edge joins its multicast group).
 *
 * qemu-user 7.2 also does not implement IP_MULTICAST_IF at all (ENOPROTOOPT, "Protocol not available").
 *
 * What:
 * - a join/leave with a struct ip_mreqn whose interface index is 0 (select the interface by its address,
 *   which is what MulticastOption(group, address) means) is passed on as the equivalent 8-byte struct
 *   ip_mreq, which qemu converts correctly;
 * - IP_MULTICAST_IF with a 4-byte address on a socket already bound to that same address succeeds without
 *   a call: Linux sends the multicast of a socket bound to a local address out of the device that owns
 *   the address (the oif-less multicast case of the IPv4 output route lookup), which is what the option
 *   asks for. peat-edge binds its sending socket to the interface address (127.0.0.1 in loopback mode).
 * Every other call is passed through unchanged.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int setsockopt(int fd, int level, int name, const void *value, socklen_t length)
{
    static int (*real)(int, int, int, const void *, socklen_t);
    if (real == 0)
    {
        real = (int (*)(int, int, int, const void *, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
    }

    if (level == IPPROTO_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP) && length == sizeof(struct ip_mreqn)
        && ((const struct ip_mreqn *)value)->imr_ifindex == 0)
    {
        const struct ip_mreqn *n = (const struct ip_mreqn *)value;
        struct ip_mreq m;
        m.imr_multiaddr = n->imr_multiaddr;
        m.imr_interface = n->imr_address;
        return real(fd, level, name, &m, sizeof m);
    }

    if (level == IPPROTO_IP && name == IP_MULTICAST_IF && length == sizeof(struct in_addr))
    {
        struct sockaddr_in bound;
        socklen_t size = sizeof bound;
        memset(&bound, 0, sizeof bound);
        if (getsockname(fd, (struct sockaddr *)&bound, &size) == 0 && bound.sin_family == AF_INET
            && memcmp(&bound.sin_addr, value, sizeof(struct in_addr)) == 0)
        {
            return 0;
        }
    }

    return real(fd, level, name, value, length);
}
