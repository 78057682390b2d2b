namespace TypedProducer;

/// <summary>How the process's librdkafka was chosen (<see cref="LibrdkafkaLibrary.Load"/>).</summary>
public enum LibrdkafkaLoadSource
{
    /// <summary>The file shipped by the application's librdkafka.redist package (the default).</summary>
    Bundled,

    /// <summary>The operating system's librdkafka, by the dynamic linker's search (<c>Kafka:NativeLibrary</c> = <c>system</c>).</summary>
    System,

    /// <summary>A file named by path (<c>Kafka:NativeLibrary</c> = a path).</summary>
    Path,
}
