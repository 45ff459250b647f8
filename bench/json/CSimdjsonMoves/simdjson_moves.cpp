#include "simdjson_moves.h"

#include <simdjson.h>

#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace {

/// One per thread: simdjson's parser is not thread-safe, and a pipeline decodes on several threads.
struct ThreadParser {
    simdjson::ondemand::parser parser;
    /// Where a document without enough readable bytes after it is copied; only grows.
    std::unique_ptr<char[]> padded;
    size_t paddedCapacity = 0;

    const char *copy(const char *text, size_t length) {
        if (paddedCapacity < length + simdjson::SIMDJSON_PADDING) {
            paddedCapacity = 2 * (length + simdjson::SIMDJSON_PADDING);
            // Zeroed once, so that the bytes past a document are never uninitialized.
            padded.reset(new char[paddedCapacity]());
        }
        std::memcpy(padded.get(), text, length);
        return padded.get();
    }
};

thread_local ThreadParser threadParser;

int readString(simdjson::ondemand::object &object, std::string_view key, const char **text, size_t *length) {
    std::string_view value;
    auto error = object[key].get_string().get(value);
    if (error) { return error; }
    *text = value.data();
    *length = value.size();
    return 0;
}

}  // namespace

int kibitz_simdjson_decode_move(const uint8_t *bytes, size_t length, size_t readable, kibitz_move_fields *fields) {
    ThreadParser &state = threadParser;
    const char *text = reinterpret_cast<const char *>(bytes);
    size_t capacity = readable;
    if (readable < length + simdjson::SIMDJSON_PADDING) {
        text = state.copy(text, length);
        capacity = state.paddedCapacity;
    }
    simdjson::ondemand::document document;
    auto error = state.parser.iterate(simdjson::padded_string_view(text, length, capacity)).get(document);
    if (error) { return error; }
    simdjson::ondemand::object object;
    if ((error = document.get_object().get(object))) { return error; }
    // operator[] finds fields in any order, as FastJSON's JSONObject does.
    int failed = readString(object, "game_id", &fields->game_id, &fields->game_id_length);
    if (!failed) { failed = readString(object, "color", &fields->color, &fields->color_length); }
    if (!failed) { failed = readString(object, "uci", &fields->uci, &fields->uci_length); }
    if (!failed) { failed = object["ts"].get_int64().get(fields->ts); }
    return failed;
}

const char *kibitz_simdjson_error_message(int error) {
    return simdjson::error_message(static_cast<simdjson::error_code>(error));
}

const char *kibitz_simdjson_implementation(void) {
    static const std::string name = simdjson::get_active_implementation()->name();
    return name.c_str();
}

size_t kibitz_simdjson_padding(void) { return simdjson::SIMDJSON_PADDING; }
