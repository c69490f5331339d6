package io.assetpipe.server;

import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.xnio.StreamConnection;

/**
 * Linux's {@code TCP_CORK} on an Undertow connection, where the JVM lets us set it.
 *
 * <p>Neither Java ({@code jdk.net.ExtendedSocketOptions}) nor XNIO offers {@code TCP_CORK}, the
 * option nginx's {@code tcp_nopush} sets so that a head written from memory and a body sent with
 * {@code sendfile} leave as one run of full-sized segments. The JDK's own {@code setsockopt}
 * ({@code sun.nio.ch.Net.setIntOption0}) can set it, but only with {@code java.base/sun.nio.ch}
 * opened to us: the standalone jar's manifest does that ({@code Add-Opens}, honoured by
 * {@code java -jar}); an app that embeds the handler can pass
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}. Without it, or on a JDK where these
 * internals look different, {@link #AVAILABLE} is false and {@link ZeroCopySend} uses Nagle's
 * algorithm instead: nothing fails.
 */
final class TcpCork {
    // <netinet/tcp.h> on Linux: IPPROTO_TCP, TCP_CORK.
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_CORK = 3;

    private static final MethodHandle SOCKET_CHANNEL; // NioSocketStreamConnection -> SocketChannel
    private static final MethodHandle FILE_DESCRIPTOR; // SocketChannelImpl -> FileDescriptor
    private static final MethodHandle SET_INT_OPTION; // Net.setIntOption0(fd, convert, level, opt, value, ipv6)
    static final boolean AVAILABLE;

    static {
        MethodHandle channel = null;
        MethodHandle descriptor = null;
        MethodHandle set = null;
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            try {
                channel = accessible(Class.forName("org.xnio.nio.NioSocketStreamConnection").getDeclaredMethod("getChannel"));
                descriptor = accessible(Class.forName("sun.nio.ch.SocketChannelImpl").getDeclaredMethod("getFD"));
                set = accessible(Class.forName("sun.nio.ch.Net").getDeclaredMethod("setIntOption0",
                        FileDescriptor.class, boolean.class, int.class, int.class, int.class, boolean.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not opened to us (InaccessibleObjectException), or not this JDK's layout.
                channel = null;
            }
        }
        SOCKET_CHANNEL = channel;
        FILE_DESCRIPTOR = descriptor;
        SET_INT_OPTION = set;
        AVAILABLE = channel != null;
    }

    private TcpCork() {}

    /** Sets or clears {@code TCP_CORK}; false if this connection is not a plain NIO socket or the call failed. */
    static boolean set(ServerConnection connection, boolean on) {
        if (!AVAILABLE || !(connection instanceof HttpServerConnection http)) {
            return false;
        }
        try {
            StreamConnection stream = http.getChannel();
            Object socket = SOCKET_CHANNEL.invoke(stream);
            FileDescriptor fd = (FileDescriptor) FILE_DESCRIPTOR.invoke(socket);
            SET_INT_OPTION.invoke(fd, false, IPPROTO_TCP, TCP_CORK, on ? 1 : 0, false);
            return true;
        } catch (Throwable e) { // ClassCastException for another XNIO provider, IOException from setsockopt
            return false;
        }
    }

    private static MethodHandle accessible(Method method) throws IllegalAccessException {
        method.setAccessible(true);
        return MethodHandles.lookup().unreflect(method);
    }
}
