"""Kafka requests built and answers decoded by kafka-python 3's codec, which it generates from
Kafka's own JSON message schemas: an independent implementation to check the broker's against."""

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
DEFAULTS = {0: {"acks": 1, "timeout_ms": 1000}}


def build(data_class, value):
    """Nested dicts and lists of dicts turned into kafka-python's data objects of `data_class`."""
    if isinstance(value, list):
        return [build(data_class, item) for item in value]
    if not isinstance(value, dict):
        return value
    fields = data_class.fields
    converted = {}
    for key, item in value.items():
        field = fields.get(key)
        nested = getattr(field, "data_class", None) if field is not None else None
        converted[key] = build(nested, item) if nested is not None and isinstance(item, (dict, list)) else item
    return data_class(**converted)


class SchemaConnection:
    """One connection sending requests by API key and version, checking each answer decodes to
    its last byte at that version."""

    def __init__(self, port: int):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.correlation_id = 0

    def call(self, api_key: int, version: int, **fields):
        self.correlation_id += 1
        request_class = CLASSES[(api_key, "request")]
        values = {**DEFAULTS.get(api_key, {}), **fields}
        nested = {
            name: build(request_class.fields[name].data_class, value)
            for name, value in values.items()
            if isinstance(value, (dict, list)) and getattr(request_class.fields.get(name), "data_class", None)
        }
        request = request_class[version](**{**values, **nested})
        request.with_header(correlation_id=self.correlation_id, client_id="schema-client")
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
