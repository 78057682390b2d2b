/*
 * The C baseline of NativeProduceBenchmarks: a librdkafka producer written against rdkafka.h's public API (and
 * rdkafka_mock.h for its own mock cluster), doing what the .NET candidates do, and measuring its own process CPU time.
 *
 *   native_producer <records file> <config file> <messages per round> <topic>
 *
 * Records file: little-endian int32 key length (-1: null key), key bytes, int32 value length, value bytes, repeated (the
 * pre-serialized RideStarted keys and values the .NET candidates produce). Config file: key=value lines, the same
 * producer configuration (KafkaProducerConnection.BuildConfig without Confluent.Kafka's dotnet.* keys and without
 * bootstrap.servers). The program starts its own mock cluster (3 brokers, the topic with 6 partitions, replication 3) in
 * this process, as the .NET process hosts its mock brokers, so both CPU figures include the brokers' work.
 *
 * Protocol on stdin/stdout, one line each: "r" produces one round (messages per round, records in order, cycling;
 * queue full: sleep 1 ms and retry, as the .NET candidates do), flushes, and answers "<process CPU ns of the round>
 * <failed deliveries so far>"; "q" (or end of input) destroys everything and exits 0.
 */
#define _POSIX_C_SOURCE 200809L
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct record {
        int32_t key_len; /* -1: null */
        const char *key;
        int32_t value_len;
        const char *value;
};

static volatile long failures;
static volatile int stop_polling;

static void die(const char *what, const char *detail) {
        fprintf(stderr, "native_producer: %s: %s\n", what, detail);
        exit(2);
}

static void dr_msg_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
        (void)rk;
        (void)opaque;
        if (m->err)
                __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
}

static void *poll_loop(void *arg) {
        rd_kafka_t *rk = arg;
        while (!__atomic_load_n(&stop_polling, __ATOMIC_RELAXED))
                rd_kafka_poll(rk, 100);
        return NULL;
}

static long long cpu_ns(void) {
        struct timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct record *read_records(const char *path, size_t *count) {
        FILE *f = fopen(path, "rb");
        if (!f)
                die("cannot open records file", path);
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *data = malloc((size_t)size);
        if (fread(data, 1, (size_t)size, f) != (size_t)size)
                die("cannot read records file", path);
        fclose(f);
        size_t capacity = 1024, n = 0;
        struct record *records = malloc(capacity * sizeof(*records));
        for (long at = 0; at < size;) {
                if (n == capacity)
                        records = realloc(records, (capacity *= 2) * sizeof(*records));
                struct record *r = &records[n++];
                memcpy(&r->key_len, data + at, 4);
                at += 4;
                r->key = r->key_len < 0 ? NULL : data + at;
                at += r->key_len < 0 ? 0 : r->key_len;
                memcpy(&r->value_len, data + at, 4);
                at += 4;
                r->value = data + at;
                at += r->value_len;
        }
        *count = n;
        return records;
}

int main(int argc, char **argv) {
        char errstr[512], line[4096];
        if (argc != 5)
                die("usage", "native_producer <records file> <config file> <messages per round> <topic>");
        const char *topic = argv[4];
        size_t record_count;
        struct record *records = read_records(argv[1], &record_count);
        long per_round = atol(argv[3]);

        /* The mock cluster's owner handle, as EmbeddedKafkaCluster creates it. */
        rd_kafka_conf_t *owner_conf = rd_kafka_conf_new();
        rd_kafka_conf_set(owner_conf, "log_level", "3", errstr, sizeof(errstr));
        rd_kafka_t *owner = rd_kafka_new(RD_KAFKA_PRODUCER, owner_conf, errstr, sizeof(errstr));
        if (!owner)
                die("mock owner", errstr);
        rd_kafka_mock_cluster_t *mcluster = rd_kafka_mock_cluster_new(owner, 3);
        if (!mcluster)
                die("mock cluster", "rd_kafka_mock_cluster_new failed");
        if (rd_kafka_mock_topic_create(mcluster, topic, 6, 3))
                die("mock topic", topic);

        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        FILE *config = fopen(argv[2], "r");
        if (!config)
                die("cannot open config file", argv[2]);
        while (fgets(line, sizeof(line), config)) {
                line[strcspn(line, "\r\n")] = 0;
                char *eq = strchr(line, '=');
                if (!eq)
                        continue;
                *eq = 0;
                if (rd_kafka_conf_set(conf, line, eq + 1, errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                        die(line, errstr);
        }
        fclose(config);
        if (rd_kafka_conf_set(conf, "bootstrap.servers", rd_kafka_mock_cluster_bootstraps(mcluster), errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK)
                die("bootstrap.servers", errstr);
        rd_kafka_conf_set_dr_msg_cb(conf, dr_msg_cb);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk)
                die("producer", errstr);
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
        pthread_t poller;
        pthread_create(&poller, NULL, poll_loop, rk);

        size_t next = 0;
        while (fgets(line, sizeof(line), stdin) && line[0] == 'r') {
                long long start = cpu_ns();
                for (long i = 0; i < per_round; i++) {
                        const struct record *r = &records[next];
                        next = (next + 1) % record_count;
                        rd_kafka_resp_err_t err;
                        while ((err = rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                                        RD_KAFKA_V_KEY(r->key, r->key_len < 0 ? 0 : (size_t)r->key_len),
                                                        RD_KAFKA_V_VALUE((void *)r->value, (size_t)r->value_len),
                                                        RD_KAFKA_V_END)) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                                struct timespec ms = {0, 1000000};
                                nanosleep(&ms, NULL);
                        }
                        if (err)
                                die("produce", rd_kafka_err2str(err));
                }
                rd_kafka_flush(rk, 60000);
                printf("%lld %ld\n", cpu_ns() - start, __atomic_load_n(&failures, __ATOMIC_RELAXED));
                fflush(stdout);
        }

        __atomic_store_n(&stop_polling, 1, __ATOMIC_RELAXED);
        pthread_join(poller, NULL);
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(rk);
        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(owner);
        free(records);
        return 0;
}
