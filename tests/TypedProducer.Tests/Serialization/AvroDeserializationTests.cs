using System.Text;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// The generated Avro deserializers: the contract's own schema read back exactly, and data written with another
/// version resolved by the rules of the Apache Avro 1.11 specification, "Schema Resolution".
/// </summary>
public sealed class AvroDeserializationTests
{
    private static readonly ShipmentV1 s_shipment = new(
        "s-1", 1200, 9.5f, "fragile", ShipmentStatusV1.Created, "gone", Encoding.UTF8.GetBytes("blob"), 7, "old",
        new ParcelV1("box", 1200), [1, 2, 3], new Dictionary<string, int> { ["a"] = 1 }, "here");

    private static T RoundTrip<T>(MessageContract<T> contract, T message, int schemaId = 5)
    {
        MessageValueReader<T> reader = contract.CreateValueReader(WriterSchema.Of(contract, schemaId));
        Assert.True(reader.IsContractSchema);
        return reader.Read(contract.SerializeValue(message, schemaId));
    }

    private static ShipmentV2 ReadAsV2(ShipmentV1 written) =>
        ShipmentV2KafkaContract.Instance.CreateValueReader(new WriterSchema(11, SchemaType.Avro, ShipmentV1KafkaContract.AvroSchema))
            .Read(ShipmentV1KafkaContract.Instance.SerializeValue(written, 11));

    [Fact]
    public void OwnSchema_ReadsBackWhatWasWritten()
    {
        var payment = new PaymentTaken(3, new CardPayment(12.34m, "4242", [1, 2, 3, 4, 5, 6, 7, 8]), new GiftVoucherPayment(1m, "G", "Ann"));
        PaymentTaken read = RoundTrip(PaymentTakenKafkaContract.Instance, payment);

        Assert.Equal(3, read.Id);
        CardPayment card = Assert.IsType<CardPayment>(read.Payment);
        Assert.Equal((12.34m, "4242"), (card.Amount, card.Last4));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, card.Token);
        Assert.Equal(new GiftVoucherPayment(1m, "G", "Ann"), read.Refund);
    }

    [Fact]
    public void EveryType_ReadsBackToTheSameBytes()
    {
        var every = new EveryType
        {
            Id = "e", Flag = true, Int = -5, Long = long.MinValue, Float = 1.5f, Double = -2.25, Bytes = [0, 255], Text = "ü€",
            Uuid = Guid.NewGuid(), TimestampMillis = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
            TimestampMicros = new DateTime(2024, 3, 5, 1, 2, 3, DateTimeKind.Utc).AddTicks(40), Date = new DateOnly(2024, 2, 29),
            Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(10)), Amount = -99999999.99m, Color = Color.Blue, MaybeDouble = 3,
            MaybeText = null, Home = new Address("Main", 1), Work = new Address("Side", null), Numbers = [1, -1],
            Tags = ["x", ""], History = [new Address("a", 2)], Counters = new() { ["k"] = 9 }, Sparse = [1, null, 3], Original = "o",
        };
        byte[] written = EveryTypeKafkaContract.Instance.SerializeValue(every, 5);

        EveryType read = RoundTrip(EveryTypeKafkaContract.Instance, every);

        Assert.Equal(written, EveryTypeKafkaContract.Instance.SerializeValue(read, 5));
        Assert.Equal(every.TimestampMicros, read.TimestampMicros);
        Assert.Equal(DateTimeKind.Utc, read.TimestampMicros.Kind);
        Assert.Equal(new int?[] { 1, null, 3 }, read.Sparse);
    }

    [Fact]
    public void AvroComplete_ReadsBackToTheSameBytes()
    {
        var complete = new AvroComplete
        {
            Id = "c", Checksum = new byte[16], Hashes = [[1, 2, 3, 4]], MaybeFixed = [9, 9], FixedAmount = -12345678.1234m,
            MaybeFixedAmount = 1.5m, Duration = new AvroDuration(1, 2, 3), Elapsed = TimeSpan.FromDays(2) + TimeSpan.FromMilliseconds(5),
            MaybeElapsed = null, TimeMillis = new TimeOnly(1, 2, 3, 4), TimeMicros = new TimeOnly(5, 6, 7).Add(TimeSpan.FromTicks(80)),
            LocalMillis = new DateTime(2020, 1, 1, 10, 0, 0, 5), LocalMicros = new DateTime(2021, 6, 1).AddTicks(120), Tier = MembershipTier.Gold,
            Payment = new VoucherPayment(5m, "V"), MaybePayment = new CashPayment(2m, "EUR"), Payments = [new CashPayment(1m, "USD"), new GiftVoucherPayment(3m, "G", "Bo")],
            Note = "n",
        };
        byte[] written = AvroCompleteKafkaContract.Instance.SerializeValue(complete, 5);

        AvroComplete read = RoundTrip(AvroCompleteKafkaContract.Instance, complete);

        Assert.Equal(written, AvroCompleteKafkaContract.Instance.SerializeValue(read, 5));
        Assert.IsType<GiftVoucherPayment>(read.Payments[1]);
    }

    [Fact]
    public void OtherVersion_ResolvesPromotionsRenamesDefaultsAndEnumSymbols()
    {
        ShipmentV2 read = ReadAsV2(s_shipment);

        Assert.Equal("s-1", read.Id);
        Assert.Equal(1200L, read.Weight);
        Assert.Equal(9.5, read.Price);
        Assert.Equal("fragile", Encoding.UTF8.GetString(read.Note));
        Assert.Equal(ShipmentStatusV2.Created, read.Status);
        Assert.Equal("blob", read.Blob);
        Assert.Equal(7L, read.Maybe);
        Assert.Equal("old", read.NewName);
        Assert.Equal(new ParcelV2(1200, "standard"), read.Parcel);
        Assert.Equal([1.0, 2.0, 3.0], read.Counts);
        Assert.Equal(1L, read.Totals["a"]);
        Assert.Equal("here", read.Optional);
        Assert.Equal(("none", 42, (string?)null), (read.Added, read.AddedNumber, read.AddedNullable));
        Assert.Equal([1, 2], read.AddedList);
    }

    [Fact]
    public void WriterSymbolUnknownToReader_TakesTheReadersEnumDefault()
    {
        Assert.Equal(ShipmentStatusV2.Unknown, ReadAsV2(s_shipment with { Status = ShipmentStatusV1.Lost }).Status);
        Assert.Equal(ShipmentStatusV2.Shipped, ReadAsV2(s_shipment with { Status = ShipmentStatusV1.Shipped }).Status);
    }

    [Fact]
    public void NullWrittenForNonNullableReaderField_ThrowsSchemaResolutionNamingTheField()
    {
        var ex = Assert.Throws<SchemaResolutionException>(() => ReadAsV2(s_shipment with { Optional = null }));

        Assert.Equal(11, ex.SchemaId);
        Assert.Contains("field 'Optional'", ex.Message);
        Assert.Contains("schema id 11", ex.Message);
    }

    [Fact]
    public void ReaderFieldWithoutDefaultMissingFromWriter_ThrowsSchemaResolutionWhenTheReaderIsCreated()
    {
        var ex = Assert.Throws<SchemaResolutionException>(() =>
            ShipmentV3KafkaContract.Instance.CreateValueReader(new WriterSchema(12, SchemaType.Avro, ShipmentV1KafkaContract.AvroSchema)));

        Assert.Equal(12, ex.SchemaId);
        Assert.Contains("field 'Carrier'", ex.Message);
        Assert.Contains("has no default", ex.Message);
    }

    [Fact]
    public void WriterSymbolUnknownWithoutReaderDefault_FailsOnlyTheValuesThatUseIt()
    {
        MessageValueReader<ShipmentV4> reader = ShipmentV4KafkaContract.Instance.CreateValueReader(new WriterSchema(13, SchemaType.Avro, ShipmentV1KafkaContract.AvroSchema));

        Assert.Equal(ShipmentStatusV4.Shipped, reader.Read(ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment with { Status = ShipmentStatusV1.Shipped }, 13)).Status);
        var ex = Assert.Throws<SchemaResolutionException>(() => reader.Read(ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment with { Status = ShipmentStatusV1.Lost }, 13)));
        Assert.Contains("'Lost'", ex.Message);
    }

    [Fact]
    public void RenamedRecordWithAlias_ReadsTheOldName()
    {
        MessageValueReader<ConsignmentV5> reader = ConsignmentV5KafkaContract.Instance.CreateValueReader(new WriterSchema(14, SchemaType.Avro, ShipmentV1KafkaContract.AvroSchema));

        Assert.Equal(new ConsignmentV5("s-1", 1200), reader.Read(ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment, 14)));
    }

    [Fact]
    public void RecordNameWithoutAlias_ThrowsSchemaResolution()
    {
        var ex = Assert.Throws<SchemaResolutionException>(() =>
            ConsignmentV5KafkaContract.Instance.CreateValueReader(new WriterSchema(15, SchemaType.Avro, PaymentTakenKafkaContract.AvroSchema)));

        Assert.Contains("no alias 'shop.events.PaymentTaken'", ex.Message);
    }

    [Fact]
    public void TruncatedValue_ThrowsDeserializationNamingTheMemberAndSchemaId()
    {
        byte[] value = ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment, 16);
        MessageValueReader<ShipmentV1> reader = ShipmentV1KafkaContract.Instance.CreateValueReader(WriterSchema.Of(ShipmentV1KafkaContract.Instance, 16));

        var ex = Assert.Throws<MessageDeserializationException>(() => reader.Read(value.AsSpan(0, 12)));

        Assert.Equal(16, ex.SchemaId);
        Assert.StartsWith("ShipmentV1.", ex.MemberPath);
    }

    [Fact]
    public void TrailingBytes_ThrowDeserialization()
    {
        byte[] value = [.. ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment, 16), 0];
        MessageValueReader<ShipmentV1> reader = ShipmentV1KafkaContract.Instance.CreateValueReader(WriterSchema.Of(ShipmentV1KafkaContract.Instance, 16));

        Assert.Contains("trailing", Assert.Throws<MessageDeserializationException>(() => reader.Read(value)).Message);
    }

    [Fact]
    public async Task TypedDeserializer_FetchesTheWriterSchemaByIdAndResolves()
    {
        var registry = new InMemorySchemaRegistryClient();
        int id = await registry.RegisterSchemaAsync("evolution-value", ShipmentV1KafkaContract.AvroSchema, SchemaType.Avro);
        var deserializer = new TypedDeserializer<ShipmentV2>(registry);

        ShipmentV2 read = deserializer.Deserialize(ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment, id));
        ShipmentV2 again = await deserializer.DeserializeAsync(ShipmentV1KafkaContract.Instance.SerializeValue(s_shipment, id));

        Assert.Equal(1200L, read.Weight);
        Assert.Equal(read.NewName, again.NewName);
        Assert.False((await deserializer.GetReaderAsync(id)).IsContractSchema);
    }
}
