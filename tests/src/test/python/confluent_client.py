#!/usr/bin/python3
"""Confluent's own Python client (Debian's python3-confluent-kafka) as an interoperability peer.

Run by ConfluentClientInteropIT with /usr/bin/python3. It produces or consumes ImageEvents with
confluent_kafka.avro (AvroProducer/AvroConsumer and their CachedSchemaRegistryClient), which
write and read the Confluent wire format against the same registry our Java serde uses.
Output is one JSON object per line on stdout.
"""
import argparse
import datetime
import json
import sys
import uuid

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer


def produce(args):
    schema = avro.load(args.schema)
    producer = AvroProducer({
        "bootstrap.servers": args.bootstrap,
        "schema.registry.url": args.registry,
        "enable.idempotence": True,
    }, default_value_schema=schema)
    for i in range(args.count):
        event = {
            "eventId": str(uuid.uuid4()),
            "sopInstanceUid": "1.2.826.0.1.3680043.10.1082.%d" % i,
            "studyInstanceUid": "1.2.826.0.1.3680043.10.1082.900",
            "seriesInstanceUid": "1.2.826.0.1.3680043.10.1082.901",
            "source": "python-confluent-kafka",
            "modality": "DX",
            "bodyPart": "CHEST" if i % 2 == 0 else None,
            "priority": "ROUTINE",
            "format": "PNG",
            "payload": {"data": bytes([i % 256]) * (i + 1)},
            "deidentification": {"asserted": True, "method": None},
            # avro-python's timestamp-millis takes an aware datetime and writes epoch millis.
            "createdAt": datetime.datetime.fromtimestamp((1_700_000_000_000 + i) / 1000, datetime.timezone.utc),
            "attributes": {"producer": "python"},
        }
        producer.produce(topic=args.topic, key=None, value=event)
        print(json.dumps({"eventId": event["eventId"], "sopInstanceUid": event["sopInstanceUid"]}))
    remaining = producer.flush(30)
    if remaining:
        sys.exit("%d events were not delivered" % remaining)


def consume(args):
    consumer = AvroConsumer({
        "bootstrap.servers": args.bootstrap,
        "schema.registry.url": args.registry,
        "group.id": "python-interop-" + str(uuid.uuid4()),
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe([args.topic])
    seen = 0
    polls = 0
    while seen < args.count and polls < 300:
        polls += 1
        msg = consumer.poll(0.2)
        if msg is None:
            continue
        if msg.error():
            sys.exit("consume error: %s" % msg.error())
        value = msg.value()
        payload = value["payload"]
        print(json.dumps({
            "eventId": str(value["eventId"]),
            "sopInstanceUid": value["sopInstanceUid"],
            "modality": value["modality"],
            "bodyPart": value["bodyPart"],
            "priority": value["priority"],
            "createdAt": value["createdAt"] if isinstance(value["createdAt"], int)
            else int(value["createdAt"].timestamp() * 1000),
            "payloadSize": len(payload["data"]) if "data" in payload else -1,
        }))
        seen += 1
    consumer.close()
    if seen < args.count:
        sys.exit("consumed %d of %d events" % (seen, args.count))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["produce", "consume"])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--schema", help="ImageEvent .avsc (produce)")
    args = parser.parse_args()
    produce(args) if args.mode == "produce" else consume(args)


if __name__ == "__main__":
    main()
