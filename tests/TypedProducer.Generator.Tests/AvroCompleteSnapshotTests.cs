using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// The generated code of a contract with every type the Avro 1.11 specification adds beyond the basic ones (fixed,
/// decimal on fixed, duration, time-millis, local timestamps, an enum with a default, aliases and a union of several
/// records), compared with Snapshots/AvroCompleteSnapshotTests.*.verified.cs; and the pipeline stays cacheable with
/// those specs.
/// </summary>
public sealed class AvroCompleteSnapshotTests
{
    // Mirrors tests/TypedProducer.Tests/Contracts/AvroCompleteContracts.cs.
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using TypedProducer;

        namespace TypedProducer.Tests.Contracts;

        [AvroEnum(Default = nameof(Unknown), Doc = "Loyalty tier", Aliases = new[] { "Tier" })]
        public enum MembershipTier { Unknown, Silver, Gold }

        [AvroUnion(typeof(CardPayment), typeof(CashPayment), typeof(VoucherPayment), typeof(GiftVoucherPayment))]
        public abstract record Payment([property: AvroDecimal(10, 2)] decimal Amount);

        [AvroRecord(Namespace = "shop.payments", Doc = "Paid by card", Aliases = new[] { "CreditCardPayment" })]
        public sealed record CardPayment(decimal Amount, string Last4, [property: AvroFixed(8, Name = "CardToken")] byte[] Token) : Payment(Amount);

        [AvroRecord(Namespace = "shop.payments")]
        public sealed record CashPayment(decimal Amount, string Currency) : Payment(Amount);

        [AvroRecord(Namespace = "shop.payments")]
        public record VoucherPayment(decimal Amount, string Code) : Payment(Amount);

        [AvroRecord(Namespace = "shop.payments")]
        public sealed record GiftVoucherPayment(decimal Amount, string Code, string From) : VoucherPayment(Amount, Code);

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
        """;

    [Fact]
    public void EveryAvroType_GeneratesFixedDurationLocalTimestampsAndUnionOfRecords()
    {
        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void EveryAvroType_SecondRunIsCachedAndSpecsHoldNoSymbols()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        // No diagnostics, so the Diagnostics step has no outputs to track (CacheabilityTests covers it).
        PipelineAssert.AllStepsCached(first.Result, second.Result, "Contracts", "Specs", "AllSpecs");
    }
}
