package org.imagingtriage.topology.review.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reviewers who may sign in to the console, from a users file: one {@code NAME:HASH} per line
 * ({@link PasswordHashes}' form), {@code #} comments and blank lines ignored. Names are login or
 * staff ids, never patient data; they become {@code ReviewDecision.reviewer}.
 */
public final class ReviewerAccounts {

    /** Login-id characters: what an LDAP uid or staff number holds, and nothing markup could use. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Map<String, String> hashes;
    /** Checked for unknown names too, so a wrong name costs the same time as a wrong password. */
    private final String decoy;

    private ReviewerAccounts(Map<String, String> hashes, String decoy) {
        this.hashes = Map.copyOf(hashes);
        this.decoy = decoy;
    }

    /** @throws IllegalArgumentException naming the line that is malformed; never echoing a hash */
    public static ReviewerAccounts load(Path usersFile, PasswordHashes hashing) {
        try {
            if (Files.size(usersFile) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("the users file " + usersFile + " is larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            return parse(Files.readAllLines(usersFile, StandardCharsets.UTF_8), usersFile.toString(), hashing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + usersFile, e);
        }
    }

    static ReviewerAccounts parse(List<String> lines, String source, PasswordHashes hashing) {
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = source + " line " + (i + 1);
            if (colon < 0) {
                throw new IllegalArgumentException(where + ": expected NAME:HASH");
            }
            String name = line.substring(0, colon);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": a reviewer name is 1 to 64 of A-Z a-z 0-9 . _ @ -");
            }
            try {
                PasswordHashes.requireWellFormed(line.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (hashes.put(name, line.substring(colon + 1)) != null) {
                throw new IllegalArgumentException(where + ": reviewer " + name + " is listed twice");
            }
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no reviewer");
        }
        return new ReviewerAccounts(hashes, hashing.hash("decoy".toCharArray()));
    }

    /** Whether {@code name} may be a reviewer's name: a login or staff id. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Accounts held in memory, e.g. the demo's one generated reviewer. */
    public static ReviewerAccounts of(Map<String, String> nameToHash, PasswordHashes hashing) {
        Objects.requireNonNull(nameToHash, "nameToHash");
        List<String> lines = nameToHash.entrySet().stream().map(entry -> entry.getKey() + ":" + entry.getValue())
                .toList();
        return parse(lines, "accounts", hashing);
    }

    /** The reviewer's name when the password is theirs. */
    public Optional<String> authenticate(String name, char[] password) {
        String stored = name == null ? null : hashes.get(name);
        boolean matches = PasswordHashes.matches(password, stored == null ? decoy : stored);
        return matches && stored != null ? Optional.of(name) : Optional.empty();
    }

    public int size() {
        return hashes.size();
    }
}
