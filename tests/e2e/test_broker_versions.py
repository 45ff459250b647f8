"""Every API version the broker advertises, spoken by an independent codec.

kafka-python 3 carries its own encoder and decoder built from Kafka's JSON message schemas. For
each API and version that ApiVersions lists, a request with the schema's defaults goes out on one
connection; the answer must come back for the same correlation id and decode completely at that
version with kafka-python's decoder, and the connection must stay usable. A field misplaced by a
version condition or a tagged-field section out of place makes the decode fail or leave bytes.
"""

import importlib
import pkgutil
import socket
import struct

import kafka.protocol
from kafka.protocol.api_message import ApiMessage


def message_classes() -> dict[tuple[int, str], type]:
    classes = {}
    for module_info in pkgutil.walk_packages(kafka.protocol.__path__, "kafka.protocol."):
        try:
            module = importlib.import_module(module_info.name)
        except Exception:
            continue
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, type) and issubclass(value, ApiMessage) and getattr(value, "_json", None):
                classes[(value._json["apiKey"], value._json["type"])] = value
    return classes


CLASSES = message_classes()
# Fields a request needs so that the broker answers at once (acks=0 gets no answer at all).
OVERRIDES = {0: {"acks": 1, "timeout_ms": 1000}}


class Connection:
    def __init__(self, port: int):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.correlation_id = 0

    def call(self, api_key: int, version: int):
        self.correlation_id += 1
        request = CLASSES[(api_key, "request")][version](**OVERRIDES.get(api_key, {}))
        request.with_header(correlation_id=self.correlation_id, client_id="versions-test")
        self.socket.sendall(request.encode(version=version, header=True, framed=True))
        size = struct.unpack(">i", self.read(4))[0]
        body = self.read(size)
        response_class = CLASSES[(api_key, "response")]
        assert struct.unpack(">i", body[:4])[0] == self.correlation_id
        # Response header version 1 (flexible, except ApiVersions) adds an empty tag section.
        tagged_header = response_class.flexible_version_q(version) and api_key != 18
        if tagged_header:
            assert body[4] == 0
        payload = body[5:] if tagged_header else body[4:]
        flexible = response_class.flexible_version_q(version)
        decode = response_class._struct.compiled_decode_from(
            version, compact=flexible, tagged=flexible, data_class=response_class[None]
        )
        response, end = decode(memoryview(payload), 0)
        assert end == len(payload), f"api {api_key} v{version}: {len(payload) - end} bytes left undecoded"
        return response

    def read(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self.socket.recv(count - len(data))
            assert chunk, "connection closed"
            data += chunk
        return data


def test_every_advertised_version_is_answered_in_a_form_kafka_python_decodes(kibitz_server):
    connection = Connection(kibitz_server.kafka_port)
    advertised = connection.call(18, 3)
    assert advertised.error_code == 0
    checked = []
    for api in advertised.api_keys:
        assert (api.api_key, "request") in CLASSES, f"kafka-python knows no API {api.api_key}"
        for version in range(api.min_version, api.max_version + 1):
            connection.call(api.api_key, version)
            checked.append((api.api_key, version))
    # Every API a Kafka 3.x client needs for producing, consuming and groups, from a floor of 0-4.
    assert len(checked) >= 124
    assert {key for key, _ in checked} >= {0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22}
