/* Broker benchmark: how fast one librdkafka consumer reads a filled partition.
 *
 *   cc -O2 -o /tmp/librdkafka_consume librdkafka_consume.c -lrdkafka      (Debian: librdkafka-dev)
 *   /tmp/librdkafka_consume BOOTSTRAP TOPIC COUNT [SIZE]
 *
 * Reads partition 0 of TOPIC from the beginning (no group, no commits) until COUNT messages, or
 * until nothing arrived for 3 s (then the line says "short"). SIZE only labels the line.
 * (No "mock" mode: librdkafka's mock cluster keeps only the last ~5 MB of a partition, too little
 * to time a read; compare with the loopback TCP bandwidth of machine_limits.sh instead.)
 *
 * The clock starts at consume_start (like librdkafka_produce.c, set-up is included: it is what a
 * client sees) and stops at the last message; the time to the first message is printed apart.
 * Prints one line:
 *   librdkafka consume from B: N x S B: R msg/s, M MB/s (first message after F ms, complete|short, E errors)
 */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 10000

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void set(rd_kafka_conf_t *conf, const char *name, const char *value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "config %s=%s: %s\n", name, value, err);
        exit(2);
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s BOOTSTRAP TOPIC COUNT [SIZE]\n", argv[0]);
        return 2;
    }
    const char *topic = argv[2];
    long count = atol(argv[3]);
    int size = argc > 4 ? atoi(argv[4]) : 100;
    const char *bootstrap = argv[1];

    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", bootstrap);
    set(conf, "fetch.wait.max.ms", "10");
    set(conf, "fetch.min.bytes", "1");
    set(conf, "fetch.message.max.bytes", "16777216"); /* per partition */
    set(conf, "fetch.max.bytes", "67108864");
    set(conf, "receive.message.max.bytes", "100000000");
    set(conf, "queued.min.messages", "1000000");
    set(conf, "queued.max.messages.kbytes", "1048576");
    set(conf, "enable.partition.eof", "true");
    set(conf, "check.crcs", "false");
    if (getenv("RDKAFKA_DEBUG")) set(conf, "debug", getenv("RDKAFKA_DEBUG"));
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!consumer) { fprintf(stderr, "%s\n", err); return 2; }
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(consumer, topic, NULL);

    /* Warm up outside the clock: connect, learn the leader and the partition's extent. */
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t werr = rd_kafka_query_watermark_offsets(consumer, topic, 0, &low, &high, 10000);
    if (werr) { fprintf(stderr, "watermarks of %s: %s\n", topic, rd_kafka_err2str(werr)); return 1; }
    double start = seconds_now();
    if (rd_kafka_consume_start(rkt, 0, RD_KAFKA_OFFSET_BEGINNING) == -1) {
        fprintf(stderr, "consume_start: %s\n", rd_kafka_err2str(rd_kafka_last_error()));
        return 1;
    }
    rd_kafka_message_t *batch[BATCH];
    long received = 0, errors = 0;
    long long bytes = 0;
    double first = 0, last = 0;
    while (received < count) {
        /* consume_batch returns when it holds the number asked for (or at the timeout): never ask
         * for more than are still due, or the last call would wait out the timeout. */
        long due = count - received < BATCH ? count - received : BATCH;
        ssize_t n = rd_kafka_consume_batch(rkt, 0, 1000, batch, (size_t)due);
        if (n < 0) { fprintf(stderr, "consume_batch: %s\n", rd_kafka_err2str(rd_kafka_last_error())); return 1; }
        /* The end of the partition is not the end of the run: stop after an idle spell instead. */
        if (n == 0 && seconds_now() - (last ? last : start) > (last ? 3 : 30)) { fprintf(stderr, "timed out\n"); break; }
        double now = seconds_now();
        for (ssize_t i = 0; i < n; i++) {
            rd_kafka_message_t *m = batch[i];
            if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) { /* caught up for now */ }
            else if (m->err) { if (++errors <= 5) fprintf(stderr, "message error: %s\n", rd_kafka_message_errstr(m)); }
            else { received++; bytes += m->len; }
            rd_kafka_message_destroy(m);
        }
        if (first == 0 && received > 0) first = now;
        if (n > 0 && received > 0) last = seconds_now();
    }
    rd_kafka_consume_stop(rkt, 0);
    double elapsed = last - start;
    double rate = received > 0 && elapsed > 0 ? received / elapsed : 0;
    double mbps = received > 0 && elapsed > 0 ? bytes / elapsed / 1e6 : 0;
    printf("librdkafka consume from %s: %ld x %d B: %.0f msg/s, %.1f MB/s (first message after %.0f ms, %s, %ld errors)\n",
           bootstrap, received, size, rate, mbps, (first - start) * 1e3,
           received >= count ? "complete" : "short", errors);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(consumer);
    return received >= count && errors == 0 ? 0 : 1;
}
