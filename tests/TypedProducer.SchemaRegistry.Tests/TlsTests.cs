using TypedProducer.SchemaRegistry.Tests.Infrastructure;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>TLS to the registry: a private CA from <see cref="SchemaRegistryOptions.SslCaLocation"/>, verification, client certificates.</summary>
public sealed class TlsTests : IClassFixture<TlsTests.Certificates>
{
    private readonly TestCertificates _certificates;

    public TlsTests(Certificates certificates) => _certificates = certificates.Value;

    [Fact]
    public async Task ServerSignedByConfiguredCa_IsTrusted()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync(_certificates.Server);
        using var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url, SslCaLocation = _certificates.AuthorityPemPath });

        int id = await client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1));

        Assert.Equal(1, id);
        Assert.StartsWith("https://", fake.Url);
    }

    [Fact]
    public async Task UntrustedServer_FailsWithoutRetryNamingTls()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync(_certificates.Server);
        using var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url, MaxRetries = 3, RetryBackoff = TimeSpan.FromMilliseconds(10) });

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetAllSubjectsAsync());

        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
        Assert.Contains("TLS authentication failed", ex.Message);
        Assert.Contains(fake.Url, ex.Message);
        Assert.Equal(1, client.AttemptCount);
    }

    [Fact]
    public async Task VerificationDisabled_AcceptsTheServer()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync(_certificates.Server);
        using var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url, EnableSslCertificateVerification = false });

        Assert.Empty(await client.GetAllSubjectsAsync());
    }

    [Fact]
    public async Task HostNameMismatch_IsRefusedEvenWithTheCa()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync(_certificates.Server);
        // The certificate names 127.0.0.1 only.
        using var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url.Replace("127.0.0.1", "localhost"), SslCaLocation = _certificates.AuthorityPemPath, MaxRetries = 0 });

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetAllSubjectsAsync());

        Assert.Contains("TLS authentication failed", ex.Message);
    }

    [Theory]
    [InlineData("pkcs12")]
    [InlineData("pem")]
    public async Task ClientCertificateRequired_IsPresented(string format)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync(_certificates.Server, requiredClientCertificate: _certificates.Client);
        var options = new SchemaRegistryOptions { Url = fake.Url, SslCaLocation = _certificates.AuthorityPemPath };
        if (format == "pkcs12")
        {
            options.SslKeystoreLocation = _certificates.ClientPkcs12Path;
            options.SslKeystorePassword = TestCertificates.ClientPkcs12Password;
        }
        else
        {
            options.SslCertificateLocation = _certificates.ClientCertificatePemPath;
            options.SslKeyLocation = _certificates.ClientKeyPemPath;
        }

        using var client = new HttpSchemaRegistryClient(options);

        Assert.Empty(await client.GetAllSubjectsAsync());
        Assert.Equal(1, fake.CountRequests("GET /subjects"));
    }

    [Fact]
    public async Task ClientCertificateRequiredButMissing_Fails()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync(_certificates.Server, requiredClientCertificate: _certificates.Client);
        using var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url, SslCaLocation = _certificates.AuthorityPemPath, MaxRetries = 0 });

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetAllSubjectsAsync());

        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
        Assert.Equal(0, fake.CountRequests("GET /subjects"));
    }

    [Fact]
    public void UnreadableCaFile_IsReportedWithTheOptionName()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = "https://127.0.0.1:1", SslCaLocation = "/nonexistent/ca.pem" }));

        Assert.Contains("Kafka:SchemaRegistry:SslCaLocation", ex.Message);
        Assert.Contains("/nonexistent/ca.pem", ex.Message);
    }

    public sealed class Certificates : IDisposable
    {
        public TestCertificates Value { get; } = new();

        public void Dispose() => Value.Dispose();
    }
}
