using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

/// <summary>A throw-away CA, a server certificate for 127.0.0.1 signed by it, and a client certificate, written to a temp folder.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = Path.Combine(Path.GetTempPath(), "typedproducer-registry-tls-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=TypedProducer Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Authority = caRequest.CreateSelfSigned(now.AddDays(-2), now.AddDays(8));

        Server = Issue("CN=127.0.0.1", serverAuth: true);
        Client = Issue("CN=registry-client", serverAuth: false);

        AuthorityPemPath = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(AuthorityPemPath, Authority.ExportCertificatePem());
        ClientPkcs12Path = Path.Combine(Directory, "client.p12");
        File.WriteAllBytes(ClientPkcs12Path, Client.Export(X509ContentType.Pkcs12, ClientPkcs12Password));
        ClientCertificatePemPath = Path.Combine(Directory, "client.pem");
        File.WriteAllText(ClientCertificatePemPath, Client.ExportCertificatePem());
        ClientKeyPemPath = Path.Combine(Directory, "client.key");
        File.WriteAllText(ClientKeyPemPath, Client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public const string ClientPkcs12Password = "keystore-secret";

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string AuthorityPemPath { get; }

    public string ClientPkcs12Path { get; }

    public string ClientCertificatePemPath { get; }

    public string ClientKeyPemPath { get; }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        Client.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private X509Certificate2 Issue(string subject, bool serverAuth)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(8);
        // Inside the CA's validity, whatever the clock did meanwhile.
        using X509Certificate2 issued = request.Create(Authority, Authority.NotBefore.ToUniversalTime().AddDays(1), Authority.NotAfter.ToUniversalTime().AddDays(-1), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a certificate whose key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
