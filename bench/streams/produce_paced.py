#!/usr/bin/env python3
"""Produce latency probes at a steady rate: {"id", "sent_ns", "ts"} with sent_ns taken just before
each send (CLOCK_REALTIME, the clock the receiving side reads too).

Usage: produce_paced.py --bootstrap HOST:PORT --topic TOPIC --rate 10000 --seconds 10
"""
import argparse
import json
import time

from confluent_kafka import Producer

parser = argparse.ArgumentParser()
parser.add_argument("--bootstrap", required=True)
parser.add_argument("--topic", required=True)
parser.add_argument("--rate", type=int, default=10_000)
parser.add_argument("--seconds", type=int, default=10)
arguments = parser.parse_args()

producer = Producer({"bootstrap.servers": arguments.bootstrap, "linger.ms": 0, "acks": 1})
total = arguments.rate * arguments.seconds
start = time.monotonic()
for index in range(total):
    # Pace against the schedule, not the previous send, so a hiccup does not lower the rate.
    due = start + index / arguments.rate
    while time.monotonic() < due:
        producer.poll(0)
    now = time.time_ns()
    producer.produce(arguments.topic, json.dumps({"id": index, "sent_ns": now, "ts": now // 1_000_000}).encode())
    producer.poll(0)
producer.flush(10)
