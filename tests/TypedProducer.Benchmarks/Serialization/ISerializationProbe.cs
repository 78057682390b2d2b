namespace TypedProducer.Benchmarks.Serialization;

/// <summary>Checks on a serialization benchmark's records that are not timings: sizes and exact allocations.</summary>
public interface ISerializationProbe
{
    void Setup();

    long Protobuf();

    long Avro();

    long SystemTextJson();

    /// <summary>Average serialized size in bytes: Avro (with the 5-byte Confluent header), Protobuf, JSON.</summary>
    (double Avro, double Protobuf, double Json) AverageSizes();

    /// <summary>
    /// Bytes the Avro serializer allocates per record beyond the returned array (measured on this thread around
    /// each call, after a warm-up pass): the largest and the average over the records. Both must be 0.
    /// </summary>
    (long Max, double Average) AvroExtraAllocatedBytes();
}
