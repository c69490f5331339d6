package io.assetpipe.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a body without blocking: a slice whenever the container says the stream is ready, then
 * completes the async request. The slices are views of the prepared buffer, so nothing is copied
 * here; the container copies at most one slice into its socket buffer at a time.
 */
final class AsyncWrite implements WriteListener {
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final ByteBuffer body;
    private final int slice;

    AsyncWrite(AsyncContext async, ServletOutputStream out, ByteBuffer body, int slice) {
        this.async = async;
        this.out = out;
        this.body = body;
        this.slice = slice;
    }

    @Override
    public void onWritePossible() throws IOException {
        while (out.isReady()) {
            if (!body.hasRemaining()) {
                async.complete();
                return;
            }
            ByteBuffer next = body.duplicate();
            next.limit(Math.min(body.limit(), body.position() + slice));
            body.position(next.limit());
            out.write(next);
        }
    }

    @Override
    public void onError(Throwable error) {
        async.complete(); // the client went away or timed out: nothing left to tell it
    }
}
