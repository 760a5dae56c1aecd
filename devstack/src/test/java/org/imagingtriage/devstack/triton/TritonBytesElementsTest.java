package org.imagingtriage.devstack.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;

/** The BYTES layout walk: exact consumption, and client-declared lengths never trusted. */
class TritonBytesElementsTest {

    @Test
    void joinAndSplitRoundTrip() {
        // given
        ByteString data = BytesElements.joinStrings(List.of("", "a", "héllo"));

        // when
        List<ByteString> elements = BytesElements.split(data, 3, "id", "PROMPT", "m");

        // then
        assertThat(data.size()).isEqualTo(4 + 4 + 1 + 4 + 6);
        assertThat(elements).extracting(ByteString::toStringUtf8).containsExactly("", "a", "héllo");
    }

    @Test
    void hugeDeclaredLengthIsRefusedWithoutAllocating() {
        // given: 0xFFFFFFFF bytes declared, 2 present
        ByteString data = ByteString.copyFrom(new byte[] {-1, -1, -1, -1, 'h', 'i'});

        assertThatThrownBy(() -> BytesElements.split(data, 1, "id", "PROMPT", "m"))
                .hasMessage("[request id: id] element 0 of inference input 'PROMPT' for model 'm' declares 4294967295 "
                        + "bytes but only 2 bytes remain");
    }

    @Test
    void fewerElementsThanTheShapeIsRefused() {
        ByteString data = BytesElements.joinStrings(List.of("only"));

        assertThatThrownBy(() -> BytesElements.split(data, 2, "", "PROMPT", "m"))
                .hasMessage("[request id: <id_unknown>] expected 2 string elements for inference input 'PROMPT' for "
                        + "model 'm', got 1");
    }

    @Test
    void hugeElementCountIsWalkedNotAllocated() {
        ByteString data = BytesElements.joinStrings(List.of("x"));

        assertThatThrownBy(() -> BytesElements.split(data, Long.MAX_VALUE, "", "PROMPT", "m"))
                .hasMessageContaining("expected " + Long.MAX_VALUE + " string elements");
    }
}
