package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * How a CANCELLED call is classified: gRPC uses the code both for the far end resetting a stream
 * (worth retrying) and for a call it could not send, with the reason as the cause (not).
 */
class TritonErrorsTest {

  @Test
  void cancelledWithoutACauseIsTransient() {
    // given a stream reset by the server or a proxy
    Throwable failure = Status.CANCELLED.withDescription("RST_STREAM").asRuntimeException();

    // when
    TritonException classified = TritonErrors.classify("ModelInfer", new CompletionException(failure));

    // then
    assertThat(classified).isInstanceOf(TransientTritonException.class);
    assertThat(classified.code()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void cancelledBecauseTheMessageFailedToSerialiseIsPermanent() {
    // given gRPC's cancellation of a call whose message could not be written
    Throwable failure = Status.CANCELLED.withDescription("Failed to stream message")
        .withCause(new IOException("serialiser broke")).asRuntimeException();

    // when
    TritonException classified = TritonErrors.classify("ModelInfer", failure);

    // then the same request would fail the same way: not retried for ever
    assertThat(classified).isInstanceOf(PermanentTritonException.class);
    assertThat(classified.code()).isEqualTo(Status.Code.CANCELLED);
    assertThat(classified.serverMessage()).isEqualTo("Failed to stream message");
  }

  @Test
  void cancelledBecauseTheJvmRanOutOfMemoryIsTransient() {
    // given gRPC's cancellation of a call whose answer could not be read for lack of memory
    Throwable failure = Status.CANCELLED.withDescription("Failed to read message.")
        .withCause(new OutOfMemoryError("Java heap space")).asRuntimeException();

    // then the same request may well succeed later
    assertThat(TritonErrors.classify("ModelInfer", failure)).isInstanceOf(TransientTritonException.class);
  }

  @Test
  void cancelledBecauseTheMessageIsTooLargeTakesTheReasonsCode() {
    // given gRPC's cancellation of a call over the outbound size limit
    Throwable failure = Status.CANCELLED.withCause(Status.RESOURCE_EXHAUSTED
        .withDescription("message too large 70000000 > 67108864").asRuntimeException()).asRuntimeException();

    // when
    TritonException classified = TritonErrors.classify("ModelInfer", failure);

    // then
    assertThat(classified).isInstanceOf(PermanentTritonException.class);
    assertThat(classified.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void aTlsAlertFromTritonIsARefusal() {
    // given Triton's answer to a client without a certificate under mutual TLS, as gRPC reports it
    Throwable failure = Status.UNAVAILABLE.withDescription("ssl exception")
        .withCause(new SSLException("error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED"))
        .asRuntimeException();

    // when
    TritonException classified = TritonErrors.classify("ServerLive", failure);

    // then a retry could reach it, but only new TLS material can make the handshake pass
    assertThat(classified).isInstanceOf(TransientTritonException.class);
    assertThat(TritonErrors.tlsRefusal(classified)).contains(
        "error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED");
  }

  @Test
  void aCertificateThisSideCannotVerifyIsARefusal() {
    // given Triton's certificate signed by a CA the client does not trust
    Throwable failure = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new SSLHandshakeException("General OpenSslEngine problem"))
        .asRuntimeException();
    failure.getCause().initCause(new CertificateException("PKIX path building failed"));

    // then
    assertThat(TritonErrors.tlsRefusal(TritonErrors.classify("ServerLive", failure)))
        .contains("PKIX path building failed");
  }

  @Test
  void aHandshakeCutShortOrAnUnreachableServerIsNoRefusal() {
    Throwable closed = Status.UNAVAILABLE.withCause(
        new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress")).asRuntimeException();
    Throwable refused = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new IOException("Connection refused")).asRuntimeException();

    assertThat(TritonErrors.tlsRefusal(TritonErrors.classify("ServerLive", closed))).isEmpty();
    assertThat(TritonErrors.tlsRefusal(TritonErrors.classify("ServerLive", refused))).isEmpty();
  }
}
