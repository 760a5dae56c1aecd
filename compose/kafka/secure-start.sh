#!/usr/bin/env bash
# Starts the apache/kafka image with SCRAM users in its metadata (docker-compose.secure.yml).
# SCRAM credentials cannot be added over a SASL_SSL-only broker before some user exists, and the
# image's own start formats storage without users. So this formats the storage first, with one
# --add-scram per line of /etc/kafka/secrets/scram-users (name=password), then hands over to the
# image's own start (/etc/kafka/docker/run), whose format step finds the storage formatted and
# goes on. On later starts the storage, and so the users, are kept (--ignore-formatted): change
# users with kafka-configs.sh --alter --entity-type users --command-config admin-client.properties.
set -euo pipefail

# The image's paths; a test points them at a Kafka of its own (tests: SecureKafkaStartIT).
storage_tool=${SECURE_START_STORAGE_TOOL:-/opt/kafka/bin/kafka-storage.sh}
secrets=${SECURE_START_SECRETS_DIR:-/etc/kafka/secrets}
image_start=${SECURE_START_IMAGE_RUN:-/etc/kafka/docker/run}

for variable in CLUSTER_ID KAFKA_NODE_ID KAFKA_PROCESS_ROLES KAFKA_CONTROLLER_QUORUM_VOTERS \
                KAFKA_CONTROLLER_LISTENER_NAMES KAFKA_LISTENERS KAFKA_INTER_BROKER_LISTENER_NAME KAFKA_LOG_DIRS; do
  if [ -z "${!variable:-}" ]; then
    echo "secure-start: $variable is not set" >&2
    exit 2
  fi
done

# What formatting reads: roles, quorum, listeners and the log directory, from the same variables
# the image turns into server.properties. Every listener is PLAINTEXT here: formatting opens no
# socket, and so needs no key store or JAAS file.
protocols=()
IFS=',' read -r -a listeners <<< "$KAFKA_LISTENERS"
for listener in "${listeners[@]}"; do
  protocols+=("${listener%%://*}:PLAINTEXT")
done
format_config=$(mktemp)
trap 'rm -f "$format_config"' EXIT
cat > "$format_config" <<PROPS
process.roles=$KAFKA_PROCESS_ROLES
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=$KAFKA_CONTROLLER_LISTENER_NAMES
listeners=$KAFKA_LISTENERS
listener.security.protocol.map=$(IFS=','; echo "${protocols[*]}")
inter.broker.listener.name=$KAFKA_INTER_BROKER_LISTENER_NAME
log.dirs=$KAFKA_LOG_DIRS
PROPS

scram=()
while IFS='=' read -r name password; do
  [ -n "$name" ] && scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$password]")
done < "$secrets/scram-users"
if [ ${#scram[@]} -eq 0 ]; then
  echo "secure-start: $secrets/scram-users names no user" >&2
  exit 2
fi

"$storage_tool" format --ignore-formatted --cluster-id "$CLUSTER_ID" \
  --config "$format_config" "${scram[@]}"
rm -f "$format_config"
exec "$image_start"
