// A C face on simdjson's On-Demand API for the benchmark: decodes one `moves` event
// ({"game_id", "color", "uci", "ts"}) so that Swift can build the same struct as FastJSON does.
#ifndef KIBITZ_SIMDJSON_MOVES_H
#define KIBITZ_SIMDJSON_MOVES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The fields of one event. The strings point into the calling thread's parser (escapes
/// resolved) and stay valid until the thread's next call.
typedef struct kibitz_move_fields {
    const char *game_id;
    size_t game_id_length;
    const char *color;
    size_t color_length;
    const char *uci;
    size_t uci_length;
    int64_t ts;
} kibitz_move_fields;

/// Decodes the document of `length` bytes at `bytes` into `fields`. simdjson reads up to
/// SIMDJSON_PADDING bytes past the document: when fewer than that are readable after it
/// (`readable` counts from `bytes`), the document is copied into a padded buffer first.
/// Each thread has its own parser, so a pipeline's decoding threads may call this at once.
/// Returns 0, or simdjson's error code.
int kibitz_simdjson_decode_move(const uint8_t *bytes, size_t length, size_t readable, kibitz_move_fields *fields);

/// The message of an error code of `kibitz_simdjson_decode_move`.
const char *kibitz_simdjson_error_message(int error);

/// The kernel simdjson picked for this CPU (for example "haswell" or "icelake").
const char *kibitz_simdjson_implementation(void);

/// The number of bytes simdjson may read past a document.
size_t kibitz_simdjson_padding(void);

#ifdef __cplusplus
}
#endif

#endif
