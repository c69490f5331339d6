package io.assetpipe.plugin;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The WebJars on the test classpath (real third-party front-end code), by npm name. */
public final class TestWebJars {
    private TestWebJars() {}

    /** The jar holding WebJar {@code name} ({@code lit__reactive-element} for {@code @lit/reactive-element}). */
    public static Path jar(String name) throws IOException {
        URL url = TestWebJars.class.getClassLoader().getResource("META-INF/resources/webjars/" + name);
        assertNotNull(url, "WebJar " + name + " is not on the test classpath");
        try {
            return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
