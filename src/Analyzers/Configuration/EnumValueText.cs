using System.Collections.Generic;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// The text Confluent.Kafka's typed setters write for an enum member (Config.SetObject: lower-case name with
/// substitutions; <c>Acks</c> and <c>SaslMechanism</c> have hand-written setters). A test checks every member
/// against Confluent.Kafka itself.
/// </summary>
internal static class EnumValueText
{
    private static readonly Dictionary<string, string> s_substitutions = new(System.StringComparer.Ordinal)
    {
        ["saslplaintext"] = "sasl_plaintext",
        ["saslssl"] = "sasl_ssl",
        ["consistentrandom"] = "consistent_random",
        ["murmur2random"] = "murmur2_random",
        ["readcommitted"] = "read_committed",
        ["readuncommitted"] = "read_uncommitted",
        ["cooperativesticky"] = "cooperative-sticky",
        ["usealldnsips"] = "use_all_dns_ips",
        ["resolvecanonicalbootstrapserversonly"] = "resolve_canonical_bootstrap_servers_only",
        ["azureimds"] = "azure_imds",
        ["awsiam"] = "aws_iam",
    };

    /// <summary>The librdkafka text for <paramref name="enumType"/>.<paramref name="member"/>.</summary>
    public static string For(string enumType, string member)
    {
        switch (enumType)
        {
            case "Acks":
                return member switch
                {
                    "All" => "-1",
                    "Leader" => "1",
                    "None" => "0",
                    _ => member.ToLowerInvariant(),
                };
            case "SaslMechanism":
                return member switch
                {
                    "Gssapi" => "GSSAPI",
                    "Plain" => "PLAIN",
                    "ScramSha256" => "SCRAM-SHA-256",
                    "ScramSha512" => "SCRAM-SHA-512",
                    "OAuthBearer" => "OAUTHBEARER",
                    _ => member.ToUpperInvariant(),
                };
        }

        string lower = member.ToLowerInvariant();
        return s_substitutions.TryGetValue(lower, out var substituted) ? substituted : lower;
    }
}
