package dev.keel.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A static token file in Kubernetes' format: one line per token, {@code token,user,uid,"group1,group2"}; blank
 * lines and lines starting with {@code #} are skipped. The first token is the admin token that
 * {@code keel kubeconfig} writes into kubeconfigs.
 *
 * @param tokens token to user, in file order
 */
public record TokenFile(Path file, Map<String, User> tokens) {
    public TokenFile {
        tokens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
    }

    /** Reads {@code file}; when it does not exist, writes one with a random admin token in system:masters first. */
    public static TokenFile loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[24];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, HexFormat.of().formatHex(secret) + ",admin,admin,\"" + User.MASTERS + "\"\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
            return parse(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("reading token file " + file, e);
        }
    }

    static TokenFile parse(Path file, List<String> lines) {
        Map<String, User> tokens = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cols = columns(line);
            if (cols.size() < 3 || cols.get(0).isEmpty() || cols.get(1).isEmpty()) {
                throw new IllegalArgumentException("token file " + file + " line " + (i + 1)
                        + ": expected token,user,uid[,\"groups\"]");
            }
            List<String> groups = cols.size() > 3 && !cols.get(3).isEmpty()
                    ? Arrays.stream(cols.get(3).split(",")).map(String::trim).toList() : List.of();
            tokens.put(cols.get(0), new User(cols.get(1), cols.get(2), groups));
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("token file " + file + " has no token");
        }
        return new TokenFile(file, tokens);
    }

    /** The first token of the file. */
    public String adminToken() {
        return tokens.keySet().iterator().next();
    }

    /** CSV columns, where a double-quoted column may contain commas. */
    private static List<String> columns(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
