using System.Text;
using TypedProducer.Partitioning;

namespace TypedProducer.Tests.Partitioning;

/// <summary>
/// Every upstream vector in ../shared/reference/partitioners.md: Apache Kafka's UtilsTest.testMurmur2, librdkafka's
/// unittest_murmur2 (Java results), librdkafka tests/0048-partitioner (murmur2 / murmur2_random, 7 and 17 partitions,
/// constants from tests/java/Murmur2Cli) and two cross-client reports.
/// </summary>
public sealed class JavaCompatiblePartitionerTests
{
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void JavaUtilsTestVectors_Murmur2MatchesJava(string key, int expected) =>
        Assert.Equal(expected, JavaCompatiblePartitioner.Murmur2(Encoding.ASCII.GetBytes(key)));

    [Theory]
    [InlineData("kafka", 0xd067cf64u)]
    [InlineData("giberish123456789", 0x8f552b0cu)]
    [InlineData("1234", 0x9fc97b14u)]
    [InlineData("234", 0xe7c009cau)]
    [InlineData("34", 0x873930dau)]
    [InlineData("4", 0x5a4b5ca1u)]
    [InlineData("PreAmbleWillBeRemoved,ThePrePartThatIs", 0x78424f1cu)]
    [InlineData("reAmbleWillBeRemoved,ThePrePartThatIs", 0x4a62b377u)]
    [InlineData("eAmbleWillBeRemoved,ThePrePartThatIs", 0xe0e4e09eu)]
    [InlineData("AmbleWillBeRemoved,ThePrePartThatIs", 0x62b8b43fu)]
    [InlineData("", 0x106e08d9u)]
    public void LibrdkafkaUnitTestVectors_Murmur2MatchesJava(string key, uint expected) =>
        Assert.Equal(unchecked((int)expected), JavaCompatiblePartitioner.Murmur2(Encoding.ASCII.GetBytes(key)));

    [Fact]
    public void LibrdkafkaUnitTestVectors_UnalignedSpansHashAsTheirBytes()
    {
        // unittest_murmur2 hashes at pointer offsets +1..+3 to exercise unaligned reads; slices do the same here.
        byte[] buffer = Encoding.ASCII.GetBytes("PreAmbleWillBeRemoved,ThePrePartThatIs");
        Assert.Equal(unchecked((int)0x4a62b377u), JavaCompatiblePartitioner.Murmur2(buffer.AsSpan(1)));
        Assert.Equal(unchecked((int)0xe0e4e09eu), JavaCompatiblePartitioner.Murmur2(buffer.AsSpan(2)));
        Assert.Equal(unchecked((int)0x62b8b43fu), JavaCompatiblePartitioner.Murmur2(buffer.AsSpan(3)));
    }

    // tests/0048-partitioner.c, murmur2_random row (the Java-compatible partitioner): empty key hashed, NULL key random.
    [Theory]
    [InlineData("", 7, 2)]
    [InlineData("23456", 7, 5)]
    [InlineData("this is another string with more length to it perhaps", 7, 1)]
    [InlineData("hejsan", 7, 6)]
    [InlineData("", 17, 11)]
    [InlineData("23456", 17, 9)]
    [InlineData("this is another string with more length to it perhaps", 17, 11)]
    [InlineData("hejsan", 17, 5)]
    public void LibrdkafkaPartitionerTestVectors_PartitionMatches(string key, int partitions, int expected) =>
        Assert.Equal(expected, JavaCompatiblePartitioner.Partition(Encoding.ASCII.GetBytes(key), partitions));

    // The Murmur2Cli constants in 0048 are already toPositive()-masked: check the mask, not Math.Abs.
    [Theory]
    [InlineData("23456", 0x058d780f)]
    [InlineData("this is another string with more length to it perhaps", 0x4f7703da)]
    [InlineData("hejsan", 0x5ec19395)]
    public void Murmur2CliConstants_ToPositiveMatches(string key, int expected) =>
        Assert.Equal(expected, JavaCompatiblePartitioner.ToPositive(JavaCompatiblePartitioner.Murmur2(Encoding.ASCII.GetBytes(key))));

    [Theory]
    [InlineData("UFJPRDAuQVNTRVQuMzEwMQ.002.AC000HN.01_RMSVel", 30, 13)] // confluent-kafka-dotnet #1729: Java put it on 13
    [InlineData("TT0124", 15, 10)] // kafkajs #1154: JavaCompatiblePartitioner gave 10
    public void CrossClientReports_PartitionMatchesJava(string key, int partitions, int expected) =>
        Assert.Equal(expected, JavaCompatiblePartitioner.Partition(Encoding.UTF8.GetBytes(key), partitions));

    [Fact]
    public void ToPositive_ClearsSignBitNotAbs()
    {
        Assert.Equal(0, JavaCompatiblePartitioner.ToPositive(int.MinValue));
        Assert.Equal(int.MaxValue, JavaCompatiblePartitioner.ToPositive(-1));
    }

    [Fact]
    public void ZeroPartitions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JavaCompatiblePartitioner.Partition([1], 0));
}
