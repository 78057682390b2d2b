using System;
using System.Collections.Generic;

namespace TypedProducer.Tests.Contracts;

/// <summary>An enum with a default symbol, doc and alias (written to the enum schema).</summary>
[AvroEnum(Default = nameof(Unknown), Doc = "Loyalty tier", Aliases = new[] { "Tier" })]
public enum MembershipTier
{
    Unknown,
    Silver,
    Gold,
}

/// <summary>A polymorphic base: members of this type are the union [CardPayment, CashPayment, VoucherPayment].</summary>
[AvroUnion(typeof(CardPayment), typeof(CashPayment), typeof(VoucherPayment), typeof(GiftVoucherPayment))]
public abstract record Payment([property: AvroDecimal(10, 2)] decimal Amount);

[AvroRecord(Namespace = "shop.payments", Doc = "Paid by card", Aliases = new[] { "CreditCardPayment" })]
public sealed record CardPayment(decimal Amount, string Last4, [property: AvroFixed(8, Name = "CardToken")] byte[] Token) : Payment(Amount);

[AvroRecord(Namespace = "shop.payments")]
public sealed record CashPayment(decimal Amount, string Currency) : Payment(Amount);

/// <summary>Listed before its subtype <see cref="GiftVoucherPayment"/>: the serializer still tests the subtype first.</summary>
[AvroRecord(Namespace = "shop.payments")]
public record VoucherPayment(decimal Amount, string Code) : Payment(Amount);

[AvroRecord(Namespace = "shop.payments")]
public sealed record GiftVoucherPayment(decimal Amount, string Code, string From) : VoucherPayment(Amount, Code);

/// <summary>A subtype not listed in [AvroUnion]: serializing it fails naming it.</summary>
public sealed record BarterPayment(decimal Amount) : Payment(Amount);

/// <summary>Every type and logical type the Avro 1.11 specification adds beyond <see cref="EveryType"/>.</summary>
[KafkaMessage("avro.complete", Namespace = "avro.complete", Doc = "Fixed, duration, local timestamps, time-millis, enum default, unions of records")]
[AvroRecord(Aliases = new[] { "CompleteEvent", "legacy.Complete" })]
public sealed partial class AvroComplete
{
    [MessageKey]
    public string Id { get; set; } = "";

    [AvroFixed(16)]
    public byte[] Checksum { get; set; } = new byte[16];

    [AvroFixed(4, Name = "Hash4")]
    public List<byte[]> Hashes { get; set; } = new();

    [AvroFixed(2)]
    public byte[]? MaybeFixed { get; set; }

    [AvroDecimal(20, 4)]
    [AvroFixed(9)]
    public decimal FixedAmount { get; set; }

    [AvroDecimal(38, 10)]
    [AvroFixed(16, Name = "Money128")]
    public decimal? MaybeFixedAmount { get; set; }

    public AvroDuration Duration { get; set; }

    [AvroFixed(12, Name = "Elapsed")]
    public TimeSpan Elapsed { get; set; }

    public TimeSpan? MaybeElapsed { get; set; }

    [AvroTime(AvroTimePrecision.Millis)]
    public TimeOnly TimeMillis { get; set; }

    [AvroTime(AvroTimePrecision.Micros)]
    public TimeOnly TimeMicros { get; set; }

    [AvroTimestamp(Local = true)]
    public DateTime LocalMillis { get; set; }

    [AvroTimestamp(AvroTimestampPrecision.Micros, Local = true)]
    public DateTime LocalMicros { get; set; }

    public MembershipTier Tier { get; set; }

    public Payment Payment { get; set; } = new CashPayment(0m, "USD");

    public Payment? MaybePayment { get; set; }

    public List<Payment> Payments { get; set; } = new();

    [AvroField(Doc = "A note", Default = "\"\"", Aliases = new[] { "Comment", "remark" })]
    public string Note { get; set; } = "";
}

/// <summary>A small contract for byte-exact tests of the union encoding.</summary>
[KafkaMessage("payments.taken", Namespace = "shop.events")]
public sealed partial record PaymentTaken([property: MessageKey] int Id, Payment Payment, Payment? Refund);
