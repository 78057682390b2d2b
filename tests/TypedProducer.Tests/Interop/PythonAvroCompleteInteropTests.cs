using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;
using TypedProducer.Tests.Serialization;

namespace TypedProducer.Tests.Interop;

/// <summary>
/// The types and logical types of <see cref="AvroComplete"/> and <see cref="PaymentTaken"/> (fixed, decimal on fixed,
/// duration, time-millis, local timestamps, enum with default, aliases, unions of several records), produced through
/// generated producers to the mock cluster and decoded with python3-avro to equal values; the generated Parsing
/// Canonical Forms and fingerprints against python3-avro's canonical forms.
/// </summary>
public sealed class PythonAvroCompleteInteropTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    public static AvroComplete[] Samples() =>
    [
        AvroCompleteSerializationTests.Sample(),
        new AvroComplete
        {
            Id = "edges: é€ 😀",
            Checksum = new byte[16],
            Hashes = [],
            MaybeFixed = [0xff, 0x00],
            FixedAmount = -9999999999999999.9999m,
            MaybeFixedAmount = -0.0000000001m,
            Duration = new AvroDuration(uint.MaxValue, uint.MaxValue, uint.MaxValue),
            Elapsed = TimeSpan.Zero,
            MaybeElapsed = TimeSpan.MaxValue,
            TimeMillis = TimeOnly.MinValue,
            TimeMicros = TimeOnly.MaxValue,
            LocalMillis = DateTime.MinValue,
            LocalMicros = DateTime.MaxValue,
            Tier = MembershipTier.Unknown,
            Payment = new GiftVoucherPayment(0.5m, "G", "Bob"),
            MaybePayment = new CashPayment(-0.01m, "JPY"),
            Payments = [new CardPayment(1m, "0000", [255, 255, 255, 255, 255, 255, 255, 255]), new VoucherPayment(2m, "V2")],
            Note = "quotes \" and \\ and \n newline, 中文",
        },
        new AvroComplete { Id = "" },
    ];

    [Fact]
    public async Task GeneratedAvro_EveryNewTypeDecodesWithPythonAvroToEqualValues()
    {
        kafka.Cluster.CreateTopic("avro.complete", 2);
        kafka.Cluster.CreateTopic("payments.taken", 1);
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, AvroCompleteKafkaContract.Instance, PaymentTakenKafkaContract.Instance);

        var expected = new Dictionary<string, JsonNode>();
        var producer = new AvroCompleteProducer(connection);
        foreach (AvroComplete sample in Samples())
        {
            await producer.ProduceAsync(sample);
            expected["avro.complete/" + sample.Id] = Expected(sample);
        }

        PaymentTaken[] payments =
        [
            new(1, new CardPayment(10m, "1234", [1, 2, 3, 4, 5, 6, 7, 8]), null),
            new(2, new CashPayment(20m, "EUR"), new VoucherPayment(5m, "REFUND")),
            new(3, new VoucherPayment(30m, "V3"), new GiftVoucherPayment(1m, "G", "Eve")),
            new(4, new GiftVoucherPayment(40m, "G4", "Zoe"), new CardPayment(40m, "9999", new byte[8])),
        ];
        var paymentProducer = new PaymentTakenProducer(connection);
        foreach (PaymentTaken payment in payments)
        {
            await paymentProducer.ProduceAsync(payment);
            expected["payments.taken/" + payment.Id.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["Id"] = payment.Id,
                ["Payment"] = Expected(payment.Payment),
                ["Refund"] = payment.Refund is null ? null : Expected(payment.Refund),
            };
        }

        var records = new List<(string Topic, ConsumeResult<byte[]?, byte[]> Record)>();
        foreach ((string topic, int partitions) in new[] { ("avro.complete", 2), ("payments.taken", 1) })
        {
            records.AddRange(kafka.ReadAll(topic, partitions).Select(r => (topic, r)));
        }

        Assert.Equal(expected.Count, records.Count);
        var schemas = new Dictionary<int, string>();
        foreach ((_, ConsumeResult<byte[]?, byte[]> record) in records)
        {
            int id = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(record.Message.Value.AsSpan(1));
            schemas[id] = (await registry.GetSchemaAsync(id)).Schema;
        }

        JsonArray decoded = PythonAvro.Decode(schemas, records.Select(r => r.Record.Message.Value));
        for (int i = 0; i < records.Count; i++)
        {
            (string topic, ConsumeResult<byte[]?, byte[]> record) = records[i];
            string key = topic == "payments.taken"
                ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(record.Message.Key).ToString(CultureInfo.InvariantCulture)
                : Encoding.UTF8.GetString(record.Message.Key!);
            JsonNode actual = decoded[i]!["value"]!;
            JsonNode want = expected[topic + "/" + key];
            Assert.True(PythonAvroInteropTests.JsonEquivalent(want, actual), $"{topic}/{key}:\nexpected {want.ToJsonString()}\nactual   {actual.ToJsonString()}");
        }
    }

    [Fact]
    public void GeneratedCanonicalFormAndFingerprint_EqualPythonAvros()
    {
        (string Schema, string Canonical, ulong Fingerprint)[] contracts =
        [
            (AvroCompleteKafkaContract.AvroSchema, AvroCompleteKafkaContract.AvroCanonicalForm, AvroCompleteKafkaContract.AvroFingerprint),
            (PaymentTakenKafkaContract.AvroSchema, PaymentTakenKafkaContract.AvroCanonicalForm, PaymentTakenKafkaContract.AvroFingerprint),
            (EveryTypeKafkaContract.AvroSchema, EveryTypeKafkaContract.AvroCanonicalForm, EveryTypeKafkaContract.AvroFingerprint),
            (OrderPlacedKafkaContract.AvroSchema, OrderPlacedKafkaContract.AvroCanonicalForm, OrderPlacedKafkaContract.AvroFingerprint),
            (TreeNodeKafkaContract.AvroSchema, TreeNodeKafkaContract.AvroCanonicalForm, TreeNodeKafkaContract.AvroFingerprint),
        ];

        JsonArray python = PythonAvro.Fingerprints(contracts.Select(c => c.Schema));

        for (int i = 0; i < contracts.Length; i++)
        {
            Assert.Equal((string)python[i]!["canonical"]!, contracts[i].Canonical);
            Assert.Equal((string)python[i]!["fingerprint"]!, contracts[i].Fingerprint.ToString("x16", CultureInfo.InvariantCulture));
        }
    }

    private static JsonObject Bytes(byte[] bytes) => new() { ["bytes"] = Convert.ToHexString(bytes).ToLowerInvariant() };

    private static JsonObject Decimal(decimal value, int scale) => new() { ["decimal"] = value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) };

    private static JsonObject Duration(uint months, uint days, uint milliseconds) => new() { ["duration"] = new JsonArray(months, days, milliseconds) };

    // The TimeSpan rule: whole 24-hour days, then the remaining whole milliseconds.
    private static JsonObject Duration(TimeSpan value) =>
        Duration(0, (uint)(value.Ticks / TimeSpan.TicksPerDay), (uint)(value.Ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond));

    // The clock reading in whole milliseconds or microseconds from 1970-01-01T00:00:00, truncated toward the earlier time.
    private static JsonObject LocalMicros(DateTime value, long ticksPerUnit)
    {
        long units = Math.DivRem(value.Ticks - DateTime.UnixEpoch.Ticks, ticksPerUnit, out long rem) - (rem < 0 ? 1 : 0);
        return new JsonObject { ["local_micros"] = units * (ticksPerUnit / 10) };
    }

    private static JsonNode Expected(AvroComplete e) => new JsonObject
    {
        ["Id"] = e.Id,
        ["Checksum"] = Bytes(e.Checksum),
        ["Hashes"] = new JsonArray(e.Hashes.Select(h => (JsonNode?)Bytes(h)).ToArray()),
        ["MaybeFixed"] = e.MaybeFixed is null ? null : Bytes(e.MaybeFixed),
        ["FixedAmount"] = Decimal(e.FixedAmount, 4),
        ["MaybeFixedAmount"] = e.MaybeFixedAmount is { } amount ? Decimal(amount, 10) : null,
        ["Duration"] = Duration(e.Duration.Months, e.Duration.Days, e.Duration.Milliseconds),
        ["Elapsed"] = Duration(e.Elapsed),
        ["MaybeElapsed"] = e.MaybeElapsed is { } elapsed ? Duration(elapsed) : null,
        ["TimeMillis"] = new JsonObject { ["micros_of_day"] = e.TimeMillis.Ticks / TimeSpan.TicksPerMillisecond * 1000 },
        ["TimeMicros"] = new JsonObject { ["micros_of_day"] = e.TimeMicros.Ticks / 10 },
        ["LocalMillis"] = LocalMicros(e.LocalMillis, TimeSpan.TicksPerMillisecond),
        ["LocalMicros"] = LocalMicros(e.LocalMicros, 10),
        ["Tier"] = e.Tier.ToString(),
        ["Payment"] = Expected(e.Payment),
        ["MaybePayment"] = e.MaybePayment is null ? null : Expected(e.MaybePayment),
        ["Payments"] = new JsonArray(e.Payments.Select(p => (JsonNode?)Expected(p)).ToArray()),
        ["Note"] = e.Note,
    };

    private static JsonObject Expected(Payment payment)
    {
        JsonObject fields = payment switch
        {
            CardPayment card => new JsonObject { ["Amount"] = Decimal(card.Amount, 2), ["Last4"] = card.Last4, ["Token"] = Bytes(card.Token) },
            CashPayment cash => new JsonObject { ["Amount"] = Decimal(cash.Amount, 2), ["Currency"] = cash.Currency },
            GiftVoucherPayment gift => new JsonObject { ["Amount"] = Decimal(gift.Amount, 2), ["Code"] = gift.Code, ["From"] = gift.From },
            VoucherPayment voucher => new JsonObject { ["Amount"] = Decimal(voucher.Amount, 2), ["Code"] = voucher.Code },
            _ => throw new ArgumentOutOfRangeException(nameof(payment)),
        };
        return new JsonObject { ["branch"] = "shop.payments." + payment.GetType().Name, ["value"] = fields };
    }
}
