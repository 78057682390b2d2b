using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>A serialization benchmark's candidates, for the interleaved timing and the size and allocation checks.</summary>
public interface ISerializationProbe
{
    void Setup();

    IReadOnlyList<SerializerCandidate> Candidates();
}
