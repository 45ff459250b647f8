"""Every API version the broker advertises, spoken by an independent codec.

kafka-python 3 carries its own encoder and decoder built from Kafka's JSON message schemas. For
each API and version that ApiVersions lists, a request with the schema's defaults goes out on one
connection; the answer must come back for the same correlation id and decode completely at that
version with kafka-python's decoder, and the connection must stay usable. A field misplaced by a
version condition or a tagged-field section out of place makes the decode fail or leave bytes.
"""

from schema_client import CLASSES, SchemaConnection


def test_every_advertised_version_is_answered_in_a_form_kafka_python_decodes(kibitz_server):
    connection = SchemaConnection(kibitz_server.kafka_port)
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
