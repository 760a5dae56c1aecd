#!/usr/bin/env bash
# Makes the key material docker-compose.secure.yml mounts, into compose/secure/generated/ (or DIR):
# a private CA, Kafka's server keystore (SANs kafka, localhost), a truststore holding the CA,
# Triton's server certificate (SAN triton), the pipeline's client certificate for mutual TLS,
# Kafka's JAAS file and SCRAM users, and a client configuration for Kafka's command-line tools.
# Passwords come from the environment: the .env variables the override also reads.
#
#   cd compose && set -a && . ./.env && set +a && secure/make-certs.sh [DIR] [--force]
#
# It refuses a directory that already holds key material unless --force: the SCRAM users are
# written into Kafka's storage when it is first formatted, so new passwords for a stack that has
# run once also need its kafka-data volume removed (or the users changed with kafka-configs.sh).
#
# For a laptop or a lab. In production the certificates come from the hospital's own CA; the
# file names below are what the override expects. Needs openssl and a JDK's keytool.
set -euo pipefail

force=false
out=""
for argument in "$@"; do
  case "$argument" in
    --force) force=true ;;
    *) out=$argument ;;
  esac
done
out=${out:-"$(cd "$(dirname "$0")" && pwd)/generated"}
days=${CERT_DAYS:-365}

for tool in openssl keytool; do
  if ! command -v "$tool" >/dev/null; then
    echo "make-certs: $tool is needed (openssl: Debian's openssl; keytool: any JDK or JRE)" >&2
    exit 2
  fi
done
if [ -e "$out/ca.pem" ] && [ "$force" != true ]; then
  echo "make-certs: $out already holds key material; --force replaces it (see the comment at the top)" >&2
  exit 2
fi
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
# The passwords end up in JAAS files, --add-scram arguments and properties files, whose syntax a
# quote, comma, bracket, equals sign, backslash or space would break.
unsafe='[]["'"'"',=\\[:space:]]'
for variable in TLS_STORE_PASSWORD KAFKA_BROKER_PASSWORD KAFKA_ADMIN_PASSWORD KAFKA_PIPELINE_PASSWORD \
                KAFKA_REGISTRY_PASSWORD; do
  if [[ "${!variable}" =~ $unsafe ]]; then
    echo "make-certs: $variable may not contain quotes, commas, brackets, '=', backslashes or spaces" >&2
    exit 2
  fi
done
broker_password=$KAFKA_BROKER_PASSWORD
admin_password=$KAFKA_ADMIN_PASSWORD
pipeline_password=$KAFKA_PIPELINE_PASSWORD
registry_password=$KAFKA_REGISTRY_PASSWORD

mkdir -p "$out"
# Kafka's appuser and the pipeline's uid 10001 read the mounted directory.
chmod 0755 "$out"
cd "$out"
umask 077
trap 'rm -f ca-key.pem ca.srl ./*.csr ./*.ext' EXIT

# Runs a tool quietly, showing what it said only when it fails.
quietly() {
  local said
  if ! said=$("$@" 2>&1); then
    echo "make-certs: $1 failed:" >&2
    echo "$said" >&2
    return 1
  fi
}

# The CA every component trusts.
quietly openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days "$days" -subj "/CN=imaging-triage local CA" \
  -keyout ca-key.pem -out ca.pem

# sign NAME CN SANS EXTENDED_KEY_USAGE: NAME-key.pem (PKCS#8, what gRPC reads) and NAME.pem.
sign() {
  local name=$1 cn=$2 sans=$3 usage=$4
  quietly openssl req -newkey rsa:2048 -sha256 -nodes -subj "/CN=$cn" -keyout "$name-key.pem" -out "$name.csr"
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$sans" "$usage" > "$name.ext"
  quietly openssl x509 -req -sha256 -days "$days" -in "$name.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
    -extfile "$name.ext" -out "$name.pem"
  rm -f "$name.csr" "$name.ext"
}
sign kafka kafka "DNS:kafka,DNS:localhost" serverAuth
sign triton triton "DNS:triton,DNS:localhost" serverAuth
sign pipeline imaging-triage-pipeline "DNS:pipeline" clientAuth

# Kafka reads PKCS12 stores (their password: TLS_STORE_PASSWORD).
quietly openssl pkcs12 -export -name kafka -in kafka.pem -inkey kafka-key.pem -certfile ca.pem \
  -passout "pass:$store_password" -out kafka.keystore.p12
rm -f truststore.p12
quietly keytool -importcert -noprompt -alias imaging-triage-ca -file ca.pem -storetype PKCS12 \
  -keystore truststore.p12 -storepass "$store_password"

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
