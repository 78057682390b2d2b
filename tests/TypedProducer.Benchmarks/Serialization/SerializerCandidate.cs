using System;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>One serializer of a record shape: its batch (for timing), average size, and allocation check (generated serializers only).</summary>
public sealed record SerializerCandidate(string Name, Func<long> Batch, Func<double> AverageBytes, Func<(long Max, double Average)>? ExtraAllocatedBytes)
{
    public const string Protobuf = "Google.Protobuf";
    public const string Avro = "Avro";
    public const string GeneratedProtobuf = "Protobuf";
    public const string ProtobufForGeneratedProto = "Google.Protobuf (generated .proto)";
    public const string GeneratedJson = "JSON";
    public const string SystemTextJson = "System.Text.Json";
}
