"""The SASL_PLAINTEXT listener of `kibitz serve --sasl-port` against real clients: confluent-kafka
(PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), kafka-python and aiokafka (SCRAM), users managed by
`kibitz users` while the server runs and by AlterUserScramCredentials, and the refusals Kafka 3.9
gives: a wrong password or unknown user (SASL_AUTHENTICATION_FAILED, the same answer either way),
a request before authenticating (the connection closes). The plaintext listener stays as it was.
"""

import asyncio
import base64
import hashlib
import hmac
import os
import struct
import subprocess
import uuid

import pytest
from confluent_kafka import Consumer, KafkaError, Producer
from confluent_kafka.admin import AdminClient

from conftest import consume_all, free_port
from kafka_wire import Connection, request, string

PASSWORD = "s3cret-pencil"
SASL_AUTHENTICATION_FAILED = 58
ILLEGAL_SASL_STATE = 34
UNSUPPORTED_SASL_MECHANISM = 33
UNSUPPORTED_VERSION = 35


@pytest.fixture(scope="module")
def server(module_server_factory, kibitz_binary):
    sasl_port = free_port()
    server = module_server_factory("--sasl-port", str(sasl_port))
    server.sasl_port = sasl_port
    # Added while the server runs: it must see the user at the next authentication.
    add_user(kibitz_binary, server, "alice", PASSWORD)
    return server


def add_user(binary, server, name, password, *arguments):
    subprocess.run(
        [binary, "users", "add", name, "--password-stdin", "--data-dir", str(server.data_dir), *arguments],
        input=password + "\n", text=True, check=True, capture_output=True,
    )


def sasl_config(server, mechanism, user="alice", password=PASSWORD, **extra):
    return {
        "bootstrap.servers": f"127.0.0.1:{server.sasl_port}",
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanisms": mechanism,
        "sasl.username": user,
        "sasl.password": password,
        **extra,
    }


def produce(config, topic, values):
    errors = []
    producer = Producer({**config, "error_cb": errors.append, "message.timeout.ms": 5000})
    delivered = []
    for value in values:
        producer.produce(topic, value.encode(), on_delivery=lambda error, message: delivered.append(error))
    producer.flush(10)
    return delivered, errors


def consume(config, topic, count, group):
    consumer = Consumer({**config, "group.id": group, "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    values = []
    try:
        for _ in range(200):
            message = consumer.poll(0.1)
            if message is not None and message.error() is None:
                values.append(message.value().decode())
                if len(values) == count:
                    break
        consumer.commit(asynchronous=False)
    finally:
        consumer.close()
    return values


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_confluent_produces_and_consumes_in_a_group(server, mechanism):
    topic = f"sasl-{mechanism.lower()}-{uuid.uuid4().hex[:8]}"
    config = sasl_config(server, mechanism)
    delivered, errors = produce(config, topic, ["a", "b", "c"])
    assert delivered == [None, None, None] and errors == []
    assert consume(config, topic, 3, group=f"g-{topic}") == ["a", "b", "c"]
    # The metadata a SASL client gets sends it back to the SASL port, never the plaintext one.
    brokers = AdminClient(config).list_topics(timeout=5).brokers
    assert [broker.port for broker in brokers.values()] == [server.sasl_port]
    # The same records through the unauthenticated listener, unchanged.
    assert consume_all(server.bootstrap, topic) == ["a", "b", "c"]


def test_plaintext_listener_is_unchanged_and_advertises_its_own_port(server):
    topic = f"plain-{uuid.uuid4().hex[:8]}"
    delivered, errors = produce({"bootstrap.servers": server.bootstrap}, topic, ["x"])
    assert delivered == [None] and errors == []
    brokers = AdminClient({"bootstrap.servers": server.bootstrap}).list_topics(timeout=5).brokers
    assert [broker.port for broker in brokers.values()] == [server.kafka_port]


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
@pytest.mark.parametrize("user,password", [("alice", "wrong"), ("nobody", PASSWORD)])
def test_wrong_password_and_unknown_user_are_refused_and_nothing_is_produced(server, mechanism, user, password):
    topic = f"refused-{uuid.uuid4().hex[:8]}"
    delivered, errors = produce(sasl_config(server, mechanism, user, password), topic, ["never"])
    assert delivered and all(error is not None for error in delivered)
    authentication_errors = [error for error in errors if error.code() == KafkaError._AUTHENTICATION]
    assert authentication_errors, errors
    assert "Authentication failed" in authentication_errors[0].str()
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    assert topic not in admin.list_topics(timeout=5).topics


def sasl_handshake(connection, mechanism, correlation_id=1):
    connection.send(request(17, 1, correlation_id, string(mechanism)))
    response = connection.receive_frame()
    (error_code,) = struct.unpack(">h", response[4:6])
    return error_code


def sasl_authenticate(connection, token, correlation_id):
    connection.send(request(36, 1, correlation_id, struct.pack(">i", len(token)) + token))
    response = connection.receive_frame()[4:]
    (error_code, message_length) = struct.unpack(">hh", response[:4])
    message = response[4:4 + message_length].decode() if message_length >= 0 else None
    rest = response[4 + max(message_length, 0):]
    (token_length,) = struct.unpack(">i", rest[:4])
    return error_code, message, rest[4:4 + token_length]


def scram_first_steps(server, user):
    """Client-first to a raw connection; the server-first answer and the connection."""
    connection = Connection(server.sasl_port)
    assert sasl_handshake(connection, "SCRAM-SHA-256") == 0
    nonce = base64.b64encode(os.urandom(18)).decode()
    error, _, server_first = sasl_authenticate(connection, f"n,,n={user},r={nonce}".encode(), 2)
    assert error == 0
    return connection, nonce, server_first.decode()


def scram_final(connection, user, password, nonce, server_first):
    attributes = dict(part.split("=", 1) for part in server_first.split(","))
    assert attributes["r"].startswith(nonce) and int(attributes["i"]) >= 4096
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(attributes["s"]), int(attributes["i"]))
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    without_proof = f"c=biws,r={attributes['r']}"
    auth_message = f"n={user},r={nonce},{server_first},{without_proof}".encode()
    signature = hmac.digest(hashlib.sha256(client_key).digest(), auth_message, "sha256")
    proof = base64.b64encode(bytes(a ^ b for a, b in zip(client_key, signature))).decode()
    answer = sasl_authenticate(connection, f"{without_proof},p={proof}".encode(), 3)
    server_key = hmac.digest(salted, b"Server Key", "sha256")
    expected_final = "v=" + base64.b64encode(hmac.digest(server_key, auth_message, "sha256")).decode()
    return answer, expected_final


def test_raw_scram_exchange_returns_the_server_signature(server):
    connection, nonce, server_first = scram_first_steps(server, "alice")
    (error, _, server_final), expected = scram_final(connection, "alice", PASSWORD, nonce, server_first)
    assert error == 0 and server_final.decode() == expected
    connection.close()


def test_unknown_user_and_wrong_password_get_the_same_answers_and_the_connection_closes(server):
    answers = []
    for user, password in [("alice", "wrong"), ("ghost", PASSWORD)]:
        connection, nonce, server_first = scram_first_steps(server, user)
        # A made-up salt for an unknown user is stable, like a real one: asking twice tells nothing.
        again, _, again_first = scram_first_steps(server, user)
        assert again_first.split(",")[1:] == server_first.split(",")[1:]
        again.close()
        (error, message, token), _ = scram_final(connection, user, password, nonce, server_first)
        answers.append((error, message, token))
        assert connection.is_closed_by_peer()
    assert answers[0] == answers[1]
    assert answers[0][0] == SASL_AUTHENTICATION_FAILED
    assert answers[0][1] == (
        "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"
    )


def test_request_before_authentication_closes_the_connection(server):
    connection = Connection(server.sasl_port)
    connection.send(request(18, 0, 1, b""))  # ApiVersions is allowed first.
    assert len(connection.receive_frame()) > 10
    connection.send(request(3, 0, 2, struct.pack(">i", 0)))  # Metadata v0, all topics
    assert connection.is_closed_by_peer()
    # The same request after a handshake but before SaslAuthenticate is refused alike.
    connection = Connection(server.sasl_port)
    assert sasl_handshake(connection, "PLAIN") == 0
    connection.send(request(3, 0, 2, struct.pack(">i", 0)))
    assert connection.is_closed_by_peer()
    # An unknown mechanism is answered with the offered ones, then the connection closes.
    connection = Connection(server.sasl_port)
    assert sasl_handshake(connection, "GSSAPI") == UNSUPPORTED_SASL_MECHANISM
    assert connection.is_closed_by_peer()
    # A version 0 handshake (raw tokens would follow) is refused, then the connection closes.
    connection = Connection(server.sasl_port)
    connection.send(request(17, 0, 1, string("PLAIN")))
    assert struct.unpack(">h", connection.receive_frame()[4:6])[0] == UNSUPPORTED_VERSION
    assert connection.is_closed_by_peer()
    # The server still serves.
    assert AdminClient(sasl_config(server, "PLAIN")).list_topics(timeout=5).brokers


def test_sasl_requests_on_the_plaintext_listener_are_illegal_state(server):
    connection = Connection(server.kafka_port)
    assert sasl_handshake(connection, "PLAIN") == ILLEGAL_SASL_STATE
    connection.close()


def test_users_added_and_removed_by_the_command_line_while_the_server_runs(server, kibitz_binary):
    add_user(kibitz_binary, server, "carol", "carol-pw", "--mechanism", "SCRAM-SHA-512")
    config = sasl_config(server, "SCRAM-SHA-512", "carol", "carol-pw")
    assert AdminClient(config).list_topics(timeout=5).brokers
    # Only SCRAM-SHA-512 was stored: PLAIN (checked against SCRAM-SHA-256) and SCRAM-SHA-256 refuse.
    delivered, errors = produce(sasl_config(server, "SCRAM-SHA-256", "carol", "carol-pw"), "carol-topic", ["x"])
    assert any(error.code() == KafkaError._AUTHENTICATION for error in errors)
    listed = subprocess.run(
        [kibitz_binary, "users", "list", "--data-dir", str(server.data_dir)], capture_output=True, text=True, check=True
    ).stdout
    assert "carol\tSCRAM-SHA-512 (4096 iterations)" in listed
    assert "carol-pw" not in (server.data_dir / "users").joinpath(os.listdir(server.data_dir / "users")[0]).read_text()
    subprocess.run([kibitz_binary, "users", "remove", "carol", "--data-dir", str(server.data_dir)], check=True)
    delivered, errors = produce(config, "carol-topic", ["x"])
    assert any(error.code() == KafkaError._AUTHENTICATION for error in errors)


def kafka_python_config(server, mechanism, user="alice", password=PASSWORD):
    return dict(
        bootstrap_servers=f"127.0.0.1:{server.sasl_port}",
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism=mechanism,
        sasl_plain_username=user,
        sasl_plain_password=password,
    )


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_kafka_python_produces_and_consumes_with_scram(server, mechanism):
    from kafka import KafkaConsumer, KafkaProducer

    topic = f"kp-{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(**kafka_python_config(server, mechanism))
    producer.send(topic, b"one").get(timeout=10)
    producer.close()
    consumer = KafkaConsumer(
        topic, group_id=f"g-{topic}", auto_offset_reset="earliest", consumer_timeout_ms=5000,
        **kafka_python_config(server, mechanism),
    )
    assert [message.value for message in consumer][:1] == [b"one"]
    consumer.close()


def test_alter_user_scram_credentials_through_kafka_python_admin(server):
    from kafka.admin import KafkaAdminClient, UserScramCredentialDeletion, UserScramCredentialUpsertion

    admin = KafkaAdminClient(**kafka_python_config(server, "SCRAM-SHA-256"))
    try:
        results = admin.alter_user_scram_credentials([
            UserScramCredentialUpsertion("dave", "SCRAM-SHA-256", "dave-pw", iterations=8192),
            UserScramCredentialUpsertion("erin", "SCRAM-SHA-512", "erin-pw", iterations=100),
        ])
        assert results["dave"] is None
        assert "less than the minimum 4096" in results["erin"]
        described = admin.describe_user_scram_credentials(["dave", "erin"])
        assert [info["iterations"] for info in described["dave"]["credential_infos"]] == [8192]
        assert described["erin"]["error"]
        assert AdminClient(sasl_config(server, "SCRAM-SHA-256", "dave", "dave-pw")).list_topics(timeout=5).brokers
        assert AdminClient(sasl_config(server, "PLAIN", "dave", "dave-pw")).list_topics(timeout=5).brokers
        results = admin.alter_user_scram_credentials([UserScramCredentialDeletion("dave", "SCRAM-SHA-256")])
        assert results["dave"] is None
        results = admin.alter_user_scram_credentials([UserScramCredentialDeletion("dave", "SCRAM-SHA-256")])
        assert "does not exist" in results["dave"]
    finally:
        admin.close()
    delivered, errors = produce(sasl_config(server, "SCRAM-SHA-256", "dave", "dave-pw"), "dave-topic", ["x"])
    assert any(error.code() == KafkaError._AUTHENTICATION for error in errors)


def test_aiokafka_produces_and_consumes_with_scram(server):
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    topic = f"aio-{uuid.uuid4().hex[:8]}"
    config = dict(
        bootstrap_servers=f"127.0.0.1:{server.sasl_port}",
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username="alice",
        sasl_plain_password=PASSWORD,
    )

    async def round_trip():
        producer = AIOKafkaProducer(**config)
        await producer.start()
        try:
            await producer.send_and_wait(topic, b"async")
        finally:
            await producer.stop()
        consumer = AIOKafkaConsumer(topic, group_id=f"g-{topic}", auto_offset_reset="earliest", **config)
        await consumer.start()
        try:
            message = await asyncio.wait_for(consumer.getone(), 15)
            return message.value
        finally:
            await consumer.stop()

    assert asyncio.run(round_trip()) == b"async"


def test_kcat_on_debians_librdkafka_logs_in_with_scram(server):
    # librdkafka 2.0.2 repeats the client nonce in its final message; Kafka accepts that, and so must we.
    result = subprocess.run(
        ["kcat", "-b", f"127.0.0.1:{server.sasl_port}", "-X", "security.protocol=SASL_PLAINTEXT",
         "-X", "sasl.mechanisms=SCRAM-SHA-256", "-X", "sasl.username=alice", "-X", f"sasl.password={PASSWORD}", "-L"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert f"127.0.0.1:{server.sasl_port}" in result.stdout
