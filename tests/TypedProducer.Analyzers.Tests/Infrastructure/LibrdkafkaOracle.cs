using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>
/// The real verdict on a producer configuration: Confluent.Kafka's <c>ProducerBuilder.Build()</c> over the bundled
/// librdkafka (loaded by <see cref="LibrdkafkaLibrary.Load"/>), then one produce to an unreachable broker, which runs
/// the topic checks librdkafka defers to the first produce when no topic-level key was set. A transactional producer
/// refuses any produce outside a transaction before it reaches those checks, and a transaction needs a broker, so for
/// it the oracle asks librdkafka directly for the topic object the produce would create (<c>rd_kafka_topic_new</c>).
/// </summary>
internal static class LibrdkafkaOracle
{
    /// <summary>Where the oracle's producers point: a closed port on loopback (connections are refused at once).</summary>
    public const string UnreachableBroker = "127.0.0.1:9";

    private static readonly Lazy<Native> s_native = new(static () => new Native());

    /// <summary>The librdkafka that answers: Confluent.Kafka's own report of the loaded library.</summary>
    public static string LibraryVersion
    {
        get
        {
            _ = s_native.Value;
            return Library.VersionString;
        }
    }

    /// <summary>The file that was loaded.</summary>
    public static string LibraryPath => s_native.Value.Path;

    /// <summary>Builds a producer from <paramref name="config"/> (in order; null values kept) and reports what was refused.</summary>
    public static Verdict Judge(IReadOnlyList<KeyValuePair<string, string?>> config)
    {
        var native = s_native.Value;
        var all = new List<KeyValuePair<string, string>>(config.Count + 2);
        bool hasBootstrap = false;
        bool hasPoll = false;
        foreach (var pair in config)
        {
            hasBootstrap |= pair.Key is "bootstrap.servers" or "metadata.broker.list";
            hasPoll |= pair.Key == "dotnet.producer.enable.background.poll";
            all.Add(new KeyValuePair<string, string>(pair.Key, pair.Value!));
        }

        if (!hasBootstrap)
        {
            all.Insert(0, new KeyValuePair<string, string>("bootstrap.servers", UnreachableBroker));
        }

        if (!hasPoll)
        {
            // Confluent.Kafka reads its own keys with FirstOrDefault: appended, this never overrides the configuration's.
            // Without the background poll thread, disposal does not wait for its 100 ms poll.
            all.Add(new KeyValuePair<string, string>("dotnet.producer.enable.background.poll", "false"));
        }

        var topicLog = new List<string>();
        IProducer<Null, string> producer;
        try
        {
            producer = new ProducerBuilder<Null, string>(all)
                .SetLogHandler((_, message) =>
                {
                    if (message.Message.Contains("Incompatible configuration settings", StringComparison.Ordinal))
                    {
                        lock (topicLog)
                        {
                            topicLog.Add(message.Message);
                        }
                    }
                })
                .SetErrorHandler((_, _) => { })
                .Build();
        }
        catch (Exception exception)
        {
            return Verdict.Refused(exception.GetType().Name, exception.Message, atBuild: true);
        }

        try
        {
            try
            {
                producer.Produce("t", new Message<Null, string> { Value = "x" });
                return Verdict.Accepted;
            }
            catch (ProduceException<Null, string> exception) when (exception.Error.Code == ErrorCode.Local_InvalidArg)
            {
                return Verdict.Refused("ProduceException", TopicReason(topicLog, exception.Error.Reason), atBuild: false);
            }
            catch (ProduceException<Null, string> exception) when (exception.Error.Code == ErrorCode.Local_State)
            {
                // Transactional: "Producing not allowed in transactional state Init". Create the topic as produce would.
                string? refused = native.TopicNew(producer.Handle);
                return refused is null ? Verdict.Accepted : Verdict.Refused("ProduceException", TopicReason(topicLog, refused), atBuild: false);
            }
        }
        finally
        {
            producer.Dispose();
        }
    }

    /// <summary>
    /// librdkafka's own verdict on one key (<c>rd_kafka_conf_set</c> on a fresh configuration): null when accepted,
    /// else its error text. Confluent.Kafka's keys (<c>dotnet.*</c>) are not librdkafka's and are refused here.
    /// </summary>
    public static string? ConfSet(string key, string value) => s_native.Value.ConfSet(key, value);

    private static string TopicReason(List<string> log, string fallback)
    {
        lock (log)
        {
            foreach (string line in log)
            {
                var match = Regex.Match(line, "Incompatible configuration settings for topic \"[^\"]*\": (.*)$");
                if (match.Success)
                {
                    return match.Groups[1].Value;
                }
            }
        }

        return fallback;
    }

    /// <summary>The oracle's answer: accepted, or refused with the exception type and text.</summary>
    public sealed record Verdict(bool IsRefused, string ExceptionType, string Reason, bool AtBuild)
    {
        public static readonly Verdict Accepted = new(false, string.Empty, string.Empty, false);

        public static Verdict Refused(string type, string reason, bool atBuild) => new(true, type, reason, atBuild);

        public override string ToString() => IsRefused ? (AtBuild ? "Build(): " : "first produce: ") + ExceptionType + ": " + Reason : "accepted";
    }

    /// <summary>The few librdkafka entry points the oracle calls itself, resolved in the image Confluent.Kafka uses.</summary>
    private sealed class Native
    {
        private static readonly PropertyInfo s_handleProperty = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Confluent.Kafka's Handle.LibrdkafkaHandle is gone");

        private readonly TopicNewFn _topicNew;
        private readonly TopicDestroyFn _topicDestroy;
        private readonly ConfNewFn _confNew;
        private readonly ConfSetFn _confSet;
        private readonly ConfDestroyFn _confDestroy;

        public Native()
        {
            var info = LibrdkafkaLibrary.Load();
            Path = info.Path;
            IntPtr image = NativeLibrary.Load(info.Path);
            _topicNew = Marshal.GetDelegateForFunctionPointer<TopicNewFn>(NativeLibrary.GetExport(image, "rd_kafka_topic_new"));
            _topicDestroy = Marshal.GetDelegateForFunctionPointer<TopicDestroyFn>(NativeLibrary.GetExport(image, "rd_kafka_topic_destroy"));
            _confNew = Marshal.GetDelegateForFunctionPointer<ConfNewFn>(NativeLibrary.GetExport(image, "rd_kafka_conf_new"));
            _confSet = Marshal.GetDelegateForFunctionPointer<ConfSetFn>(NativeLibrary.GetExport(image, "rd_kafka_conf_set"));
            _confDestroy = Marshal.GetDelegateForFunctionPointer<ConfDestroyFn>(NativeLibrary.GetExport(image, "rd_kafka_conf_destroy"));
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr ConfNewFn();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int ConfSetFn(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] errstr, UIntPtr size);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void ConfDestroyFn(IntPtr conf);

        public string? ConfSet(string key, string value)
        {
            IntPtr conf = _confNew();
            try
            {
                var error = new byte[512];
                int result = _confSet(conf, key, value, error, (UIntPtr)error.Length);
                if (result == 0)
                {
                    return null;
                }

                int length = Array.IndexOf(error, (byte)0);
                return System.Text.Encoding.UTF8.GetString(error, 0, length < 0 ? error.Length : length);
            }
            finally
            {
                _confDestroy(conf);
            }
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr TopicNewFn(IntPtr rk, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, IntPtr conf);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void TopicDestroyFn(IntPtr rkt);

        public string Path { get; }

        /// <summary>Null when librdkafka creates the topic object; else a marker (the reason is in the log).</summary>
        public string? TopicNew(Handle handle)
        {
            var safe = (SafeHandle)s_handleProperty.GetValue(handle)!;
            IntPtr topic = _topicNew(safe.DangerousGetHandle(), "t", IntPtr.Zero);
            if (topic == IntPtr.Zero)
            {
                return "rd_kafka_topic_new failed";
            }

            _topicDestroy(topic);
            return null;
        }
    }
}
