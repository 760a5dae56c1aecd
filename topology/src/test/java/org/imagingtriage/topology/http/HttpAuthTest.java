package org.imagingtriage.topology.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpAuthTest {

    @Test
    void basicEncodesUserAndPasswordAsRfc7617Says() {
        // given the example pair of RFC 7617 section 2
        HttpAuth auth = HttpAuth.of(Optional.of("Aladdin"), Optional.of("open sesame"), Optional.empty());

        // then
        assertThat(auth.authorization()).contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void aTokenMakesBearerAndNothingMakesNone() {
        assertThat(HttpAuth.of(Optional.empty(), Optional.empty(), Optional.of("abc.def")).authorization())
                .contains("Bearer abc.def");
        assertThat(HttpAuth.of(Optional.empty(), Optional.empty(), Optional.empty()).authorization()).isEmpty();
    }

    @Test
    void ambiguousOrIncompleteSettingsAreRefused() {
        assertThatThrownBy(() -> HttpAuth.of(Optional.of("u"), Optional.of("p"), Optional.of("t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> HttpAuth.of(Optional.empty(), Optional.of("p"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a user name");
        assertThatThrownBy(() -> HttpAuth.basic("a:b", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpAuth.bearer("has space")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        HttpAuth auth = HttpAuth.basic("reader", "s3cret-password");

        assertThat(auth.toString()).isEqualTo("HttpAuth[basic]").doesNotContain("s3cret").doesNotContain("reader");
    }
}
