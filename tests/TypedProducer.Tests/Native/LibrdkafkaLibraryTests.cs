using Confluent.Kafka;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Native;

/// <summary>
/// The process runs the librdkafka of its librdkafka.redist package, chosen deterministically, also on a machine that
/// has an OS librdkafka (Debian's librdkafka-dev installs /usr/lib/x86_64-linux-gnu/librdkafka.so) and lacks the
/// redist default build's libsasl2.so.3; and a plain Confluent.Kafka consumer works on it without any shim.
/// </summary>
public sealed class LibrdkafkaLibraryTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    [Fact]
    public void Loaded_IsTheRedistFileInTheAppsNativeAssets_AndConfluentKafkaRunsIt()
    {
        LibrdkafkaLoadInfo info = LibrdkafkaLibrary.Load();

        Assert.Equal(LibrdkafkaLoadSource.Bundled, info.Source);
        string expectedDirectory = Path.Combine(AppContext.BaseDirectory, "runtimes");
        Assert.StartsWith(expectedDirectory, info.Path, StringComparison.Ordinal);
        Assert.Equal(info.Version, Library.VersionString);
        Assert.True(Version.Parse(info.Version) >= new Version(2, 15, 1), $"librdkafka {info.Version} is older than the redist Confluent.Kafka depends on");
        if (OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/librdkafka.so"))
        {
            Assert.DoesNotContain("/usr/lib", info.Path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LoadOfAnotherLocationAfterTheFirst_ThrowsNamingBoth()
    {
        LibrdkafkaLoadInfo info = LibrdkafkaLibrary.Load();

        var ex = Assert.Throws<InvalidOperationException>(() => LibrdkafkaLibrary.Load(LibrdkafkaLibrary.SystemLocation));

        Assert.Contains(info.Path, ex.Message);
        Assert.Contains("operating system's librdkafka", ex.Message);
        Assert.Same(info, LibrdkafkaLibrary.Load(LibrdkafkaLibrary.BundledLocation));
    }

    [Fact]
    public async Task PlainConfluentConsumer_ReadsBackWhatWasProduced()
    {
        const string topic = "native-consumer-check";
        kafka.Cluster.CreateTopic(topic, 1);
        using (IProducer<byte[]?, byte[]> producer = new ProducerBuilder<byte[]?, byte[]>(KafkaProducerConnection.BuildConfig(new TypedProducerOptions(), kafka.BootstrapServers)).Build())
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = [1], Value = [2, 3] });
        }

        ConsumeResult<byte[]?, byte[]> record = Assert.Single(kafka.ReadAll(topic, 1));

        Assert.Equal(new byte[] { 2, 3 }, record.Message.Value);
        Assert.Equal(0, record.Offset.Value);
    }
}
