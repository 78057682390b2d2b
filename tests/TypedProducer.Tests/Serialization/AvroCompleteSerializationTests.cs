using System;
using System.Collections.Generic;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// The generated serializers of <see cref="PaymentTaken"/> and <see cref="AvroComplete"/>: unions of records
/// byte-exact per the specification ("Complex Types: Unions"), failures as MessageSerializationException naming the
/// member, and a round trip of every new type through <see cref="AvroGenericReader"/>.
/// </summary>
public sealed class AvroCompleteSerializationTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [Fact]
    public void UnionOfRecords_WritesBranchIndexThenRecord()
    {
        byte[] value = PaymentTakenKafkaContract.Instance.SerializeValue(new PaymentTaken(1, new CashPayment(1.5m, "EUR"), null), 7);

        // header 00 00000007 | Id 1 → 02 | Payment: branch 1 (CashPayment) → 02, Amount 150 → 04 00 96, "EUR" → 06 455552
        // | Refund: ["null", ...] branch 0 → 00
        Assert.Equal("0000000007" + "02" + "02" + "040096" + "06455552" + "00", Hex(value));
    }

    [Fact]
    public void NullableUnionOfRecords_ShiftsBranchesPastNull()
    {
        byte[] value = PaymentTakenKafkaContract.Instance.SerializeValue(new PaymentTaken(1, new VoucherPayment(2m, "V"), new GiftVoucherPayment(2m, "G1", "Ann")), 7);

        // Payment: VoucherPayment is branch 2 → 04, Amount 200 → 04 00c8, "V" → 02 56
        // Refund: ["null", Card, Cash, Voucher, GiftVoucher]: GiftVoucher is branch 4 → 08, 04 00c8, "G1" → 04 4731, "Ann" → 06 416e6e
        Assert.Equal("0000000007" + "02" + "04" + "0400c8" + "0256" + "08" + "0400c8" + "044731" + "06416e6e", Hex(value));
    }

    [Fact]
    public void SubtypeListedAfterItsBase_StillGetsItsOwnBranch()
    {
        // GiftVoucherPayment derives from VoucherPayment, listed before it: the type test for the subtype runs first.
        byte[] value = PaymentTakenKafkaContract.Instance.SerializeValue(new PaymentTaken(1, new GiftVoucherPayment(0m, "", ""), null), 0);
        Assert.Equal("06", Hex(value).Substring(12, 2));
    }

    [Fact]
    public void SubtypeNotInTheUnion_ThrowsNamingMemberAndType()
    {
        var ex = Assert.Throws<MessageSerializationException>(() =>
            PaymentTakenKafkaContract.Instance.SerializeValue(new PaymentTaken(1, new BarterPayment(1m), null), 7));

        Assert.Equal("PaymentTaken.Payment", ex.MemberPath);
        Assert.Contains("'TypedProducer.Tests.Contracts.BarterPayment' is not a branch of the union", ex.Message);
        Assert.Contains("CardPayment, TypedProducer.Tests.Contracts.CashPayment", ex.Message);
    }

    [Fact]
    public void NullInNonNullableUnion_ThrowsNamingMember()
    {
        var ex = Assert.Throws<MessageSerializationException>(() =>
            PaymentTakenKafkaContract.Instance.SerializeValue(new PaymentTaken(1, null!, null), 7));
        Assert.Equal("PaymentTaken.Payment", ex.MemberPath);
    }

    [Fact]
    public void FixedOfWrongLength_ThrowsNamingMemberAndSizes()
    {
        AvroComplete message = Sample();
        message.Checksum = new byte[15];

        var ex = Assert.Throws<MessageSerializationException>(() => AvroCompleteKafkaContract.Instance.SerializeValue(message, 1));
        Assert.Equal("AvroComplete.Checksum", ex.MemberPath);
        Assert.Contains("has 15 bytes; the Avro fixed type holds exactly 16", ex.Message);
    }

    [Fact]
    public void FixedInsideUnionBranch_WrongLength_ThrowsNamingTheBranchMember()
    {
        AvroComplete message = Sample();
        message.Payment = new CardPayment(1m, "4242", new byte[3]);

        var ex = Assert.Throws<MessageSerializationException>(() => AvroCompleteKafkaContract.Instance.SerializeValue(message, 1));
        Assert.Equal("CardPayment.Token", ex.MemberPath);
    }

    [Fact]
    public void NegativeTimeSpan_ThrowsNamingMember()
    {
        AvroComplete message = Sample();
        message.Elapsed = TimeSpan.FromSeconds(-1);

        var ex = Assert.Throws<MessageSerializationException>(() => AvroCompleteKafkaContract.Instance.SerializeValue(message, 1));
        Assert.Equal("AvroComplete.Elapsed", ex.MemberPath);
    }

    [Fact]
    public void EveryNewType_RoundTripsThroughTheGenericReader()
    {
        AvroComplete message = Sample();
        byte[] bytes = AvroCompleteKafkaContract.Instance.SerializeValue(message, 42);

        ReadOnlySpan<byte> body = AvroGenericReader.ReadConfluentHeader(bytes, out int schemaId);
        var record = (AvroGenericRecord)AvroGenericReader.Read(AvroSchemaNode.Parse(AvroCompleteKafkaContract.AvroSchema), body)!;

        Assert.Equal(42, schemaId);
        Assert.Equal("avro.complete.AvroComplete", record.FullName);
        Assert.Equal(message.Id, record["Id"]);
        Assert.Equal(message.Checksum, record["Checksum"]);
        Assert.Equal(message.Hashes, Assert.IsType<List<object?>>(record["Hashes"]));
        Assert.Null(record["MaybeFixed"]);
        Assert.Equal(message.FixedAmount, record["FixedAmount"]);
        Assert.Equal(message.MaybeFixedAmount, record["MaybeFixedAmount"]);
        Assert.Equal(message.Duration, record["Duration"]);
        Assert.Equal(AvroDuration.FromTimeSpan(message.Elapsed), record["Elapsed"]);
        Assert.Equal(message.Elapsed, ((AvroDuration)record["Elapsed"]!).ToTimeSpan());
        Assert.Equal(new AvroDuration(0, 0, 1), record["MaybeElapsed"]);
        Assert.Equal(new TimeOnly(23, 59, 59, 999), record["TimeMillis"]);
        Assert.Equal(message.TimeMicros, record["TimeMicros"]);
        DateTime localMillis = Assert.IsType<DateTime>(record["LocalMillis"]);
        Assert.Equal(DateTimeKind.Unspecified, localMillis.Kind);
        Assert.Equal(new DateTime(2024, 3, 31, 2, 30, 0, 123), localMillis);
        Assert.Equal(message.LocalMicros, record["LocalMicros"]);
        Assert.Equal("Gold", record["Tier"]);
        var payment = Assert.IsType<AvroGenericRecord>(record["Payment"]);
        Assert.Equal("shop.payments.CardPayment", payment.FullName);
        Assert.Equal(12.34m, payment["Amount"]);
        Assert.Equal("4242", payment["Last4"]);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, payment["Token"]);
        Assert.Null(record["MaybePayment"]);
        List<object?> payments = Assert.IsType<List<object?>>(record["Payments"]);
        Assert.Equal(
            new[] { "shop.payments.CashPayment", "shop.payments.GiftVoucherPayment", "shop.payments.VoucherPayment" },
            payments.ConvertAll(p => ((AvroGenericRecord)p!).FullName));
        Assert.Equal("Ann", ((AvroGenericRecord)payments[1]!)["From"]);
        Assert.Equal(message.Note, record["Note"]);
    }

    [Fact]
    public void GeneratedSchema_ParsesWithEnumDefaultAndAliases()
    {
        AvroSchemaNode schema = AvroSchemaNode.Parse(AvroCompleteKafkaContract.AvroSchema);

        Assert.Equal(new[] { "CompleteEvent", "legacy.Complete" }, schema.Aliases);
        AvroField note = Assert.Single(schema.Fields, f => f.Name == "Note");
        Assert.Equal(new[] { "Comment", "remark" }, note.Aliases);
        AvroSchemaNode tier = Assert.Single(schema.Fields, f => f.Name == "Tier").Schema;
        Assert.Equal("Unknown", tier.EnumDefault);
        AvroSchemaNode duration = Assert.Single(schema.Fields, f => f.Name == "Duration").Schema;
        Assert.Equal((AvroSchemaType.Fixed, 12, "duration"), (duration.Type, duration.Size, duration.LogicalType));
        AvroSchemaNode payment = Assert.Single(schema.Fields, f => f.Name == "Payment").Schema;
        Assert.Equal(AvroSchemaType.Union, payment.Type);
        Assert.Equal(
            new[] { "shop.payments.CardPayment", "shop.payments.CashPayment", "shop.payments.VoucherPayment", "shop.payments.GiftVoucherPayment" },
            payment.Branches.Select(b => b.FullName));
    }

    [Fact]
    public void SchemaWithEnumDefaultNotASymbol_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => AvroSchemaNode.Parse("""{"type":"enum","name":"E","symbols":["A"],"default":"B"}"""));
        Assert.Contains("must be one of its symbols", ex.Message); // the shared schema parser's words
    }

    [Fact]
    public void SchemaWithoutRequiredAttribute_IsFormatException() =>
        Assert.Throws<FormatException>(() => AvroSchemaNode.Parse("""{"type":"fixed","name":"F"}"""));

    internal static AvroComplete Sample() => new()
    {
        Id = "complete-1",
        Checksum = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff],
        Hashes = [[1, 2, 3, 4], [255, 254, 253, 252]],
        MaybeFixed = null,
        FixedAmount = -1234567890123456.7891m,
        MaybeFixedAmount = 7922816251426433759.3543950335m,
        Duration = new AvroDuration(14, 3, 3_600_000),
        Elapsed = new TimeSpan(2, 3, 4, 5, 678),
        MaybeElapsed = TimeSpan.FromMilliseconds(1),
        TimeMillis = new TimeOnly(23, 59, 59, 999).Add(TimeSpan.FromTicks(9999)),
        TimeMicros = new TimeOnly(12, 0, 0).Add(TimeSpan.FromTicks(1234560)),
        LocalMillis = new DateTime(2024, 3, 31, 2, 30, 0, 123, DateTimeKind.Unspecified).AddTicks(9999),
        LocalMicros = new DateTime(1969, 7, 20, 20, 17, 40, DateTimeKind.Unspecified).AddTicks(1234560),
        Tier = MembershipTier.Gold,
        Payment = new CardPayment(12.34m, "4242", [1, 2, 3, 4, 5, 6, 7, 8]),
        MaybePayment = null,
        Payments = [new CashPayment(0.01m, "USD"), new GiftVoucherPayment(-5m, "GIFT", "Ann"), new VoucherPayment(99999999.99m, "V")],
        Note = "note \"quoted\" é",
    };
}
