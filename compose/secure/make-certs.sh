#!/usr/bin/env bash
# Makes the key material docker-compose.secure.yml mounts, into compose/secure/generated/ (or DIR):
# a private CA, Kafka's server keystore (SANs kafka, localhost), a truststore holding the CA,
# Triton's server certificate (SAN triton), the pipeline's client certificate for mutual TLS,
# Kafka's JAAS file and SCRAM users, and a client configuration for Kafka's command-line tools.
# Passwords come from the environment: the .env variables the override also reads.
#
#   cd compose && set -a && . ./.env && set +a && secure/make-certs.sh
#
# For a laptop or a lab. In production the certificates come from the hospital's own CA; the
# file names below are what the override expects. Needs openssl and a JDK's keytool.
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")" && pwd)/generated"}
days=${CERT_DAYS:-365}
for variable in TLS_STORE_PASSWORD KAFKA_BROKER_PASSWORD KAFKA_ADMIN_PASSWORD KAFKA_PIPELINE_PASSWORD \
                KAFKA_REGISTRY_PASSWORD; do
  if [ -z "${!variable:-}" ]; then
    echo "make-certs: $variable is not set: load .env first (set -a && . ./.env && set +a)" >&2
    exit 2
  fi
done
store_password=$TLS_STORE_PASSWORD
if [ ${#store_password} -lt 6 ]; then
  echo "make-certs: TLS_STORE_PASSWORD must have at least 6 characters (keytool's minimum)" >&2
  exit 2
fi
broker_password=$KAFKA_BROKER_PASSWORD
admin_password=$KAFKA_ADMIN_PASSWORD
pipeline_password=$KAFKA_PIPELINE_PASSWORD
registry_password=$KAFKA_REGISTRY_PASSWORD

mkdir -p "$out"
cd "$out"
umask 077

# The CA every component trusts.
openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days "$days" -subj "/CN=imaging-triage local CA" \
  -keyout ca-key.pem -out ca.pem 2>/dev/null

# sign NAME CN SANS EXTENDED_KEY_USAGE: NAME-key.pem (PKCS#8, what gRPC reads) and NAME.pem.
sign() {
  local name=$1 cn=$2 sans=$3 usage=$4
  openssl req -newkey rsa:2048 -sha256 -nodes -subj "/CN=$cn" -keyout "$name-key.pem" -out "$name.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$sans" "$usage" > "$name.ext"
  openssl x509 -req -sha256 -days "$days" -in "$name.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
    -extfile "$name.ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
sign kafka kafka "DNS:kafka,DNS:localhost" serverAuth
sign triton triton "DNS:triton,DNS:localhost" serverAuth
sign pipeline imaging-triage-pipeline "DNS:pipeline" clientAuth

# Kafka reads PKCS12 stores (their password: TLS_STORE_PASSWORD).
openssl pkcs12 -export -name kafka -in kafka.pem -inkey kafka-key.pem -certfile ca.pem \
  -passout "pass:$store_password" -out kafka.keystore.p12
rm -f truststore.p12
keytool -importcert -noprompt -alias imaging-triage-ca -file ca.pem -storetype PKCS12 \
  -keystore truststore.p12 -storepass "$store_password" >/dev/null 2>&1

# The broker authenticates itself to itself (transaction markers, inter-broker requests) as "broker".
cat > kafka_server_jaas.conf <<JAAS
KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required
  username="broker" password="$broker_password";
};
JAAS
# SCRAM-SHA-512 users, written into the cluster's metadata when its storage is formatted.
cat > scram-users <<USERS
broker=$broker_password
admin=$admin_password
pipeline=$pipeline_password
registry=$registry_password
USERS
# For kafka-topics.sh and friends inside the kafka container (and its healthcheck).
cat > admin-client.properties <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
ssl.truststore.location=/etc/kafka/secrets/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=$store_password
PROPS

# Containers read these as other users (Kafka's appuser, the pipeline's uid 10001), so the files
# are world-readable: keep the directory on the Docker host, out of any shared location. The CA's
# key is not kept: make new material (and restart the stack) rather than sign more later.
chmod 0644 ./*
rm -f ca-key.pem ca.srl
echo "make-certs: key material for docker-compose.secure.yml in $out"
