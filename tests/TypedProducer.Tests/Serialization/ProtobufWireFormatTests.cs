using Google.Protobuf.Reflection;
using TypedProducer.Serialization;
using TypedProducer.Tests.Interop.ConfluentExample;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// The Confluent Protobuf wire format (Confluent Schema Registry documentation, "Wire format" and "Message indexes"):
/// magic byte 0, 4-byte big-endian schema id, the message-index array as zig-zag varints (count, then each index;
/// [0] as the single byte 0), then the message.
/// </summary>
public sealed class ProtobufWireFormatTests
{
    [Theory]
    [InlineData(new[] { 0 }, "00")] // the documented optimisation: [0] is one 0 byte, not 02 00
    [InlineData(new[] { 1 }, "0202")] // count 1 → zig-zag 2; index 1 → 2
    [InlineData(new[] { 0, 0 }, "040000")]
    [InlineData(new[] { 0, 2, 1 }, "06000402")] // the documentation's MessageA.MessageE.MessageG
    [InlineData(new[] { 64 }, "028001")] // zig-zag 64 = 128: a two-byte varint
    public void EncodeMessageIndexes_WritesZigZagCountAndIndexes(int[] path, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(ProtobufWireFormat.EncodeMessageIndexes(path)).ToLowerInvariant());
    }

    [Fact]
    public void EncodeMessageIndexes_EmptyOrNegative_Throws()
    {
        Assert.Throws<ArgumentException>(() => ProtobufWireFormat.EncodeMessageIndexes([]));
        Assert.Throws<ArgumentException>(() => ProtobufWireFormat.EncodeMessageIndexes([0, -1]));
    }

    public static TheoryData<string, int[]> DocumentationExample() => new()
    {
        { "test.example.MessageA", [0] },
        { "test.example.MessageA.MessageB", [0, 0] },
        { "test.example.MessageA.MessageB.MessageC", [0, 0, 0] },
        { "test.example.MessageA.MessageD", [0, 1] },
        { "test.example.MessageA.MessageE", [0, 2] },
        { "test.example.MessageA.MessageE.MessageF", [0, 2, 0] },
        { "test.example.MessageA.MessageE.MessageG", [0, 2, 1] },
        { "test.example.MessageH", [1] },
        { "test.example.MessageH.MessageI", [1, 0] },
    };

    // The path the generated code of a protoc-generated contract computes (Descriptor.Index up the ContainingType chain),
    // checked against the documentation's nesting example as protoc compiled it.
    [Theory]
    [MemberData(nameof(DocumentationExample))]
    public void DescriptorPath_OfDocumentationExample_IsTheDocumentedIndexes(string fullName, int[] expected)
    {
        MessageDescriptor descriptor = Find(ConfluentExampleReflection.Descriptor.MessageTypes, fullName)!;
        var path = new List<int>();
        for (MessageDescriptor? d = descriptor; d is not null; d = d.ContainingType)
        {
            path.Insert(0, d.Index);
        }

        Assert.Equal(expected, path);
    }

    private static MessageDescriptor? Find(IEnumerable<MessageDescriptor> messages, string fullName)
    {
        foreach (MessageDescriptor message in messages)
        {
            if (message.FullName == fullName)
            {
                return message;
            }

            if (Find(message.NestedTypes, fullName) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    [Fact]
    public void ReadConfluentHeader_ReadsWhatWasWritten()
    {
        byte[] indexes = ProtobufWireFormat.EncodeMessageIndexes([0, 2, 1]);
        byte[] value = [0, 0, 0, 1, 2, .. indexes, 0x0A, 0x01, 0x78];

        ReadOnlySpan<byte> body = ProtobufWireFormat.ReadConfluentHeader(value, out int schemaId, out int[] path);

        Assert.Equal(258, schemaId);
        Assert.Equal([0, 2, 1], path);
        Assert.Equal("0a0178", Convert.ToHexString(body).ToLowerInvariant());
    }

    [Fact]
    public void ReadConfluentHeader_SingleZeroByte_IsFirstMessage()
    {
        ReadOnlySpan<byte> body = ProtobufWireFormat.ReadConfluentHeader([0, 0, 0, 0, 7, 0, 0x08, 0x01], out int schemaId, out int[] path);

        Assert.Equal(7, schemaId);
        Assert.Equal([0], path);
        Assert.Equal(2, body.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0100000001")] // magic byte 1
    [InlineData("000000000104")] // count 2, indexes missing
    public void ReadConfluentHeader_Malformed_ThrowsFormatException(string hex)
    {
        byte[] value = Convert.FromHexString(hex);
        Assert.Throws<FormatException>(() => ProtobufWireFormat.ReadConfluentHeader(value, out _, out _));
    }

    [Fact]
    public void WriteConfluentHeader_WritesMagicBigEndianIdAndIndexes()
    {
        var writer = new ProtobufWriter(16);
        try
        {
            writer.WriteConfluentHeader(0x01020304, ProtobufWireFormat.EncodeMessageIndexes([1]));
            Assert.Equal("00010203040202", Convert.ToHexString(writer.WrittenSpan).ToLowerInvariant());
        }
        finally
        {
            writer.Dispose();
        }
    }
}
