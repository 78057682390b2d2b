using System;
using TypedProducer.Serialization;

namespace TypedProducer.Tests.Serialization;

/// <summary>Keys must equal the Java client's standard serializers byte for byte (StringSerializer, IntegerSerializer, LongSerializer, UUIDSerializer) and Confluent.Kafka's Serializers.</summary>
public sealed class KafkaKeySerializerTests
{
    [Fact]
    public void Utf8_MatchesConfluentUtf8Serializer() =>
        Assert.Equal(Confluent.Kafka.Serializers.Utf8.Serialize("ride-é€", default), KafkaKeySerializer.Utf8("ride-é€"));

    [Fact]
    public void Utf8_NullStaysNull() => Assert.Null(KafkaKeySerializer.Utf8(null));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(0x01020304)]
    public void Int32_MatchesConfluentInt32Serializer(int key) => Assert.Equal(Confluent.Kafka.Serializers.Int32.Serialize(key, default), KafkaKeySerializer.Int32(key));

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(0x0102030405060708L)]
    public void Int64_MatchesConfluentInt64Serializer(long key) => Assert.Equal(Confluent.Kafka.Serializers.Int64.Serialize(key, default), KafkaKeySerializer.Int64(key));

    [Fact]
    public void Int32_IsBigEndian() => Assert.Equal(new byte[] { 1, 2, 3, 4 }, KafkaKeySerializer.Int32(0x01020304));

    [Fact]
    public void Uuid_IsUtf8OfJavaUuidToString() // java.util.UUID.toString(): lower-case 8-4-4-4-12
        => Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e"u8.ToArray(), KafkaKeySerializer.Uuid(Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E")));

    [Fact]
    public void Utf8_UnpairedSurrogate_Throws() => Assert.Throws<ArgumentException>(() => KafkaKeySerializer.Utf8("\uDC00"));
}
