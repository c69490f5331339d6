package io.assetpipe.plugin;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The WebJars on the test classpath (real third-party front-end code), by name. Both kinds may hold
 * a package of the same name (org.webjars.npm:jquery 4 and the classic org.webjars:jquery 3), so
 * each is found by its Maven group in the jar's path in the local repository.
 */
public final class TestWebJars {
    private TestWebJars() {}

    /** The org.webjars.npm jar holding {@code name} ({@code lit__reactive-element} for {@code @lit/reactive-element}). */
    public static Path jar(String name) throws IOException {
        return find(name, "/org/webjars/npm/" + name + "/");
    }

    /** The classic org.webjars jar holding {@code name} (no package.json, e.g. org.webjars:jquery). */
    public static Path classicJar(String name) throws IOException {
        return find(name, "/org/webjars/" + name + "/");
    }

    /** The bytes of {@code path} in org.webjars.npm {@code name}'s version folder ({@code dist/x.js}). */
    public static byte[] file(String name, String path) throws IOException {
        // META-INF/resources/webjars/<name>/<any version>/<path>
        Pattern entryName = Pattern.compile(Pattern.quote("META-INF/resources/webjars/" + name + "/") + "[^/]+/"
                + Pattern.quote(path));
        try (ZipFile zip = new ZipFile(jar(name).toFile())) {
            ZipEntry entry = zip.stream().filter(e -> entryName.matcher(e.getName()).matches()).findFirst().orElse(null);
            if (entry == null) {
                return fail("WebJar " + name + " has no " + path);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    private static Path find(String name, String group) throws IOException {
        for (URL url : Collections.list(TestWebJars.class.getClassLoader().getResources("META-INF/resources/webjars/" + name))) {
            try {
                Path jar = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
                if (jar.toString().replace('\\', '/').contains(group)) {
                    return jar;
                }
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return fail("WebJar " + name + " (" + group + ") is not on the test classpath");
    }
}
