using System.Collections.Concurrent;
using TypedProducer.Native;

namespace TypedProducer.Tests.Native;

/// <summary>Keeps every delivery report with its state; one instance for many messages, as the producer intends.</summary>
internal sealed class NativeDeliveryRecorder : INativeDeliveryHandler
{
    private readonly ConcurrentQueue<(long State, NativeDeliveryReport Report)> _reports = new();

    public IReadOnlyList<(long State, NativeDeliveryReport Report)> Reports => _reports.ToArray();

    public void OnDelivery(long state, in NativeDeliveryReport report) => _reports.Enqueue((state, report));
}
