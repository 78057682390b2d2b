using System;

namespace TypedProducer;

/// <summary>The librdkafka image this process runs (<see cref="LibrdkafkaLibrary.Load"/>).</summary>
/// <param name="Path">The file loaded: a full path, or the bare name the dynamic linker resolved for <see cref="LibrdkafkaLoadSource.System"/>.</param>
/// <param name="Version">librdkafka's <c>rd_kafka_version_str()</c>, for example <c>2.16.0</c>.</param>
/// <param name="Source">How it was chosen.</param>
/// <param name="Note">Why an earlier candidate was passed over (for example the redist's <c>librdkafka.so</c> needing <c>libsasl2.so.3</c>), or null.</param>
public sealed record LibrdkafkaLoadInfo(string Path, string Version, LibrdkafkaLoadSource Source, string? Note)
{
    internal bool Matches(LibrdkafkaLoadSource source, string? path) =>
        source == Source && (source != LibrdkafkaLoadSource.Path || string.Equals(path, Path, StringComparison.Ordinal));
}
