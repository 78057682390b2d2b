using System.Linq;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// The generated code of representative contracts, compared with Snapshots/SnapshotTests.*.verified.cs. Each
/// snippet must also compile with its generated code.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void EveryMemberType_GeneratesUnrolledSerializer()
    {
        // Mirrors tests/TypedProducer.Tests/Contracts/TestContracts.cs (EveryType, Color, Address).
        const string Source = """
            using System;
            using System.Collections.Generic;
            using TypedProducer;

            namespace TypedProducer.Tests.Contracts;

            public enum Color
            {
                Red,
                Green,
                Blue,
            }

            public sealed record Address(string Street, int? Number);

            [KafkaMessage("every.type", Doc = "Every supported member type")]
            public sealed partial class EveryType
            {
                [MessageKey]
                public string Id { get; set; } = "";
                public bool Flag { get; set; }
                public int Int { get; set; }
                public long Long { get; set; }
                public float Float { get; set; }
                public double Double { get; set; }
                public byte[] Bytes { get; set; } = [];
                public string Text { get; set; } = "";
                public Guid Uuid { get; set; }
                public DateTimeOffset TimestampMillis { get; set; }
                [AvroTimestamp(AvroTimestampPrecision.Micros)]
                public DateTime TimestampMicros { get; set; }
                public DateOnly Date { get; set; }
                public TimeOnly Time { get; set; }
                [AvroDecimal(10, 2)]
                public decimal Amount { get; set; }
                public Color Color { get; set; }
                public double? MaybeDouble { get; set; }
                public string? MaybeText { get; set; }
                public Address Home { get; set; } = new("", null);
                public Address? Work { get; set; }
                public int[] Numbers { get; set; } = [];
                public List<string> Tags { get; set; } = new();
                public IReadOnlyList<Address> History { get; set; } = Array.Empty<Address>();
                public Dictionary<string, long> Counters { get; set; } = new();
                public List<int?> Sparse { get; set; } = new();
                [AvroField(Name = "renamed", Doc = "Renamed field", Default = "\"n/a\"")]
                public string Original { get; set; } = "";
                [MessageIgnore]
                public string NotSent { get; set; } = "";
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void PositionalRecordWithGuidKeyStringPartitionKeyAndDecimal_GeneratesBothKeySerializers()
    {
        const string Source = """
            using System;
            using TypedProducer;

            namespace Shop.Contracts;

            [KafkaMessage("orders", Namespace = "shop.events")]
            public sealed partial record OrderPlaced(
                [property: MessageKey] Guid OrderId,
                [property: PartitionKey] string CustomerId,
                [property: AvroDecimal(12, 2)] decimal Total,
                DateTimeOffset PlacedAt);
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void RecordStructWithLongKey_GeneratesPartialRecordStruct()
    {
        const string Source = """
            using TypedProducer;

            namespace Metrics.Contracts;

            [KafkaMessage("counters")]
            public partial record struct CounterIncremented([property: MessageKey] long CounterId, int By);
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void UnkeyedContract_SerializesNullKey()
    {
        const string Source = """
            using System;
            using TypedProducer;

            namespace Ops.Contracts;

            [KafkaMessage("unkeyed")]
            internal sealed partial record Heartbeat(string Source, DateTimeOffset At);
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void RecursiveType_DefinesRecordOnceAndReferencesItByFullName()
    {
        const string Source = """
            using System.Collections.Generic;
            using TypedProducer;

            namespace Forest.Contracts;

            [KafkaMessage("trees")]
            public sealed partial class TreeNode
            {
                [MessageKey]
                public int Id { get; set; }

                public string Label { get; set; } = "";

                public TreeNode? Parent { get; set; }

                public List<TreeNode> Children { get; set; } = new();
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void EnumWithDuplicateConstantValues_ListsEverySymbolAndWritesFirstOfEachValue()
    {
        const string Source = """
            using TypedProducer;

            namespace Accounts.Contracts;

            public enum AccountState
            {
                Unknown = 0,
                Active = 1,
                Enabled = 1,
                Closed = 2,
                Default = Unknown,
            }

            [KafkaMessage("account-state")]
            public sealed partial class AccountStateChanged
            {
                [MessageKey]
                public string AccountId { get; set; } = "";

                public AccountState State { get; set; }

                public AccountState? Previous { get; set; }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void ContractInGlobalNamespace_GeneratesWithoutNamespaceDeclaration()
    {
        const string Source = """
            using TypedProducer;

            [KafkaMessage("global")]
            public sealed partial class GlobalEvent
            {
                [MessageKey]
                public byte[]? Key { get; set; }

                public string Text { get; set; } = "";
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void NullableMemberWithNonNullDefault_PutsNullSecondInUnion()
    {
        const string Source = """
            using TypedProducer;

            namespace Catalog.Contracts;

            [KafkaMessage("products")]
            public sealed partial class ProductRenamed
            {
                [MessageKey]
                public int ProductId { get; set; }

                [AvroField(Default = "\"unnamed\"", Doc = "The new name; \"unnamed\" for old writers")]
                public string? Name { get; set; }

                [AvroField(Default = "0")]
                public int? Revision { get; set; }

                [AvroField(Default = "null")]
                public string? Note { get; set; }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void SeveralContracts_GenerateOneAddTypedProducersRegistrationInTypeNameOrder()
    {
        const string Source = """
            using TypedProducer;

            namespace Zoo.Contracts
            {
                [KafkaMessage("zebras")]
                public sealed partial record ZebraSeen([property: MessageKey] string Name);
            }

            namespace Aviary.Contracts
            {
                [KafkaMessage("parrots")]
                internal sealed partial record ParrotSpoke([property: MessageKey] int ParrotId, string Words);
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void ContractWithSeveralProblems_ReportsDiagnosticsAndGeneratesNothing()
    {
        const string Source = """
            using TypedProducer;

            namespace Broken.Contracts;

            [KafkaMessage("broken")]
            public sealed partial class Broken
            {
                [MessageKey]
                public double Key { get; set; }

                public decimal Amount { get; set; }

                public object Payload { get; set; } = new();
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Assert.Empty(run.GeneratedSources);
        Snapshot.Verify(run);
    }

    [Fact]
    public void GeneratedCodeAttribute_CarriesGeneratorAssemblyVersion()
    {
        // The snapshots scrub this version; check it here once.
        GeneratorRun run = GeneratorHarness.Run("""
            using TypedProducer;

            namespace N;

            [KafkaMessage("t")]
            public sealed partial record E(int A);
            """);
        string version = typeof(TypedProducerGenerator).Assembly.GetName().Version!.ToString();
        string source = run.GeneratedSources.Single(s => s.Key == "N.E.TypedProducer.g.cs").Value;
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"TypedProducer.Generator\", \"{version}\")]", source);
        Assert.DoesNotContain("{scrubbed", source);
    }
}
