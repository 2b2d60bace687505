package dev.keel.node.proxy;

/**
 * How the proxy moves bytes.
 * <ul>
 *   <li>{@link #AUTO}: {@link #EPOLL} where the native epoll transport loads (Linux x86_64), else {@link #NIO};</li>
 *   <li>{@link #EPOLL}: Netty's native epoll transport; bytes go through pooled direct buffers that are handed
 *       from one socket to the other without a copy in the JVM, and reading stops while the other side cannot
 *       take more (auto-read back-pressure);</li>
 *   <li>{@link #NIO}: the same relay on the JDK's NIO transport (any OS).</li>
 * </ul>
 * Kernel {@code splice(2)} (Netty's {@code spliceTo}) is deliberately not offered: see docs/proxy.md, "Why not
 * splice" (it loses the tail of a stream whose sender closes right after writing, and spins on half-closed
 * connections).
 */
public enum ProxyTransport {
    AUTO,
    EPOLL,
    NIO
}
