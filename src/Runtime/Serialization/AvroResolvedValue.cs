using System;
using System.ComponentModel;
using TypedProducer.Schemas.Avro;
using SchemaField = TypedProducer.Schemas.Avro.AvroField;

namespace TypedProducer.Serialization;

/// <summary>
/// How one value written with a writer's schema is read as the contract's type (Apache Avro 1.11 specification, "Schema
/// Resolution"): a node of a resolution plan, built once per writer schema id by <see cref="AvroContractReader{TMessage}"/>.
/// Generated deserializers call its <c>Read*</c> methods, which read the writer's encoding (its union branch, a promoted
/// number) and return the contract's value. For generated code; not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AvroResolvedValue
{
    internal AvroResolvedValue(AvroResolution context, string path, AvroType? writer)
    {
        Context = context;
        Path = path;
        Writer = writer;
    }

    /// <summary>For an array or map: how its items or values are read.</summary>
    public AvroResolvedValue? Items { get; internal set; }

    internal AvroResolution Context { get; }

    /// <summary>The contract's field path, for messages.</summary>
    internal string Path { get; }

    /// <summary>The writer's type (not a union); null when <see cref="WriterBranches"/> is set.</summary>
    internal AvroType? Writer { get; }

    /// <summary>When the writer wrote a union: how each of its branches is read.</summary>
    internal AvroResolvedValue[]? WriterBranches { get; set; }

    /// <summary>Why this writer branch cannot be read (raised when a value uses it), or null.</summary>
    internal string? Error { get; set; }

    /// <summary>When the contract's type is a union: the branch that reads the writer's value; -1 otherwise.</summary>
    internal int ReaderBranch { get; set; } = -1;

    internal AvroResolvedRecord? Record { get; set; }

    /// <summary>For an enum: the contract's symbol index of each writer symbol index; -1 for a symbol it cannot read.</summary>
    internal int[]? EnumMap { get; set; }

    /// <summary>Reads a <c>boolean</c>.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The value.</returns>
    public bool ReadBoolean(ref AvroReader reader)
    {
        Unwrap(ref reader);
        return reader.ReadBoolean();
    }

    /// <summary>Reads an <c>int</c>.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The value.</returns>
    public int ReadInt(ref AvroReader reader)
    {
        Unwrap(ref reader);
        return reader.ReadInt();
    }

    /// <summary>Reads a <c>long</c>, promoted from an <c>int</c> when the writer wrote one.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The value.</returns>
    public long ReadLong(ref AvroReader reader)
    {
        AvroResolvedValue value = Unwrap(ref reader);
        return value.Writer!.Kind == AvroKind.Int ? reader.ReadInt() : reader.ReadLong();
    }

    /// <summary>Reads a <c>float</c>, promoted from an <c>int</c> or <c>long</c>.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The value.</returns>
    public float ReadFloat(ref AvroReader reader)
    {
        AvroResolvedValue value = Unwrap(ref reader);
        return value.Writer!.Kind switch
        {
            AvroKind.Int => reader.ReadInt(),
            AvroKind.Long => reader.ReadLong(),
            _ => reader.ReadFloat(),
        };
    }

    /// <summary>Reads a <c>double</c>, promoted from an <c>int</c>, <c>long</c> or <c>float</c>.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The value.</returns>
    public double ReadDouble(ref AvroReader reader)
    {
        AvroResolvedValue value = Unwrap(ref reader);
        return value.Writer!.Kind switch
        {
            AvroKind.Int => reader.ReadInt(),
            AvroKind.Long => reader.ReadLong(),
            AvroKind.Float => reader.ReadFloat(),
            _ => reader.ReadDouble(),
        };
    }

    /// <summary>Reads a <c>string</c>, or <c>bytes</c> as UTF-8.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The value.</returns>
    public string ReadString(ref AvroReader reader)
    {
        Unwrap(ref reader);
        return reader.ReadString();
    }

    /// <summary>Reads <c>bytes</c>, or a <c>string</c>'s UTF-8 bytes.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>A new array.</returns>
    public byte[] ReadBytes(ref AvroReader reader)
    {
        Unwrap(ref reader);
        return reader.ReadBytes();
    }

    /// <summary>Reads a <c>fixed</c> (same name and size as the contract's).</summary>
    /// <param name="reader">The data.</param>
    /// <returns>A new array.</returns>
    public byte[] ReadFixed(ref AvroReader reader)
    {
        AvroResolvedValue value = Unwrap(ref reader);
        return reader.ReadFixed((int)value.Writer!.Size);
    }

    /// <summary>Reads an enum symbol, as the contract's symbol index (the writer's symbols matched by name, unknown ones to the contract's default).</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The contract's symbol index.</returns>
    /// <exception cref="SchemaResolutionException">The writer's symbol is not one of the contract's, and its enum has no default.</exception>
    public int ReadEnum(ref AvroReader reader)
    {
        AvroResolvedValue value = Unwrap(ref reader);
        int[] map = value.EnumMap!;
        int writerIndex = reader.ReadEnumIndex(map.Length);
        int readerIndex = map[writerIndex];
        if (readerIndex < 0)
        {
            throw Context.Fail($"field '{Path}': the writer's enum symbol '{value.Writer!.Symbols[writerIndex]}' is not a symbol of the contract's enum {value.Writer.FullName}, which has no default (Avro schema resolution: an unknown symbol is an error unless the reader's enum has a default)");
        }

        return readerIndex;
    }

    /// <summary>Starts a record: the plan of the writer's record.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The record's plan.</returns>
    public AvroResolvedRecord ReadRecord(ref AvroReader reader) => Unwrap(ref reader).Record!;

    /// <summary>Starts an array or map: reads the writer's union branch when it wrote one; its <see cref="Items"/> read the items.</summary>
    /// <param name="reader">The data.</param>
    /// <returns>The plan whose <see cref="Items"/> reads the items or values.</returns>
    public AvroResolvedValue ReadCollection(ref AvroReader reader) => Unwrap(ref reader);

    /// <summary>
    /// For a contract type that is a union (a nullable type or a union of records): reads the writer's branch and returns
    /// the contract's branch that reads it (specification: the first branch of the reader's union that matches).
    /// </summary>
    /// <param name="reader">The data.</param>
    /// <param name="value">How the branch's value is read.</param>
    /// <returns>The contract's union branch index.</returns>
    public int ReadBranch(ref AvroReader reader, out AvroResolvedValue value)
    {
        value = Unwrap(ref reader);
        return value.ReaderBranch;
    }

    private AvroResolvedValue Unwrap(ref AvroReader reader)
    {
        AvroResolvedValue value = this;
        if (WriterBranches is { } branches)
        {
            value = branches[reader.ReadUnionIndex(branches.Length)];
        }

        if (value.Error is { } error)
        {
            throw Context.Fail(error);
        }

        return value;
    }

    /// <summary>Skips a value of the writer's type <paramref name="type"/>.</summary>
    internal static void Skip(AvroType type, ref AvroReader reader)
    {
        switch (type.Kind)
        {
            case AvroKind.Null:
                return;
            case AvroKind.Boolean:
                reader.Skip(1);
                return;
            case AvroKind.Int:
            case AvroKind.Long:
            case AvroKind.Enum:
                reader.ReadLong();
                return;
            case AvroKind.Float:
                reader.Skip(4);
                return;
            case AvroKind.Double:
                reader.Skip(8);
                return;
            case AvroKind.Bytes:
            case AvroKind.String:
                reader.ReadBytesSpan();
                return;
            case AvroKind.Fixed:
                reader.Skip((int)type.Size);
                return;
            case AvroKind.Record:
                reader.EnterRecursiveRecord();
                foreach (SchemaField field in type.Fields)
                {
                    Skip(field.Type, ref reader);
                }

                reader.ExitRecursiveRecord();
                return;
            case AvroKind.Union:
                Skip(type.Branches[reader.ReadUnionIndex(type.Branches.Count)], ref reader);
                return;
            case AvroKind.Array:
            case AvroKind.Map:
                while (true)
                {
                    long count = reader.ReadLong();
                    if (count == 0)
                    {
                        return;
                    }

                    if (count < 0)
                    {
                        // A block with its size in bytes: skipped whole (specification, "Complex Types: Arrays").
                        long size = reader.ReadLong();
                        if (size < 0 || size > int.MaxValue)
                        {
                            throw new FormatException($"An Avro block size of {size} bytes is invalid.");
                        }

                        reader.Skip((int)size);
                        continue;
                    }

                    for (long i = 0; i < count; i++)
                    {
                        if (type.Kind == AvroKind.Map)
                        {
                            reader.ReadBytesSpan();
                        }

                        Skip(type.Items!, ref reader);
                    }
                }

            default:
                throw new FormatException($"Cannot skip an Avro {AvroType.KindName(type.Kind)}.");
        }
    }
}

/// <summary>How a writer's record is read as the contract's record: the writer's fields in order, then the contract's fields the writer lacks (their defaults). For generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AvroResolvedRecord
{
    internal AvroResolvedRecord() => Fields = Array.Empty<AvroResolvedField>();

    /// <summary>The steps: each writer field (read into a contract field, or skipped), then each default.</summary>
    public AvroResolvedField[] Fields { get; internal set; }
}

/// <summary>One step of an <see cref="AvroResolvedRecord"/>. For generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AvroResolvedField
{
    private readonly AvroType? _skipped;

    internal AvroResolvedField(int readerIndex, AvroResolvedValue? value, AvroType? skipped, byte[]? defaultValue)
    {
        ReaderIndex = readerIndex;
        Value = value!;
        _skipped = skipped;
        DefaultValue = defaultValue;
    }

    /// <summary>The contract field (index in the contract's record) this step sets; -1 for a writer field the contract does not have.</summary>
    public int ReaderIndex { get; }

    /// <summary>How the value is read (for a default, from <see cref="DefaultValue"/> with the contract's own schema).</summary>
    public AvroResolvedValue Value { get; }

    /// <summary>For a contract field the writer lacks: its default, encoded in the contract's schema; null otherwise.</summary>
    public byte[]? DefaultValue { get; }

    /// <summary>Skips the writer field this step stands for (<see cref="ReaderIndex"/> is -1).</summary>
    /// <param name="reader">The data.</param>
    public void Skip(ref AvroReader reader) => AvroResolvedValue.Skip(_skipped!, ref reader);
}
