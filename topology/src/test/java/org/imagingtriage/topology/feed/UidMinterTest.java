package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class UidMinterTest {

    @Test
    void matchesTheStandardsOwnExample() {
        // given the UUID PS3.5 B.2 uses as its example
        UUID uuid = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

        // when / then: the UID the standard derives from it
        assertThat(UidMinter.fromUuid(uuid)).isEqualTo("2.25.329800735698586629295641978511506172918");
    }

    @Test
    void theLargestUuidStaysUnderSixtyFourCharacters() {
        // given all 128 bits set: the longest decimal there is
        UUID largest = new UUID(-1L, -1L);

        // when
        String uid = UidMinter.fromUuid(largest);

        // then
        assertThat(uid).isEqualTo("2.25.340282366920938463463374607431768211455").hasSizeLessThan(64);
        assertThat(DicomSyntax.isUid(uid)).isTrue();
    }

    @Test
    void smallValuesHaveNoLeadingZeros() {
        assertThat(UidMinter.fromUuid(new UUID(0, 7))).isEqualTo("2.25.7");
        assertThat(UidMinter.fromUuid(new UUID(0, 0))).isEqualTo("2.25.0");
    }

    @RepeatedTest(5)
    void randomUidsAreValidAndDistinct() {
        // given
        UidMinter minter = UidMinter.random();
        Set<String> uids = new HashSet<>();

        // when
        for (int i = 0; i < 1000; i++) {
            uids.add(minter.mint());
        }

        // then
        assertThat(uids).hasSize(1000).allSatisfy(uid -> {
            assertThat(uid).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThan(64);
            assertThat(DicomSyntax.isUid(uid)).isTrue();
        });
    }
}
