using System.Text;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// CRC-64-AVRO (Apache Avro 1.11 specification, "Schema Fingerprints") against the values Apache Avro's Java
/// implementation cross-checks in share/test/data/schema-tests.txt (its "slow-but-direct" implementation validates
/// them), and the generated constants against the runtime helper.
/// </summary>
public sealed class AvroFingerprintTests
{
    [Fact]
    public void Crc64OfNoBytes_IsTheEmptyFingerprint()
    {
        Assert.Equal(0xc15d213aa4d7a795UL, AvroFingerprint.Empty);
        Assert.Equal(AvroFingerprint.Empty, AvroFingerprint.Crc64(ReadOnlySpan<byte>.Empty));
    }

    // Canonical form → fingerprint, as Java's SchemaNormalization.parsingFingerprint64 returns it (a signed long).
    [Theory]
    [InlineData("\"null\"", 7195948357588979594L)]
    [InlineData("\"boolean\"", -6970731678124411036L)]
    [InlineData("\"int\"", 8247732601305521295L)]
    [InlineData("\"long\"", -3434872931120570953L)]
    [InlineData("\"float\"", 5583340709985441680L)]
    [InlineData("\"double\"", -8181574048448539266L)]
    [InlineData("\"bytes\"", 5746618253357095269L)]
    [InlineData("\"string\"", -8142146995180207161L)]
    [InlineData("[]", -1241056759729112623L)]
    [InlineData("[\"int\"]", -5232228896498058493L)]
    [InlineData("[\"int\",\"boolean\"]", 5392556393470105090L)]
    [InlineData("{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922L)]
    [InlineData("{\"name\":\"x.y.foo\",\"type\":\"record\",\"fields\":[]}", 5916914534497305771L)]
    [InlineData("{\"name\":\"a.b.foo\",\"type\":\"record\",\"fields\":[]}", -4616218487480524110L)]
    [InlineData("{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"}]}", 7843277075252814651L)]
    [InlineData("{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"},{\"name\":\"f2\",\"type\":\"int\"}]}", -4860222112080293046L)]
    [InlineData("{\"name\":\"foo\",\"type\":\"enum\",\"symbols\":[\"A1\"]}", -6342190197741309591L)]
    [InlineData("{\"name\":\"x.y.z.foo\",\"type\":\"enum\",\"symbols\":[\"A1\",\"A2\"]}", -4448647247586288245L)]
    [InlineData("{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", 1756455273707447556L)]
    [InlineData("{\"name\":\"x.y.z.foo\",\"type\":\"fixed\",\"size\":32}", -3064184465700546786L)]
    [InlineData("{\"type\":\"array\",\"items\":\"null\"}", -589620603366471059L)]
    [InlineData("{\"type\":\"map\",\"values\":\"string\"}", -8732877298790414990L)]
    [InlineData("{\"name\":\"PigValue\",\"type\":\"record\",\"fields\":[{\"name\":\"value\",\"type\":[\"null\",\"int\",\"long\",\"PigValue\"]}]}", -1759257747318642341L)]
    public void Crc64OfCanonicalForm_EqualsJavasParsingFingerprint64(string canonicalForm, long javaFingerprint)
    {
        Assert.Equal(javaFingerprint, unchecked((long)AvroFingerprint.Crc64(Encoding.UTF8.GetBytes(canonicalForm))));
        Assert.Equal(javaFingerprint, unchecked((long)AvroFingerprint.Crc64(canonicalForm)));
    }

    public static TheoryData<string, string, ulong> GeneratedContracts() => new()
    {
        { nameof(EveryType), EveryTypeKafkaContract.AvroCanonicalForm, EveryTypeKafkaContract.AvroFingerprint },
        { nameof(OrderPlaced), OrderPlacedKafkaContract.AvroCanonicalForm, OrderPlacedKafkaContract.AvroFingerprint },
        { nameof(TreeNode), TreeNodeKafkaContract.AvroCanonicalForm, TreeNodeKafkaContract.AvroFingerprint },
        { nameof(AvroComplete), AvroCompleteKafkaContract.AvroCanonicalForm, AvroCompleteKafkaContract.AvroFingerprint },
        { nameof(PaymentTaken), PaymentTakenKafkaContract.AvroCanonicalForm, PaymentTakenKafkaContract.AvroFingerprint },
    };

    [Theory]
    [MemberData(nameof(GeneratedContracts))]
    public void GeneratedFingerprintConstant_EqualsCrc64OfGeneratedCanonicalForm(string contract, string canonicalForm, ulong fingerprint) =>
        Assert.True(AvroFingerprint.Crc64(canonicalForm) == fingerprint, contract);
}
