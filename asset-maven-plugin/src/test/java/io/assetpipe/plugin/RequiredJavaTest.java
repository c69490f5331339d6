package io.assetpipe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK check's parts; build-on-jdk17 (an IT) runs it on a real JDK 17. */
class RequiredJavaTest {

    @Test
    void readsTheFeatureVersionOfOldAndNewSpecifications() {
        assertEquals(8, RequiredJava.feature("1.8"));
        assertEquals(17, RequiredJava.feature("17"));
        assertEquals(25, RequiredJava.feature("25"));
    }

    @Test
    void theMessageNamesTheJdkAndHowToRunOnANewerOne() {
        String message = RequiredJava.message("asset:build", "17.0.15", "/usr/lib/jvm/java-17-openjdk-amd64");
        assertTrue(message.startsWith("asset:build needs Java 21 or newer, but Maven is running on Java 17.0.15"
                + " (/usr/lib/jvm/java-17-openjdk-amd64)."), message);
        assertTrue(message.contains("export JAVA_HOME="), message);
    }

    /** What Maven loads before the check runs must load on Java 8 (class file version 52). */
    @Test
    void theClassesMavenLoadsFirstAreForJava8() throws IOException {
        for (String name : List.of("io/assetpipe/plugin/BuildMojo", "io/assetpipe/plugin/PackageMojo",
                "io/assetpipe/plugin/Bundle", "io/assetpipe/plugin/RequiredJava",
                "io/assetpipe/asset_maven_plugin/HelpMojo")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(name + ".class")) {
                DataInputStream data = new DataInputStream(in);
                assertEquals(0xCAFEBABE, data.readInt(), name);
                data.readUnsignedShort(); // minor
                assertEquals(52, data.readUnsignedShort(), name);
            }
        }
    }
}
