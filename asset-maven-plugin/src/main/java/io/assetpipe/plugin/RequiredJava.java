package io.assetpipe.plugin;

import org.apache.maven.plugin.MojoExecutionException;

/**
 * The JDK check the goals make before anything else. Compiled for Java 8, as the Mojos are (see
 * the plugin's POM), so that it runs on whatever JDK Maven runs on: the rest of the plugin is
 * compiled for Java 21, which Closure Compiler needs, and an older JVM could not even load it.
 */
final class RequiredJava {
    static final int FEATURE = 21;

    private RequiredJava() {}

    /** Fails {@code goal} with one message naming the running JDK and how to run Maven on a newer one. */
    static void check(String goal) throws MojoExecutionException {
        int running = feature(System.getProperty("java.specification.version"));
        if (running < FEATURE) {
            throw new MojoExecutionException(message(goal, System.getProperty("java.version"),
                    System.getProperty("java.home")));
        }
    }

    /** 8 for "1.8", 17 for "17". */
    static int feature(String specificationVersion) {
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }

    static String message(String goal, String javaVersion, String javaHome) {
        return goal + " needs Java " + FEATURE + " or newer, but Maven is running on Java " + javaVersion + " ("
                + javaHome + ").\n"
                + "Run Maven on a JDK " + FEATURE + "+: point JAVA_HOME at one, e.g.\n"
                + "    export JAVA_HOME=/usr/lib/jvm/temurin-21-jdk-amd64   (Windows: set JAVA_HOME=C:\\path\\to\\jdk-21)\n"
                + "and run mvn (or ./mvnw) again. The project can still target Java 17: keep"
                + " <maven.compiler.release>17</maven.compiler.release>, or compile and test with a JDK 17 through a"
                + " Maven toolchain while Maven itself runs on " + FEATURE + "+.";
    }
}
