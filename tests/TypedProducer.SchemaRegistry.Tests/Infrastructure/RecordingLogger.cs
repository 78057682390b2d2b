using Microsoft.Extensions.Logging;

namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

/// <summary>Keeps what the client logs, and lets a test act on a log line (for example restart the server on the first retry).</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<string> _lines = new();

    public Action<string>? OnLog { get; set; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string line = formatter(state, exception);
        lock (_lines)
        {
            _lines.Add(line);
        }

        OnLog?.Invoke(line);
    }
}
