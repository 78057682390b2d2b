using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace TypedProducer.Serialization;

/// <summary>
/// The Confluent Protobuf wire format (Confluent Schema Registry documentation, "Wire format"): magic byte <c>0</c>,
/// 4-byte big-endian schema id, the message-index array, then the Protobuf-encoded message. The message-index array
/// is the path to the message type inside the registered <c>.proto</c> (index among the file's top-level messages,
/// then among that message's nested messages, and so on), written as its length followed by each index, all as
/// zig-zag varints; the common path <c>[0]</c> (the file's first message) is written as the single byte <c>0</c>.
/// </summary>
public static class ProtobufWireFormat
{
    /// <summary>The encoded message-index array of the first top-level message, <c>[0]</c>: the single byte 0.</summary>
    public static ReadOnlySpan<byte> FirstMessageIndexes => [0];

    /// <summary>Encodes a message-index array.</summary>
    /// <param name="path">The indexes from the file's top level down to the message; at least one, none negative.</param>
    /// <returns>The encoded array: <c>[0x00]</c> for <c>[0]</c>, otherwise the zig-zag varint count and indexes.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or holds a negative index.</exception>
    public static byte[] EncodeMessageIndexes(ReadOnlySpan<int> path)
    {
        if (path.IsEmpty)
        {
            throw new ArgumentException("A message-index path has at least one index.", nameof(path));
        }

        if (path.Length == 1 && path[0] == 0)
        {
            return [0];
        }

        var bytes = new List<byte>(1 + path.Length);
        WriteZigZag(bytes, path.Length);
        foreach (int index in path)
        {
            if (index < 0)
            {
                throw new ArgumentException($"Message index {index} is negative.", nameof(path));
            }

            WriteZigZag(bytes, index);
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// Reads the Confluent Protobuf header of a record value and returns the Protobuf-encoded message after it.
    /// </summary>
    /// <param name="value">The record value.</param>
    /// <param name="schemaId">The schema id.</param>
    /// <param name="messageIndexes">The message-index path (<c>[0]</c> for the single byte 0).</param>
    /// <returns>The message bytes.</returns>
    /// <exception cref="FormatException">The value is shorter than the header, its magic byte is not 0, or the index array is malformed.</exception>
    public static ReadOnlySpan<byte> ReadConfluentHeader(ReadOnlySpan<byte> value, out int schemaId, out int[] messageIndexes)
    {
        if (value.Length < 6 || value[0] != 0)
        {
            throw new FormatException("Not the Confluent Protobuf wire format: expected magic byte 0, a 4-byte schema id and a message-index array.");
        }

        schemaId = BinaryPrimitives.ReadInt32BigEndian(value.Slice(1));
        int position = 5;
        int count = ReadZigZag(value, ref position);
        if (count == 0)
        {
            messageIndexes = [0];
        }
        else
        {
            if (count < 0 || count > value.Length)
            {
                throw new FormatException($"Invalid message-index array length {count}.");
            }

            messageIndexes = new int[count];
            for (int i = 0; i < count; i++)
            {
                messageIndexes[i] = ReadZigZag(value, ref position);
            }
        }

        return value.Slice(position);
    }

    private static void WriteZigZag(List<byte> bytes, int value)
    {
        uint n = (uint)((value << 1) ^ (value >> 31));
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }

        bytes.Add((byte)n);
    }

    private static int ReadZigZag(ReadOnlySpan<byte> value, ref int position)
    {
        uint n = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (position >= value.Length)
            {
                throw new FormatException("The message-index array is truncated.");
            }

            byte b = value[position++];
            n |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)(n >> 1) ^ -(int)(n & 1);
            }
        }

        throw new FormatException("A message index is not a valid varint.");
    }
}
