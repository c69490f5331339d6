package io.assetpipe.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetpipe.http.LargeStoredFilesTest.Site;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.SlowReader;
import io.assetpipe.http.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies of {@link AssetServlet#ASYNC_MIN_SIZE} and more leave through a {@code WriteListener}, a
 * slice at a time: on both containers they arrive whole, again and again on one keep-alive
 * connection and to a client that reads slowly.
 */
class LargeBodyServletTest {
    @TempDir
    Path temp;

    private TestServer start(String container, Site site) throws Exception {
        AssetServlet servlet = Containers.servlet(List.of(site.jar()), "*", LogicalPathPolicy.SERVE);
        return container.equals("tomcat") ? Containers.tomcat(servlet) : Containers.jetty(servlet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void largeBodiesArriveWholeOverOneKeepAliveConnectionAgainAndAgain(String container) throws Exception {
        Site site = Site.write(temp);
        byte[] identity = site.builder().files().get(site.js().path());
        try (TestServer server = start(container, site)) {
            site.assertServedWholeAgainAndAgain(server);
            HttpResponse<byte[]> range = server.get("/assets/" + site.js().path(), "Range", "bytes=1000-200999");
            assertEquals(206, range.statusCode());
            assertArrayEquals(Arrays.copyOfRange(identity, 1000, 201000), range.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat", "jetty"})
    void aSlowClientGetsTheWholeBody(String container) throws Exception {
        Site site = Site.write(temp);
        try (TestServer server = start(container, site);
                SlowReader slow = SlowReader.open(server.port, "/assets/" + site.js().path())) {
            assertEquals(200, slow.status());
            Thread.sleep(300); // the container fills the socket and calls the listener when it drains
            assertArrayEquals(site.builder().files().get(site.js().path()), slow.readBody());
        }
    }
}
