namespace TypedProducer;

/// <summary>One broker of a <see cref="LibrdkafkaStatistics"/> event (librdkafka <c>STATISTICS.md</c>, <c>brokers</c>).</summary>
/// <param name="Name">librdkafka's name for it, <c>host:port/nodeid</c> (<c>host:port/bootstrap</c> for a bootstrap entry).</param>
/// <param name="NodeId">The broker id; -1 for a bootstrap entry not yet matched to a broker (<c>nodeid</c>).</param>
/// <param name="NodeName"><c>host:port</c> (<c>nodename</c>).</param>
/// <param name="State">The connection state: <c>UP</c> when connected and usable, else <c>INIT</c>, <c>DOWN</c>, <c>TRY_CONNECT</c>, <c>CONNECT</c>, <c>SSL_HANDSHAKE</c>, <c>AUTH_*</c>, <c>APIVERSION_QUERY</c> (<c>state</c>).</param>
/// <param name="InFlightRequests">Requests sent and awaiting a response (<c>waitresp_cnt</c>).</param>
/// <param name="InFlightMessages">Messages in those requests (<c>waitresp_msg_cnt</c>).</param>
/// <param name="QueuedRequests">Requests awaiting transmission (<c>outbuf_cnt</c>).</param>
/// <param name="Retries">Requests retried so far (<c>txretries</c>).</param>
/// <param name="Errors">Transmission errors so far (<c>txerrs</c>).</param>
/// <param name="RequestTimeouts">Requests timed out so far (<c>req_timeouts</c>).</param>
/// <param name="RoundTripMicroseconds">The average round-trip time in microseconds over the last statistics window (<c>rtt.avg</c>); null when the window had no sample.</param>
public sealed record LibrdkafkaBrokerStatistics(
    string Name,
    int NodeId,
    string NodeName,
    string State,
    long InFlightRequests,
    long InFlightMessages,
    long QueuedRequests,
    long Retries,
    long Errors,
    long RequestTimeouts,
    double? RoundTripMicroseconds)
{
    /// <summary>True when librdkafka's connection to the broker is up (<see cref="State"/> is <c>UP</c>).</summary>
    public bool IsUp => State == "UP";
}
