package io.assetpipe.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The scan that turns obsolete line folding into bytes Undertow refuses, against a byte-by-byte
 * statement of the rule (a space or tab right after a line feed becomes NUL), on inputs read in
 * pieces of every size, including pieces that split a line feed from the byte after it.
 * {@code StrictRequestsTest} covers what the server then answers.
 */
class FoldedLineGuardTest {
    private static FoldedLineGuard guard() {
        return new FoldedLineGuard((StreamSourceConduit) Proxy.newProxyInstance(
                FoldedLineGuardTest.class.getClassLoader(), new Class<?>[] {StreamSourceConduit.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    /** The rule, one byte at a time. */
    private static byte[] expected(byte[] input) {
        byte[] out = input.clone();
        for (int i = 1; i < out.length; i++) {
            if (input[i - 1] == '\n' && (out[i] == ' ' || out[i] == '\t')) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** {@code input} checked in pieces of the given sizes, at an offset in a larger buffer. */
    private static byte[] checked(byte[] input, int[] pieces, int offset) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(input.length + offset + 3);
        buffer.position(offset).put(input);
        FoldedLineGuard guard = guard();
        int at = offset;
        for (int piece : pieces) {
            guard.check(buffer, at, at + piece);
            at += piece;
        }
        byte[] out = new byte[input.length];
        buffer.get(offset, out);
        return out;
    }

    @Test
    void aFoldedLineLosesItsLeadingWhitespaceAndNothingElseChanges() {
        byte[] head = ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\nX-A: a\r\n\tb\r\n"
                + "User-Agent: a b\tc\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String out = new String(checked(head, new int[] {head.length}, 0), StandardCharsets.ISO_8859_1);
        assertArrayEquals(("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\u0000chunked\r\nX-A: a\r\n\u0000b\r\n"
                + "User-Agent: a b\tc\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                out.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void randomInputsInRandomPiecesFollowTheRule() {
        Random random = new Random(20261208);
        byte[] alphabet = {'\n', '\r', ' ', '\t', 'a', ':', (byte) 0x8A, (byte) 0xA0};
        for (int round = 0; round < 5_000; round++) {
            byte[] input = new byte[random.nextInt(200)];
            for (int i = 0; i < input.length; i++) {
                input[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int[] pieces = new int[input.length + 1];
            int count = 0;
            for (int left = input.length; left > 0; ) {
                int piece = 1 + random.nextInt(Math.min(left, 1 + random.nextInt(40)));
                pieces[count++] = piece;
                left -= piece;
            }
            int[] sized = java.util.Arrays.copyOf(pieces, count);
            assertArrayEquals(expected(input), checked(input, sized, random.nextInt(9)),
                    "round " + round + ", pieces " + java.util.Arrays.toString(sized));
        }
    }
}
