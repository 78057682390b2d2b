using System;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TypedProducer.SchemaRegistry;

/// <summary>TLS settings of the schema registry's HTTP handler, from <see cref="SchemaRegistryOptions"/>.</summary>
internal static class SchemaRegistryTls
{
    public static void Configure(SslClientAuthenticationOptions ssl, SchemaRegistryOptions options)
    {
        if (!options.EnableSslCertificateVerification)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (!string.IsNullOrEmpty(options.SslCaLocation))
        {
            X509Certificate2Collection authorities = LoadAuthorities(options.SslCaLocation);
            ssl.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors, authorities);
        }

        if (LoadClientCertificate(options) is { } clientCertificate)
        {
            ssl.ClientCertificates = new X509CertificateCollection { clientCertificate };
        }
    }

    // The system store's verdict, or else a chain built to one of the configured authorities. The host name must match either way.
    private static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0 || certificate is not X509Certificate2 server)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // Private CAs rarely publish revocation lists; librdkafka and Confluent's clients do not check them by default either.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (X509ChainElement element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(server);
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            if (File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal))
            {
                authorities.ImportFromPemFile(path);
            }
            else
            {
#if NET9_0_OR_GREATER
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
#else
                authorities.Add(new X509Certificate2(path));
#endif
            }

            if (authorities.Count == 0)
            {
                throw new CryptographicException("The file holds no certificate.");
            }

            return authorities;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"Cannot read the schema registry CA certificates from '{path}' (Kafka:SchemaRegistry:SslCaLocation): {ex.Message}", ex);
        }
    }

    private static X509Certificate2? LoadClientCertificate(SchemaRegistryOptions options)
    {
        if (!string.IsNullOrEmpty(options.SslKeystoreLocation))
        {
            try
            {
#if NET9_0_OR_GREATER
                return X509CertificateLoader.LoadPkcs12FromFile(options.SslKeystoreLocation, options.SslKeystorePassword);
#else
                return new X509Certificate2(options.SslKeystoreLocation, options.SslKeystorePassword);
#endif
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new InvalidOperationException($"Cannot read the schema registry client certificate from '{options.SslKeystoreLocation}' (Kafka:SchemaRegistry:SslKeystoreLocation): {ex.Message}", ex);
            }
        }

        if (!string.IsNullOrEmpty(options.SslCertificateLocation))
        {
            try
            {
                X509Certificate2 certificate = string.IsNullOrEmpty(options.SslKeyPassword)
                    ? X509Certificate2.CreateFromPemFile(options.SslCertificateLocation, options.SslKeyLocation)
                    : X509Certificate2.CreateFromEncryptedPemFile(options.SslCertificateLocation, options.SslKeyPassword, options.SslKeyLocation);
                if (OperatingSystem.IsWindows())
                {
                    // SChannel cannot use the ephemeral key of a PEM-loaded certificate: round-trip through PKCS#12.
                    byte[] pkcs12 = certificate.Export(X509ContentType.Pkcs12);
                    certificate.Dispose();
#if NET9_0_OR_GREATER
                    certificate = X509CertificateLoader.LoadPkcs12(pkcs12, null);
#else
                    certificate = new X509Certificate2(pkcs12);
#endif
                }

                return certificate;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new InvalidOperationException($"Cannot read the schema registry client certificate '{options.SslCertificateLocation}' or key '{options.SslKeyLocation}' (Kafka:SchemaRegistry:SslCertificateLocation, SslKeyLocation): {ex.Message}", ex);
            }
        }

        return null;
    }
}
