package io.assetpipe.plugin.js;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ClosureJitTest {
    /** What {@code jcmd <pid> Compiler.directives_print} shows. */
    private static String directives() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint", null, null);
    }

    @Test
    void theDirectiveHoldsForTheCompileOnly() throws Exception {
        assertFalse(directives().contains("com/google/javascript/"), directives());
        try (ClosureJit jit = ClosureJit.c1Only()) {
            assertTrue(jit.active());
            String during = directives();
            assertTrue(during.contains("matching: com/google/javascript/*.*"), during);
            // The C2 block of that directive excludes; its C1 block does not.
            String c2 = during.substring(during.indexOf("c2 directives:"));
            assertTrue(c2.contains("Exclude:true"), during);
        }
        assertFalse(directives().contains("com/google/javascript/"), directives());
        try (ClosureJit none = ClosureJit.unchanged()) {
            assertFalse(none.active());
            assertFalse(directives().contains("com/google/javascript/"));
        }
    }
}
