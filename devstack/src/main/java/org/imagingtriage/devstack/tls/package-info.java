/**
 * TLS material for devstack's servers and their clients:
 * {@link org.imagingtriage.devstack.tls.LocalCertificateAuthority} issues server certificates for
 * this machine and client certificates for mutual TLS, in PEM (gRPC) and PKCS12 (Kafka), made at
 * run time by the JDK's {@code keytool}. Nothing here is fit for anything but development and tests.
 */
package org.imagingtriage.devstack.tls;
