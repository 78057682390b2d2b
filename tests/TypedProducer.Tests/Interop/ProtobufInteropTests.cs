using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using TypedProducer.Partitioning;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;
using TypedProducer.SchemaRegistry;
using Orders = TypedProducer.Tests.Contracts.Orders;
using Pb = Interop.Every;

namespace TypedProducer.Tests.Interop;

/// <summary>
/// The generated Protobuf encoder against protoc: Interop/Protos/every_type.proto (the generator's .proto of
/// <see cref="EveryProtoType"/>) is compiled by protoc into Google.Protobuf classes, whose parser must read every value
/// the generated encoder wrote (after the Confluent header) into a message equal, field by field and with no unknown
/// fields, to the expected one. protoc-generated messages used as contracts are checked too.
/// </summary>
public sealed class ProtobufInteropTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    private static readonly DateTimeOffset s_instant = new(2024, 3, 5, 7, 8, 9, 123, TimeSpan.FromHours(-5));

    public static EveryProtoType[] Samples() =>
    [
        new EveryProtoType
        {
            Id = "typical",
            Flag = true,
            Int = 42,
            Long = 1L << 40,
            UInt = 7,
            ULong = ulong.MaxValue,
            Float = 1.5f,
            Double = Math.PI,
            Bytes = [0, 1, 254, 255],
            Text = "W 82 St & Central Park West",
            Uuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            At = s_instant.AddTicks(1234567),
            AtUtc = new DateTime(2024, 3, 5, 12, 0, 0, DateTimeKind.Utc),
            Elapsed = TimeSpan.FromMinutes(17.5),
            Day = new DateOnly(2024, 3, 5),
            Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_999)),
            Amount = 1234.50m,
            Priority = Priority.High,
            Level = Level.Two,
            MaybeDouble = 40.782818675,
            MaybeText = "present",
            MaybeInt = 0,
            MaybeFlag = false,
            MaybeLong = -1,
            MaybeFloat = 0.25f,
            MaybeBytes = [],
            MaybeUuid = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            MaybePriority = Priority.Low, // the enum's default: 'optional' keeps it present
            MaybeAt = DateTimeOffset.UnixEpoch,
            Home = new ProtoAddress("Main St", 12),
            Work = new ProtoAddress("Broadway", null),
            Numbers = [1, -1, int.MaxValue, int.MinValue, 0],
            Tags = ["a", "", "b"],
            History = [new ProtoAddress("Old St", 1), new ProtoAddress("", null)],
            Counters = new Dictionary<string, long> { ["x"] = 1, ["y"] = -2, [""] = 0 },
            AddressesById = new Dictionary<int, ProtoAddress> { [0] = new("Zero St", 0), [-7] = new("Minus St", null) },
            Priorities = [Priority.Normal, Priority.Low, (Priority)7],
            Samples = [0.0, -0.0, double.NaN, double.PositiveInfinity, 1e-300],
            Times = [DateTimeOffset.UnixEpoch, s_instant],
            Short = short.MinValue,
            Byte = 255,
            MaybeUInt = uint.MaxValue,
            MaybeULong = 0,
            MaybeAmount = -0.001m,
            Tree = new ProtoTreeNode { Label = "root", Children = [new ProtoTreeNode { Label = "leaf" }, new ProtoTreeNode { Label = "inner", Children = [new ProtoTreeNode { Label = "deep" }] }] },
            Switches = new List<bool> { true, false, true },
            Labels = new Dictionary<string, string> { ["k"] = "v" },
            FarAway = -3,
            VeryFar = long.MinValue,
        },
        new EveryProtoType
        {
            Id = "edges: é€ 😀",
            Int = int.MinValue,
            Long = long.MinValue,
            Float = float.MaxValue,
            Double = -0.0,
            Text = new string('x', 300) + " quotes \" and \\ and \n newline, 中文", // longer than 127 bytes: a two-byte length
            Uuid = Guid.Empty,
            At = new DateTimeOffset(1960, 1, 1, 0, 0, 0, 1, TimeSpan.FromHours(-5)).AddTicks(1),
            AtUtc = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
            Elapsed = TimeSpan.FromTicks(-18_600_001),
            Day = DateOnly.MinValue,
            Time = TimeOnly.MinValue,
            Amount = -79228162514264337593543950335m,
            Priority = (Priority)(-1),
            Level = (Level)0,
            Home = new ProtoAddress(new string('é', 200), int.MinValue),
            History = [new ProtoAddress(new string('y', 150), 5)],
            Counters = new Dictionary<string, long> { ["é"] = long.MaxValue },
            Tree = new ProtoTreeNode { Label = new string('z', 1000) },
            Labels = null,
        },
        new EveryProtoType { Id = "", At = DateTimeOffset.UnixEpoch, Day = new DateOnly(1970, 1, 1), Level = (Level)0 },
    ];

    [Fact]
    public void GeneratedProto_IsTheCheckedInFileProtocCompiled()
    {
        string checkedIn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Protos", "every_type.proto")).Replace("\r\n", "\n");
        string generated = EveryProtoTypeKafkaContract.ProtobufSchema;
        Assert.Equal(checkedIn, generated);
        Assert.Equal("interop.every.EveryProtoType", EveryProtoTypeKafkaContract.ProtobufMessageName);
        Assert.Equal(SchemaType.Protobuf, EveryProtoTypeKafkaContract.Instance.ValueSchema.SchemaType);
        Assert.Equal(Pb.EveryProtoType.Descriptor.FullName, EveryProtoTypeKafkaContract.Instance.ValueSchema.FullName);
    }

    [Fact]
    public void GeneratedEncoder_ParsesWithProtocGeneratedParserToEqualMessages()
    {
        foreach (EveryProtoType sample in Samples())
        {
            byte[] value = EveryProtoTypeKafkaContract.Instance.SerializeValue(sample, 0x01020304);

            Assert.Equal([0, 1, 2, 3, 4, 0], value[..6]); // magic byte, schema id, message index [0] as one 0 byte
            ReadOnlySpan<byte> body = ProtobufWireFormat.ReadConfluentHeader(value, out int schemaId, out int[] indexes);
            Assert.Equal(0x01020304, schemaId);
            Assert.Equal([0], indexes);
            Pb.EveryProtoType parsed = Pb.EveryProtoType.Parser.ParseFrom(body.ToArray());

            // Message equality covers every field, nested messages, repeated fields, maps and unknown fields (none expected).
            Pb.EveryProtoType expected = Expected(sample);
            Assert.True(expected.Equals(parsed), $"{sample.Id}:\nexpected {expected}\nparsed   {parsed}");
        }
    }

    [Fact]
    public void GeneratedEncoder_WithoutMaps_WritesWhatGoogleProtobufWrites()
    {
        // Field order, default omission, packing and wrapper encoding as the reference implementation does them: the
        // same bytes. (Maps are left out: implementations may or may not write an entry's default key or value.)
        EveryProtoType sample = Samples()[0];
        sample.Counters = new();
        sample.AddressesById = new();
        sample.Labels = null;
        byte[] value = EveryProtoTypeKafkaContract.Instance.SerializeValue(sample, 1);

        Assert.Equal(Convert.ToHexString(Expected(sample).ToByteArray()), Convert.ToHexString(value.AsSpan(6)));
    }

    [Fact]
    public void GoogleProtobufEncoding_ReadsAsTheContract()
    {
        // The other direction: protoc's encoder writes the message, the generated decoder reads it (after a Confluent
        // header) into a value equal, as a protoc message, to what protoc's own parser reads from the same bytes. (Not to
        // the message written: protoc's encoder leaves out -0.0, which its equality tells from 0.0.)
        MessageValueReader<EveryProtoType> reader = EveryProtoTypeKafkaContract.Instance.CreateValueReader(WriterSchema.Of(EveryProtoTypeKafkaContract.Instance, 1));
        foreach (EveryProtoType sample in Samples())
        {
            byte[] body = Expected(sample).ToByteArray();
            Pb.EveryProtoType reference = Pb.EveryProtoType.Parser.ParseFrom(body);

            EveryProtoType read = reader.Read([0, 0, 0, 0, 1, 0, .. body]);

            Pb.EveryProtoType again = Expected(read);
            Assert.True(reference.Equals(again), $"{sample.Id}:\nprotoc read {reference}\nwe read     {again}");
        }
    }

    [Fact]
    public async Task ReadAll_PlainProtobufContracts_ReadsEveryProducedRecordWithItsHeaders()
    {
        kafka.Cluster.CreateTopic("proto.items.v2", 2);
        kafka.Cluster.CreateTopic("proto.parcels", 2);
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, ProtoItemV2KafkaContract.Instance, ProtoParcelScannedKafkaContract.Instance);
        ProtoItemV2[] items =
        [
            new("i-1", 1L << 50, 0.5, -1.25f, 3, new ProtoAddress("Main", 1), [1, 2, 3], new() { ["a"] = "b" }, "far"),
            new("i-2", 0, 0, 0, 0, new ProtoAddress("", null), [], new(), ""),
        ];
        ProtoParcelScanned[] parcels = [new("p-1", 1200, "dock-4", 2), new("p-2", 0, null, -1)];
        foreach (ProtoItemV2 item in items)
        {
            await new ProtoItemV2Producer(connection).ProduceAsync(item);
        }

        foreach (ProtoParcelScanned parcel in parcels)
        {
            await new ProtoParcelScannedProducer(connection).ProduceAsync(parcel);
        }

        using var reader = new TypedProducer.Testing.TypedKafkaReader(kafka.BootstrapServers, registry);
        IReadOnlyList<TypedProducer.Testing.KafkaRecord<ProtoItemV2>> readItems = reader.ReadAll<ProtoItemV2>();
        IReadOnlyList<TypedProducer.Testing.KafkaRecord<ProtoParcelScanned>> readParcels = reader.ReadAll<ProtoParcelScanned>();

        Assert.Equal(items.Length, readItems.Count);
        foreach (ProtoItemV2 item in items)
        {
            ProtoItemV2 read = Assert.Single(readItems, r => r.Message.Id == item.Id).Message;
            Assert.Equal(ProtoItemV2KafkaContract.Instance.SerializeValue(item, 1), ProtoItemV2KafkaContract.Instance.SerializeValue(read, 1));
            Assert.Equal(item.Codes, read.Codes);
            Assert.Equal(item.Notes, read.Notes);
            Assert.Equal(item.Where, read.Where);
        }

        Assert.Equal(parcels.OrderBy(p => p.ParcelId), readParcels.Select(r => r.Message).OrderBy(p => p.ParcelId)); // header members included
    }

    [Fact]
    public void SerializeValue_AllocatesOnlyTheResultArray()
    {
        EveryProtoType sample = Samples()[0];
        // An ICollection<T> member is enumerated through the interface, which boxes its enumerator; left empty here
        // (an empty packed field is skipped before enumerating), every other member writes without allocating.
        sample.Switches = new List<bool>();
        for (int i = 0; i < 100; i++)
        {
            EveryProtoTypeKafkaContract.Instance.SerializeValue(sample, 1);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] value = EveryProtoTypeKafkaContract.Instance.SerializeValue(sample, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One array: its bytes plus the object header and length (24 bytes on 64-bit), rounded up to 8.
        Assert.InRange(allocated, value.Length, value.Length + 32);
    }

    [Fact]
    public void NullInNonNullableMember_ThrowsNamingTheMember()
    {
        var sample = new EveryProtoType { Tags = ["a", null!] };
        MessageSerializationException ex = Assert.Throws<MessageSerializationException>(() => EveryProtoTypeKafkaContract.Instance.SerializeValue(sample, 1));
        Assert.Equal("EveryProtoType.Tags", ex.MemberPath);

        ex = Assert.Throws<MessageSerializationException>(() => EveryProtoTypeKafkaContract.Instance.SerializeValue(new EveryProtoType { AtUtc = new DateTime(2024, 1, 1) }, 1));
        Assert.Equal("EveryProtoType.AtUtc", ex.MemberPath);
    }

    [Fact]
    public void CyclicTree_ThrowsInsteadOfOverflowingTheStack()
    {
        var node = new ProtoTreeNode { Label = "loop" };
        node.Children.Add(node);
        Assert.Throws<MessageSerializationException>(() => EveryProtoTypeKafkaContract.Instance.SerializeValue(new EveryProtoType { Tree = node }, 1));
    }

    [Fact]
    public void ProtocGeneratedContract_WritesHeaderWithItsMessageIndexAndItsOwnEncoding()
    {
        var order = new Orders.OrderPlaced
        {
            OrderId = "order-1",
            CustomerId = "customer-9",
            PlacedAt = Timestamp.FromDateTimeOffset(s_instant),
            Lines = { new Orders.OrderPlaced.Types.Line { Sku = "sku-1", Quantity = 2, Price = new Orders.Money { Currency = "USD", Units = 10, Nanos = 500_000_000 } } },
        };

        byte[] value = Orders.OrderPlacedKafkaContract.Instance.SerializeValue(order, 9);

        // OrderPlaced is orders.proto's second top-level message: index array [1] = count 1 (zig-zag 02), index 1 (02).
        Assert.Equal([0, 0, 0, 0, 9, 2, 2], value[..7]);
        Assert.Equal(order, Orders.OrderPlaced.Parser.ParseFrom(value.AsSpan(7).ToArray()));
        Assert.Equal(Encoding.UTF8.GetBytes("order-1"), Orders.OrderPlacedKafkaContract.Instance.SerializeKey(order));
        Assert.Equal("order-1", Orders.OrderPlacedKafkaContract.Instance.DescribeKey(order));
    }

    [Fact]
    public void ProtocGeneratedContract_RegistersItsFileDescriptorAsBase64()
    {
        MessageSchema schema = Orders.OrderPlacedKafkaContract.Instance.ValueSchema;

        Assert.Equal(SchemaType.Protobuf, schema.SchemaType);
        Assert.Equal("shop.orders.OrderPlaced", schema.FullName);
        FileDescriptorProto file = FileDescriptorProto.Parser.ParseFrom(Convert.FromBase64String(schema.Schema));
        Assert.Equal("orders.proto", file.Name);
        Assert.Equal("shop.orders", file.Package);
        Assert.Equal(["Money", "OrderPlaced"], file.MessageType.Select(m => m.Name));
        Assert.Equal(["google/protobuf/timestamp.proto"], file.Dependency);
    }

    [Fact]
    public async Task GeneratedProducers_ProduceRecordsThatProtocParsersRead()
    {
        kafka.Cluster.CreateTopic("proto.every.type", 3);
        kafka.Cluster.CreateTopic("shop.orders", 2);
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, EveryProtoTypeKafkaContract.Instance, Orders.OrderPlacedKafkaContract.Instance);

        var producer = new EveryProtoTypeProducer(connection);
        var expected = new Dictionary<string, Pb.EveryProtoType>();
        foreach (EveryProtoType sample in Samples())
        {
            TypedDeliveryResult<EveryProtoType> result = await producer.ProduceAsync(sample);
            Assert.Equal(JavaCompatiblePartitioner.Partition(Encoding.UTF8.GetBytes(sample.Id), 3), result.Partition);
            expected[sample.Id] = Expected(sample);
        }

        var order = new Orders.OrderPlaced { OrderId = "o-1", CustomerId = "c-1" };
        await new Orders.OrderPlacedProducer(connection).ProduceAsync(order);

        var records = kafka.ReadAll("proto.every.type", 3);
        Assert.Equal(expected.Count, records.Count);
        foreach (ConsumeResult<byte[]?, byte[]> record in records)
        {
            byte[] body = ProtobufWireFormat.ReadConfluentHeader(record.Message.Value, out int schemaId, out int[] indexes).ToArray();
            RegisteredSchema registered = await registry.GetSchemaAsync(schemaId);
            Assert.Equal(SchemaType.Protobuf, registered.SchemaType);
            Assert.Equal(EveryProtoTypeKafkaContract.ProtobufSchema, registered.Schema);
            Assert.Equal([0], indexes);
            Pb.EveryProtoType parsed = Pb.EveryProtoType.Parser.ParseFrom(body);
            Assert.Equal(expected[Encoding.UTF8.GetString(record.Message.Key!)], parsed);
        }

        ConsumeResult<byte[]?, byte[]> orderRecord = Assert.Single(kafka.ReadAll("shop.orders", 2));
        byte[] orderBody = ProtobufWireFormat.ReadConfluentHeader(orderRecord.Message.Value, out int orderSchemaId, out int[] orderIndexes).ToArray();
        Assert.Equal([1], orderIndexes);
        Assert.Equal(Orders.OrderPlacedKafkaContract.Instance.ValueSchema.Schema, (await registry.GetSchemaAsync(orderSchemaId)).Schema);
        Assert.Equal(order, Orders.OrderPlaced.Parser.ParseFrom(orderBody));
    }

    private static Pb.EveryProtoType Expected(EveryProtoType e)
    {
        var m = new Pb.EveryProtoType
        {
            Id = e.Id,
            Flag = e.Flag,
            Int = e.Int,
            Long = e.Long,
            UInt = e.UInt,
            ULong = e.ULong,
            Float = e.Float,
            Double = e.Double,
            Bytes = ByteString.CopyFrom(e.Bytes),
            Text = e.Text,
            Uuid = e.Uuid.ToString("D"),
            At = Timestamp.FromDateTimeOffset(e.At),
            AtUtc = Timestamp.FromDateTime(e.AtUtc),
            Elapsed = Duration.FromTimeSpan(e.Elapsed),
            Day = new Google.Type.Date { Year = e.Day.Year, Month = e.Day.Month, Day = e.Day.Day },
            Time = new Google.Type.TimeOfDay { Hours = e.Time.Hour, Minutes = e.Time.Minute, Seconds = e.Time.Second, Nanos = (int)(e.Time.Ticks % TimeSpan.TicksPerSecond) * 100 },
            Amount = new Google.Type.Decimal { Value = e.Amount.ToString(CultureInfo.InvariantCulture) },
            Priority = (Pb.Priority)(int)e.Priority,
            Level = (Pb.Level)(int)e.Level,
            MaybeDouble = e.MaybeDouble,
            MaybeText = e.MaybeText,
            MaybeInt = e.MaybeInt,
            MaybeFlag = e.MaybeFlag,
            MaybeLong = e.MaybeLong,
            MaybeFloat = e.MaybeFloat,
            MaybeBytes = e.MaybeBytes is null ? null : ByteString.CopyFrom(e.MaybeBytes),
            MaybeUuid = e.MaybeUuid?.ToString("D"),
            MaybeAt = e.MaybeAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            Home = Expected(e.Home),
            Work = e.Work is null ? null : Expected(e.Work),
            Short = e.Short,
            Byte = e.Byte,
            MaybeUInt = e.MaybeUInt,
            MaybeULong = e.MaybeULong,
            MaybeAmount = e.MaybeAmount is { } amount ? new Google.Type.Decimal { Value = amount.ToString(CultureInfo.InvariantCulture) } : null,
            Tree = e.Tree is null ? null : Expected(e.Tree),
            FarField = e.FarAway,
            VeryFar = e.VeryFar,
        };
        if (e.MaybePriority is { } priority)
        {
            m.MaybePriority = (Pb.Priority)(int)priority;
        }

        m.Numbers.AddRange(e.Numbers);
        m.Tags.AddRange(e.Tags);
        m.History.AddRange(e.History.Select(Expected));
        m.Counters.Add(e.Counters);
        foreach (KeyValuePair<int, ProtoAddress> pair in e.AddressesById)
        {
            m.AddressesById.Add(pair.Key, Expected(pair.Value));
        }

        m.Priorities.AddRange(e.Priorities.Select(p => (Pb.Priority)(int)p));
        m.Samples.AddRange(e.Samples);
        m.Times.AddRange(e.Times.Select(Timestamp.FromDateTimeOffset));
        m.Switches.AddRange(e.Switches);
        if (e.Labels is not null)
        {
            m.Labels.Add(e.Labels);
        }

        return m;
    }

    private static Pb.ProtoAddress Expected(ProtoAddress a) => new() { Street = a.Street, Number = a.Number };

    private static Pb.ProtoTreeNode Expected(ProtoTreeNode node)
    {
        var m = new Pb.ProtoTreeNode { Label = node.Label };
        m.Children.AddRange(node.Children.Select(Expected));
        return m;
    }
}
