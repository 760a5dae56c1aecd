package org.imagingtriage.topology.review.web;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the console learns who the reviewer is: a request header set by an authenticating reverse
 * proxy in front of it (oauth2-proxy, Apache mod_auth_openidc and the like), or its own sign-in
 * against a users file. With a header, the console must only be reachable through that proxy:
 * anyone who can reach it directly can claim any name.
 */
public sealed interface ReviewerIdentity {

    /** @param name e.g. {@code X-Forwarded-User} */
    record Header(String name) implements ReviewerIdentity {

        private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{1,64}");

        public Header {
            Objects.requireNonNull(name, "name");
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("the identity header must be a header name (letters, digits, -)");
            }
        }
    }

    record Login(ReviewerAccounts accounts) implements ReviewerIdentity {

        public Login {
            Objects.requireNonNull(accounts, "accounts");
        }
    }
}
