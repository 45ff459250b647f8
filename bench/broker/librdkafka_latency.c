/* Broker benchmark: produce-to-consume latency at a fixed rate, one librdkafka producer and one
 * librdkafka consumer (on its own thread) in the same process, so both read the same clock.
 *
 *   cc -O2 -o /tmp/librdkafka_latency librdkafka_latency.c -lrdkafka -lpthread   (Debian: librdkafka-dev)
 *   /tmp/librdkafka_latency BOOTSTRAP TOPIC [RATE=20000] [SECONDS=10] [SIZE=100] [LINGER_MS=0]
 *
 * The producer (acks=1) is paced on an absolute schedule of RATE messages per second and writes its
 * CLOCK_MONOTONIC send time (ns) and a sequence number into each SIZE-byte payload. The consumer
 * reads partition 0 from the end (no group) and records receive time - send time. Before the
 * measured run the producer sends pings until the consumer sees one, so the consumer is caught up
 * and fetching when the clock starts. FETCH_WAIT_MAX_MS (default 100) sets the consumer's
 * fetch.wait.max.ms: a broker that answers a waiting Fetch as soon as an append arrives is not
 * slowed by it. (No "mock" mode: librdkafka's mock cluster answers a waiting Fetch only at its
 * timeout, so its latency measures that timeout, not a floor.)
 * Prints one line:
 *   librdkafka latency via B: N x S B at R msg/s (achieved A/s), acks=1, linger.ms=L:
 *   p50 X ms, p99 X ms, p99.9 X ms, max X ms (received, lost, failed)
 */
#include <librdkafka/rdkafka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAGIC 0x4b6962747a4c6174ULL /* "KibtzLat" */
#define PING UINT64_MAX

struct stamp { uint64_t magic, seq, sent_ns; };

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void set(rd_kafka_conf_t *conf, const char *name, const char *value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "config %s=%s: %s\n", name, value, err);
        exit(2);
    }
}

static atomic_long failed;
static atomic_int consumer_ready, stop_consumer;
static atomic_long received, duplicates;
static int64_t *latency_ns; /* by sequence number, -1 until received */
static long total;
static const char *topic;
static char consumer_bootstrap[1024];

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
    (void)rk; (void)opaque;
    if (m->err) atomic_fetch_add(&failed, 1);
}

static void *consume(void *unused) {
    (void)unused;
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", consumer_bootstrap);
    set(conf, "fetch.wait.max.ms", getenv("FETCH_WAIT_MAX_MS") ? getenv("FETCH_WAIT_MAX_MS") : "100");
    set(conf, "fetch.min.bytes", "1");
    set(conf, "enable.partition.eof", "false");
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!consumer) { fprintf(stderr, "%s\n", err); exit(2); }
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(consumer, topic, NULL);
    if (rd_kafka_consume_start(rkt, 0, RD_KAFKA_OFFSET_END) == -1) {
        fprintf(stderr, "consume_start: %s\n", rd_kafka_err2str(rd_kafka_last_error()));
        exit(1);
    }
    /* One message per call: consume_batch would hold messages back until its batch is full. */
    while (!atomic_load(&stop_consumer)) {
        rd_kafka_message_t *m = rd_kafka_consume(rkt, 0, 50);
        if (!m) continue;
        int64_t now = now_ns();
        struct stamp s;
        if (!m->err && m->len >= sizeof s) {
            memcpy(&s, m->payload, sizeof s);
            if (s.magic == MAGIC && s.seq == PING) atomic_store(&consumer_ready, 1);
            else if (s.magic == MAGIC && (long)s.seq < total) {
                if (latency_ns[s.seq] >= 0) atomic_fetch_add(&duplicates, 1);
                else { latency_ns[s.seq] = now - (int64_t)s.sent_ns; atomic_fetch_add(&received, 1); }
            }
        } else if (m->err && m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            fprintf(stderr, "consumer: %s\n", rd_kafka_message_errstr(m));
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consume_stop(rkt, 0);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(consumer);
    return NULL;
}

static int compare(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static double percentile_ms(const int64_t *sorted, long n, double p) {
    if (n == 0) return 0;
    long i = (long)(p / 100.0 * n);
    if (i >= n) i = n - 1;
    return sorted[i] / 1e6;
}

static void send_one(rd_kafka_t *producer, char *payload, int size, uint64_t seq) {
    struct stamp s = { MAGIC, seq, (uint64_t)now_ns() };
    memcpy(payload, &s, sizeof s);
    while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0),
                             RD_KAFKA_V_VALUE(payload, size), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
        rd_kafka_poll(producer, 1);
    rd_kafka_poll(producer, 0);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s BOOTSTRAP TOPIC [RATE] [SECONDS] [SIZE] [LINGER_MS]\n", argv[0]);
        return 2;
    }
    topic = argv[2];
    long rate = argc > 3 ? atol(argv[3]) : 20000;
    double seconds = argc > 4 ? atof(argv[4]) : 10;
    int size = argc > 5 ? atoi(argv[5]) : 100;
    const char *linger = argc > 6 ? argv[6] : "0";
    if (size < (int)sizeof(struct stamp)) size = sizeof(struct stamp);
    total = (long)(rate * seconds);
    latency_ns = malloc(sizeof *latency_ns * (total > 0 ? total : 1));
    for (long i = 0; i < total; i++) latency_ns[i] = -1;

    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", argv[1]);
    set(conf, "acks", "1");
    set(conf, "linger.ms", linger);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!producer) { fprintf(stderr, "%s\n", err); return 2; }
    snprintf(consumer_bootstrap, sizeof consumer_bootstrap, "%s", argv[1]);

    char *payload = calloc(1, size);
    memset(payload, 'x', size);
    /* The first ping creates the topic (auto-creation), so the consumer finds its end. */
    send_one(producer, payload, size, PING);
    if (rd_kafka_flush(producer, 15000) != RD_KAFKA_RESP_ERR_NO_ERROR || atomic_load(&failed)) {
        fprintf(stderr, "could not produce the first ping to %s\n", topic);
        return 1;
    }
    pthread_t thread;
    pthread_create(&thread, NULL, consume, NULL);
    int64_t deadline = now_ns() + 30000000000LL;
    while (!atomic_load(&consumer_ready)) {
        if (now_ns() > deadline) { fprintf(stderr, "consumer never saw a ping\n"); return 1; }
        send_one(producer, payload, size, PING);
        struct timespec pause = { 0, 20000000 };
        nanosleep(&pause, NULL);
    }

    int64_t period = 1000000000LL / (rate > 0 ? rate : 1);
    int64_t start = now_ns();
    for (long i = 0; i < total; i++) {
        int64_t due = start + i * period;
        struct timespec t = { due / 1000000000LL, due % 1000000000LL };
        while (now_ns() < due) clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
        send_one(producer, payload, size, (uint64_t)i);
    }
    double sending = (now_ns() - start) / 1e9;
    rd_kafka_flush(producer, 15000);
    int64_t drain = now_ns() + 5000000000LL;
    while (atomic_load(&received) < total && now_ns() < drain) {
        struct timespec pause = { 0, 10000000 };
        nanosleep(&pause, NULL);
    }
    atomic_store(&stop_consumer, 1);
    pthread_join(thread, NULL);

    long n = 0;
    for (long i = 0; i < total; i++) if (latency_ns[i] >= 0) latency_ns[n++] = latency_ns[i];
    qsort(latency_ns, n, sizeof *latency_ns, compare);
    printf("librdkafka latency via %s: %ld x %d B at %ld msg/s (achieved %.0f/s), acks=1, linger.ms=%s: "
           "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%ld received, %ld lost, %ld failed, %ld duplicates)\n",
           argv[1], total, size, rate, total / sending, linger,
           percentile_ms(latency_ns, n, 50), percentile_ms(latency_ns, n, 99), percentile_ms(latency_ns, n, 99.9),
           n ? latency_ns[n - 1] / 1e6 : 0.0, n, total - n, atomic_load(&failed), atomic_load(&duplicates));
    rd_kafka_destroy(producer);
    return n == total && atomic_load(&failed) == 0 ? 0 : 1;
}
