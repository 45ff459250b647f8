/* Transactional produce: one librdkafka producer writing transactions of TXN_SIZE records
 * (begin, produce, commit), acks=all as transactions require.
 *
 *   cc -O2 -o /tmp/transactions librdkafka_transactions.c -lrdkafka
 *   /tmp/transactions BOOTSTRAP|mock [COUNT] [SIZE] [TXN_SIZE] [TOPIC]
 *
 * "mock" runs librdkafka's in-process mock cluster (which implements transactions) as the peer.
 */
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static long failed = 0;

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
    (void)rk; (void)opaque;
    if (m->err) failed++;
}

static int check(rd_kafka_error_t *error, const char *step) {
    if (!error) return 0;
    fprintf(stderr, "%s: %s\n", step, rd_kafka_error_string(error));
    rd_kafka_error_destroy(error);
    return 1;
}

int main(int argc, char **argv) {
    const char *bootstrap = argc > 1 && strcmp(argv[1], "mock") ? argv[1] : NULL;
    long count = argc > 2 ? atol(argv[2]) : 1000000;
    int size = argc > 3 ? atoi(argv[3]) : 100;
    long transaction_size = argc > 4 ? atol(argv[4]) : 1000;
    const char *topic = argc > 5 ? argv[5] : "bench-transactions";
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (bootstrap) rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, err, sizeof err);
    else rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", err, sizeof err);
    rd_kafka_conf_set(conf, "transactional.id", "bench-transactions", err, sizeof err);
    rd_kafka_conf_set(conf, "linger.ms", "5", err, sizeof err);
    rd_kafka_conf_set(conf, "batch.size", "1000000", err, sizeof err);
    rd_kafka_conf_set(conf, "queue.buffering.max.messages", "1000000", err, sizeof err);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!producer) { fprintf(stderr, "%s\n", err); return 2; }
    if (check(rd_kafka_init_transactions(producer, 30000), "init_transactions")) return 2;
    char *payload = malloc(size);
    memset(payload, 'x', size);
    double start = seconds_now();
    long transactions = 0;
    for (long i = 0; i < count; i += transaction_size) {
        if (check(rd_kafka_begin_transaction(producer), "begin_transaction")) return 2;
        for (long j = i; j < i + transaction_size && j < count; j++) {
            while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_VALUE(payload, size),
                                     RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
                rd_kafka_poll(producer, 1);
        }
        if (check(rd_kafka_commit_transaction(producer, 30000), "commit_transaction")) return 2;
        transactions++;
    }
    double elapsed = seconds_now() - start;
    printf("librdkafka transactions to %s: %ld x %d B in %ld transactions of %ld: %.0f msg/s, %.1f MB/s, %.0f transactions/s (%ld failed)\n",
           bootstrap ? bootstrap : "in-process mock", count, size, transactions, transaction_size, count / elapsed,
           count * (double)size / elapsed / 1e6, transactions / elapsed, failed);
    rd_kafka_destroy(producer);
    return failed ? 1 : 0;
}
