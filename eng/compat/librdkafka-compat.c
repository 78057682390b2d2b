/*
 * Consumer compatibility shim: lets Confluent.Kafka 2.15.1's consumer run on librdkafka 2.0.2.
 *
 * Why: Confluent.Kafka 2.15.1 P/Invokes three functions that librdkafka added in v2.1.0 (KIP-320,
 * leader epochs); Debian 12's librdkafka1 is 2.0.2 and lacks them:
 *   - rd_kafka_message_leader_epoch: called by Consumer.Consume() for every message, so the first
 *     consumed message fails with EntryPointNotFoundException;
 *   - rd_kafka_topic_partition_get_leader_epoch / _set_leader_epoch: used when offsets are marshalled
 *     (Commit, Committed, Position, Seek, ...).
 * The producer does not call them; it works on 2.0.2 without this file.
 * See ../shared/reference/librdkafka-mock-cluster.md (beside the checkout), section 0 finding 1 and
 * section 6.5, and upstream:
 *   https://github.com/confluentinc/librdkafka/blob/master/CHANGELOG.md (v2.1.0, KIP-320)
 *   https://github.com/confluentinc/confluent-kafka-dotnet/blob/master/src/Confluent.Kafka/Consumer.cs
 *
 * How: this library defines only the three functions and is linked against librdkafka.so.1
 * (DT_NEEDED, hence -Wl,--no-as-needed). eng/compat/LibrdkafkaCompat.cs maps Confluent.Kafka's
 * "librdkafka" import to this file; dlsym() on its handle finds these three here and every other
 * rd_kafka_* symbol in the dependency, the same loaded librdkafka image.
 *
 * Semantics: -1 means "leader epoch unknown", which is what librdkafka 2.0.2 behaves like anyway
 * (no KIP-320 offset validation); setting an epoch is dropped.
 *
 * Build (build.sh does this when the system librdkafka is older than 2.1.0):
 *   gcc -O2 -shared -fPIC -o artifacts/native/libtypedproducer-rdkafka-compat.so \
 *       eng/compat/librdkafka-compat.c -Wl,--no-as-needed -l:librdkafka.so.1
 */
#include <stdint.h>
#include <librdkafka/rdkafka.h>

#if RD_KAFKA_VERSION >= 0x020100ff
/* These stubs would shadow the real implementations. */
#error "librdkafka >= 2.1.0 has the leader-epoch API: this shim is not needed"
#endif

#define TP_EXPORT __attribute__((visibility("default")))

TP_EXPORT int32_t rd_kafka_message_leader_epoch(const rd_kafka_message_t *rkmessage) {
        (void)rkmessage;
        return -1;
}

TP_EXPORT int32_t rd_kafka_topic_partition_get_leader_epoch(const rd_kafka_topic_partition_t *rktpar) {
        (void)rktpar;
        return -1;
}

TP_EXPORT void rd_kafka_topic_partition_set_leader_epoch(rd_kafka_topic_partition_t *rktpar,
                                                         int32_t leader_epoch) {
        (void)rktpar;
        (void)leader_epoch;
}
