#!/usr/bin/env bash
# Starts the apache/kafka image with SCRAM users in its metadata (docker-compose.secure.yml).
# The image's own start formats storage without users, and SCRAM credentials cannot be added
# over a SASL_SSL-only broker before some user exists. So: the image's configure step (it writes
# /opt/kafka/config/server.properties from the KAFKA_* variables), then the format with one
# --add-scram per line of /etc/kafka/secrets/scram-users (name=password), then the broker.
# --ignore-formatted: on later starts the storage is kept, and so are the users; change them
# with kafka-configs.sh --alter --entity-type users (admin-client.properties).
set -euo pipefail

. /etc/kafka/docker/bash-config
/etc/kafka/docker/configure

scram=()
while IFS='=' read -r name password; do
  [ -n "$name" ] && scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$password]")
done < /etc/kafka/secrets/scram-users

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" \
  --config /opt/kafka/config/server.properties "${scram[@]}"
exec /opt/kafka/bin/kafka-server-start.sh /opt/kafka/config/server.properties
