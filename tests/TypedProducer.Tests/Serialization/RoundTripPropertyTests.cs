using System.Text;
using CsCheck;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// Property tests (CsCheck, with shrinking): for random values of every member type and shape the generated code
/// supports (Avro, Protobuf, JSON), serialize then deserialize gives the value back; and data written with one schema version is read by another
/// version that the schema-evolution check accepts (Apache Avro 1.11 specification, "Schema Resolution"). A value is
/// "the same" when the generated serializer writes the same bytes for it: the encoding is injective on the values the
/// types hold (the generators keep to the precision each logical type keeps: milliseconds, microseconds, the scale).
/// </summary>
public sealed class RoundTripPropertyTests
{
    private const int Cases = 10_000;

    // UTF-16 without lone surrogates (strict UTF-8 refuses those), plus astral characters as surrogate pairs.
    internal static readonly Gen<string> s_text = Gen.OneOf(
            Gen.Char['\0', '\uD7FF'],
            Gen.Char['\uE000', '\uFFFF'],
            Gen.Char['a', 'z'])
        .Array[0, 12]
        .Select(Gen.Bool, (chars, astral) => astral ? new string(chars) + "\U0001F6B2" : new string(chars));

    private static readonly Gen<DateTimeOffset> s_millis = Gen.Long[-62_135_596_800_000L, 253_402_300_799_999L].Select(DateTimeOffset.FromUnixTimeMilliseconds);

    private static readonly Gen<DateTime> s_micros = Gen.Long[-62_135_596_800_000_000L, 253_402_300_799_999_999L]
        .Select(us => new DateTime(DateTime.UnixEpoch.Ticks + (us * 10), DateTimeKind.Utc));

    private static readonly Gen<decimal> s_amount = Gen.Long[-9_999_999_999L, 9_999_999_999L].Select(cents => cents / 100m);

    private static readonly Gen<Address> s_address = Gen.Select(s_text, Gen.Int.Nullable(), (street, number) => new Address(street, number));

    private static readonly Gen<EveryType> s_everyType =
        Gen.Select(s_text, Gen.Bool, Gen.Int, Gen.Long, Gen.Float, Gen.Double, Gen.Byte.Array[0, 16], s_text)
        .Select(
            Gen.Select(Gen.Guid, s_millis, s_micros, Gen.DateOnly, Gen.Long[0, 86_399_999_999L].Select(us => new TimeOnly(us * 10)), s_amount, Gen.Enum<Color>(), Gen.Double.Nullable()),
            Gen.Select(s_text.Null(), s_address, s_address.Null(), Gen.Int.Array[0, 6], s_text.List[0, 4], s_address.Array[0, 3], Gen.Select(s_text, Gen.Long).List[0, 4], Gen.Int.Nullable().List[0, 5]),
            s_text,
            (a, b, c, original) => new EveryType
            {
                Id = a.Item1, Flag = a.Item2, Int = a.Item3, Long = a.Item4, Float = a.Item5, Double = a.Item6, Bytes = a.Item7, Text = a.Item8,
                Uuid = b.Item1, TimestampMillis = b.Item2, TimestampMicros = b.Item3, Date = b.Item4, Time = b.Item5, Amount = b.Item6, Color = b.Item7, MaybeDouble = b.Item8,
                MaybeText = c.Item1, Home = c.Item2, Work = c.Item3, Numbers = c.Item4, Tags = c.Item5, History = c.Item6,
                Counters = c.Item7.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2), Sparse = c.Item8, Original = original,
            });

    private static readonly Gen<Payment> s_payment = Gen.OneOf<Payment>(
        Gen.Select(s_amount, s_text, Gen.Byte.Array[8], (amount, last4, token) => new CardPayment(amount, last4, token)),
        Gen.Select(s_amount, s_text, (amount, currency) => new CashPayment(amount, currency)),
        Gen.Select(s_amount, s_text, (amount, code) => new VoucherPayment(amount, code)),
        Gen.Select(s_amount, s_text, s_text, (amount, code, from) => new GiftVoucherPayment(amount, code, from)));

    private static readonly Gen<PaymentTaken> s_paymentTaken = Gen.Select(Gen.Int, s_payment, s_payment.Null(), (id, payment, refund) => new PaymentTaken(id, payment, refund));

    private static readonly Gen<ShipmentV1> s_shipment =
        Gen.Select(s_text, Gen.Int, Gen.Float, s_text, Gen.Enum<ShipmentStatusV1>(), s_text, s_text.Select(Encoding.UTF8.GetBytes), Gen.Int.Nullable())
        .Select(
            Gen.Select(s_text, Gen.Select(s_text, Gen.Int, (label, grams) => new ParcelV1(label, grams)), Gen.Int.List[0, 5], Gen.Select(s_text, Gen.Int).List[0, 4], s_text.Null()),
            (a, b) => new ShipmentV1(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, b.Item1, b.Item2, b.Item3, b.Item4.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2), b.Item5));

    private static readonly Gen<ProtoAddress> s_protoAddress = Gen.Select(s_text, Gen.Int.Nullable(), (street, number) => new ProtoAddress(street, number));

    // Any instant at any offset (read back at offset zero), kept a day inside the range so that every offset fits.
    private static readonly Gen<DateTimeOffset> s_instant = Gen.Select(
        Gen.Long[DateTimeOffset.MinValue.UtcTicks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay],
        Gen.Int[-14 * 60, 14 * 60],
        (ticks, minutes) => new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(minutes)));

    // google.protobuf.Duration holds ±315,576,000,000 seconds.
    private static readonly Gen<TimeSpan> s_duration = Gen.Long[-315_576_000_000L * TimeSpan.TicksPerSecond, 315_576_000_000L * TimeSpan.TicksPerSecond].Select(TimeSpan.FromTicks);

    private static readonly Gen<ProtoTreeNode> s_tree = Gen.Select(s_text, s_text.List[0, 3], (label, children) => new ProtoTreeNode
    {
        Label = label,
        Children = children.Select(child => new ProtoTreeNode { Label = child }).ToList(),
    });

    private static readonly Gen<EveryProtoType> s_everyProtoType =
        Gen.Select(s_text, Gen.Bool, Gen.Int, Gen.Long, Gen.UInt, Gen.ULong, Gen.Float, Gen.Double)
        .Select(
            Gen.Select(Gen.Byte.Array[0, 16], s_text, Gen.Guid, s_instant, Gen.Long[0, DateTime.MaxValue.Ticks].Select(t => new DateTime(t, DateTimeKind.Utc)), s_duration, Gen.DateOnly, Gen.TimeOnly),
            Gen.Select(Gen.Decimal, Gen.Int.Select(i => (Priority)i), Gen.Int.Select(i => (Level)i), Gen.Double.Nullable(), s_text.Null(), Gen.Int.Nullable(), Gen.Bool.Nullable(), Gen.Long.Nullable()),
            Gen.Select(Gen.Float.Nullable(), Gen.Byte.Array[0, 8].Null(), Gen.Guid.Nullable(), Gen.Int[-3, 3].Select(i => (Priority)i).Nullable(), s_instant.Nullable(), s_protoAddress, s_protoAddress.Null(), Gen.Int.Array[0, 6]),
            Gen.Select(s_text.List[0, 4], s_protoAddress.Array[0, 3], Gen.Select(s_text, Gen.Long).List[0, 4], Gen.Select(Gen.Int, s_protoAddress).List[0, 3], Gen.Int.Select(i => (Priority)i).List[0, 4], Gen.Double.List[0, 4], s_instant.List[0, 3], Gen.Short),
            Gen.Select(Gen.Byte, Gen.UInt.Nullable(), Gen.ULong.Nullable(), Gen.Decimal.Nullable(), s_tree.Null(), Gen.Bool.List[0, 5], Gen.Select(s_text, s_text).List[0, 3].Null(), Gen.Int),
            Gen.Long,
            (a, b, c, d, e, f, veryFar) => new EveryProtoType
            {
                Id = a.Item1, Flag = a.Item2, Int = a.Item3, Long = a.Item4, UInt = a.Item5, ULong = a.Item6, Float = a.Item7, Double = a.Item8,
                Bytes = b.Item1, Text = b.Item2, Uuid = b.Item3, At = b.Item4, AtUtc = b.Item5, Elapsed = b.Item6, Day = b.Item7, Time = b.Item8,
                Amount = c.Item1, Priority = c.Item2, Level = c.Item3, MaybeDouble = c.Item4, MaybeText = c.Item5, MaybeInt = c.Item6, MaybeFlag = c.Item7, MaybeLong = c.Item8,
                MaybeFloat = d.Item1, MaybeBytes = d.Item2, MaybeUuid = d.Item3, MaybePriority = d.Item4, MaybeAt = d.Item5, Home = d.Item6, Work = d.Item7, Numbers = d.Item8,
                Tags = e.Item1, History = e.Item2, Counters = e.Item3.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2),
                AddressesById = e.Item4.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2), Priorities = e.Item5, Samples = e.Item6, Times = e.Item7, Short = e.Item8,
                Byte = f.Item1, MaybeUInt = f.Item2, MaybeULong = f.Item3, MaybeAmount = f.Item4, Tree = f.Item5, Switches = f.Item6,
                Labels = f.Item7?.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2), FarAway = f.Item8, VeryFar = veryFar,
            });

    private static readonly System.Text.Json.JsonElement s_emptyObject = System.Text.Json.JsonDocument.Parse("{}").RootElement;

    private static void AssertRoundTrip<T>(MessageContract<T> contract, T value)
    {
        byte[] written = contract.SerializeValue(value, 3);
        T read = contract.CreateValueReader(WriterSchema.Of(contract, 3)).Read(written);
        Assert.Equal(written, contract.SerializeValue(read, 3));
    }

    [Fact]
    public void AvroEveryMemberType_SerializeThenDeserialize_GivesTheValueBack() =>
        s_everyType.Sample(value => AssertRoundTrip(EveryTypeKafkaContract.Instance, value), iter: Cases, threads: 1);

    [Fact]
    public void AvroUnionsOfRecords_SerializeThenDeserialize_GivesTheValueBack() =>
        s_paymentTaken.Sample(value => AssertRoundTrip(PaymentTakenKafkaContract.Instance, value), iter: Cases, threads: 1);

    [Fact]
    public void AvroOlderVersion_ReadByNewerVersion_ResolvesEveryField()
    {
        MessageValueReader<ShipmentV2> reader = ShipmentV2KafkaContract.Instance.CreateValueReader(new WriterSchema(9, SchemaType.Avro, ShipmentV1KafkaContract.AvroSchema));
        s_shipment.Where(s => s.Optional is not null && IsUtf8(s.Blob)).Sample(
            written =>
            {
                ShipmentV2 read = reader.Read(ShipmentV1KafkaContract.Instance.SerializeValue(written, 9));
                Assert.Equal(written.Id, read.Id);
                Assert.Equal(written.Weight, read.Weight);
                Assert.Equal((double)written.Price, read.Price);
                Assert.Equal(written.Note, Encoding.UTF8.GetString(read.Note));
                Assert.Equal(written.Status switch { ShipmentStatusV1.Created => ShipmentStatusV2.Created, ShipmentStatusV1.Shipped => ShipmentStatusV2.Shipped, _ => ShipmentStatusV2.Unknown }, read.Status);
                Assert.Equal(Encoding.UTF8.GetString(written.Blob), read.Blob);
                Assert.Equal(written.Maybe, read.Maybe);
                Assert.Equal(written.Renamed, read.NewName);
                Assert.Equal(new ParcelV2(written.Parcel.Grams, "standard"), read.Parcel);
                Assert.Equal(written.Counts.Select(c => (double)c), read.Counts);
                Assert.Equal(written.Totals.ToDictionary(p => p.Key, p => (long)p.Value), read.Totals);
                Assert.Equal((written.Optional, "none", 42, (string?)null), (read.Optional, read.Added, read.AddedNumber, read.AddedNullable));
            },
            iter: Cases,
            threads: 1);
    }

    [Fact]
    public void ProtobufEveryMemberType_SerializeThenDeserialize_GivesTheValueBack() =>
        s_everyProtoType.Sample(value => AssertRoundTrip(EveryProtoTypeKafkaContract.Instance, value), iter: Cases, threads: 1);

    [Fact]
    public void JsonEveryMemberType_SerializeThenDeserialize_GivesTheValueBack()
    {
        Gen<JsonAddress> address = Gen.Select(s_text, Gen.Int.Nullable(), (street, number) => new JsonAddress(street, number));
        Gen<double> finite = Gen.Double.Where(double.IsFinite);
        Gen.Select(s_text, Gen.Bool, Gen.Int, Gen.Long, Gen.ULong, Gen.Byte, Gen.Short, Gen.Float.Where(float.IsFinite))
            .Select(
                Gen.Select(finite, s_amount, s_text, s_text.Null(), Gen.Char['a', 'z'], Gen.Byte.Array[0, 8], Gen.Guid, s_millis),
                Gen.Select(Gen.DateOnly, Gen.TimeOnly, Gen.TimeSpan, Gen.Enum<Mood>(), Gen.Enum<Shade>(), Gen.Enum<Mood>().Nullable(), finite.Nullable(), address),
                Gen.Select(address.Null(), Gen.Int.Array[0, 5], s_text.List[0, 4], Gen.Select(s_text, Gen.Long).List[0, 3]),
                (a, b, c, d) => new EveryJsonType
                {
                    Id = a.Item1, Flag = a.Item2, Int = a.Item3, Long = a.Item4, ULong = a.Item5, Byte = a.Item6, Short = a.Item7, Float = a.Item8,
                    Double = b.Item1, Amount = b.Item2, Text = b.Item3, MaybeText = b.Item4, Letter = b.Item5, Bytes = b.Item6, Uuid = b.Item7, At = b.Item8,
                    Day = c.Item1, Time = c.Item2, Elapsed = c.Item3, Mood = c.Item4, Shade = c.Item5, MaybeMood = c.Item6, MaybeDouble = c.Item7, Home = c.Item8,
                    Work = d.Item1, Numbers = d.Item2, Tags = d.Item3, Counters = d.Item4.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2),
                    Extra = s_emptyObject,
                })
            .Sample(value => AssertRoundTrip(EveryJsonTypeKafkaContract.Instance, value), iter: Cases, threads: 1);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
