package dev.keel.node.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Copies a container's log file to a response: from the start or from the last n lines, then, when following,
 * whatever is appended until the instance exits (polling the file: log files are plain appends by the container's
 * processes, which the agent does not sit between).
 */
public final class LogStreamer {
    private static final int BLOCK = 64 * 1024;

    private final Duration pollInterval;

    public LogStreamer(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * Writes the log; returns when done (not following, or the instance exited and everything was sent), when
     * {@code limitBytes} is reached, or with an IOException when the client went away.
     */
    public void stream(LogTarget target, LogRequest request, OutputStream out) throws IOException, InterruptedException {
        long limit = request.limitBytes().orElse(Long.MAX_VALUE);
        long sent = 0;
        long pos = -1;
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        while (true) {
            boolean writingBefore = target.writing().getAsBoolean();
            try (FileChannel ch = FileChannel.open(target.file(), StandardOpenOption.READ)) {
                if (pos < 0) {
                    pos = request.tailLines().isPresent() ? tailStart(ch, request.tailLines().getAsLong()) : 0;
                }
                long size = ch.size();
                while (pos < size && sent < limit) {
                    buf.clear();
                    buf.limit((int) Math.min(BLOCK, Math.min(size - pos, limit - sent)));
                    int n = ch.read(buf, pos);
                    if (n <= 0) {
                        break;
                    }
                    out.write(buf.array(), 0, n);
                    pos += n;
                    sent += n;
                }
                out.flush();
            } catch (NoSuchFileException e) {
                pos = Math.max(pos, 0);
            }
            if (!request.follow() || sent >= limit || !writingBefore) {
                return;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    /** The offset where the last {@code lines} lines start (a final newline does not start an empty line). */
    static long tailStart(FileChannel ch, long lines) throws IOException {
        long size = ch.size();
        if (lines == 0) {
            return size;
        }
        long end = size;
        if (end > 0 && byteAt(ch, end - 1) == '\n') {
            end--;
        }
        long seen = 0;
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        long blockEnd = end;
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - BLOCK);
            buf.clear();
            buf.limit((int) (blockEnd - blockStart));
            ch.read(buf, blockStart);
            for (int i = buf.position() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n' && ++seen == lines) {
                    return blockStart + i + 1;
                }
            }
            blockEnd = blockStart;
        }
        return 0;
    }

    private static byte byteAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, at);
        return one.get(0);
    }
}
