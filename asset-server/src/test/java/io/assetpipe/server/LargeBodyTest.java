package io.assetpipe.server;

import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.http.LargeStoredFilesTest.Site;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.http.SlowReader;
import io.assetpipe.http.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies of {@link ZeroCopySend#MIN_SIZE} and more that a jar holds STORED leave with
 * {@code sendfile} from the jar; these tests check, on a real server, that they arrive whole in
 * every case that path has: keep-alive, a variant, a client that reads slowly, and a jar cut short
 * under the running server.
 */
class LargeBodyTest {
    @TempDir
    Path temp;

    private Site site() throws IOException {
        return Site.write(temp);
    }

    @Test
    void largeBodiesArriveWholeOverOneKeepAliveConnectionAgainAndAgain() throws Exception {
        Site site = site();
        byte[] identity = site.builder().files().get(site.js().path());
        try (TestServer server = Standalone.start(List.of(site.jar()), "*", LogicalPathPolicy.SERVE)) {
            site.assertServedWholeAgainAndAgain(server);
            // Ranges and HEAD keep their own (memory) path and stay right.
            HttpResponse<byte[]> range = server.get("/assets/" + site.js().path(), "Range", "bytes=100000-100009");
            assertEquals(206, range.statusCode());
            assertArrayEquals(java.util.Arrays.copyOfRange(identity, 100000, 100010), range.body());
        }
    }

    @Test
    void aSlowClientGetsTheWholeBody() throws Exception {
        Site site = site();
        try (TestServer server = Standalone.start(List.of(site.jar()), "*", LogicalPathPolicy.SERVE);
                SlowReader slow = SlowReader.open(server.port, "/assets/" + site.js().path())) {
            assertEquals(200, slow.status());
            Thread.sleep(300); // the server fills the socket and waits to be told it is writable
            assertArrayEquals(site.builder().files().get(site.js().path()), slow.readBody());
        }
    }

    @Test
    void aJarCutShortUnderTheServerStillYieldsWholeBodiesFromMemory() throws Exception {
        Site site = site();
        byte[] identity = site.builder().files().get(site.js().path());
        try (TestServer server = Standalone.start(List.of(site.jar()), "*", LogicalPathPolicy.SERVE)) {
            assertArrayEquals(identity, server.get("/assets/" + site.js().path()).body());
            try (FileChannel jar = FileChannel.open(site.jar(), StandardOpenOption.WRITE)) {
                jar.truncate(1000); // an in-place overwrite in progress: the file is shorter than at load
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = server.get("/assets/" + site.js().path());
                assertEquals(200, response.statusCode());
                assertArrayEquals(identity, response.body(), "request " + i + " after the jar was cut short");
                assertArrayEquals(site.gzip(), server.get("/assets/" + site.js().path(), "Accept-Encoding", "gzip").body());
            }
            assertFalse(server.get("/healthz").body().length == 0, "the server still answers");
        }
    }
}
