using System.Net;
using System.Net.Sockets;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// <see cref="HttpSchemaRegistryClient"/> against the fake registry on loopback: retries with backoff, timeouts,
/// fail-over and restarts, basic auth, error mapping and caching. Attempts are counted on the server.
/// </summary>
public sealed class HttpClientBehaviourTests
{
    private static readonly SchemaDefinition s_payment = new(RegistrySemanticsTests.PaymentV1);

    private static HttpSchemaRegistryClient Client(string url, Action<SchemaRegistryOptions>? configure = null, RecordingLogger<HttpSchemaRegistryClient>? logger = null)
    {
        // Short waits: the behaviour under test is the number and kind of attempts, not their timing.
        var options = new SchemaRegistryOptions { Url = url, RetryBackoff = TimeSpan.FromMilliseconds(20), MaxRetryBackoff = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return new HttpSchemaRegistryClient(options, logger);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ServerErrorsThenSuccess_RetriesUntilTheAnswer()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register("payments-value", RegistrySemanticsTests.PaymentV1);
        fake.FailNextRequests(2, 500, SchemaRegistryErrorCodes.StoreError);
        var logger = new RecordingLogger<HttpSchemaRegistryClient>();
        using HttpSchemaRegistryClient client = Client(fake.Url, logger: logger);

        RegisteredSchema latest = await client.GetLatestSchemaAsync("payments-value");

        Assert.Equal(1, latest.Version);
        Assert.Equal(3, fake.CountRequests("GET /subjects/payments-value/versions/latest"));
        Assert.Equal(3, client.AttemptCount);
        Assert.Equal(2, logger.Lines.Count(l => l.Contains("HTTP 500, error 50001") && l.Contains("retry")));
    }

    [Theory]
    [InlineData(408, 408)]
    [InlineData(429, 42901)]
    [InlineData(502, 502)]
    [InlineData(503, 50003)]
    public async Task TransientStatus_IsRetried(int status, int errorCode)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.FailNextRequests(1, status, errorCode);
        using HttpSchemaRegistryClient client = Client(fake.Url);

        int id = await client.RegisterSchemaAsync("payments-value", s_payment);

        Assert.Equal(1, id);
        Assert.Equal(2, fake.CountRequests("POST /subjects/payments-value/versions"));
    }

    [Fact]
    public async Task RetryAfterHeader_IsHonoured()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.FailNextRequests(1, 429, 42901, retryAfter: "0");
        var logger = new RecordingLogger<HttpSchemaRegistryClient>();
        using HttpSchemaRegistryClient client = Client(fake.Url, o => o.RetryBackoff = TimeSpan.FromSeconds(30), logger);

        await client.GetAllSubjectsAsync();

        // Retry-After: 0 replaces the 30 s backoff.
        Assert.Contains(logger.Lines, l => l.Contains("retry 1 of 3 in 0 ms"));
    }

    [Fact]
    public async Task ServerErrorsBeyondMaxRetries_ThrowTheLastErrorAfterOnePlusMaxRetriesAttempts()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.FailNextRequests(10, 500, SchemaRegistryErrorCodes.StoreError);
        using HttpSchemaRegistryClient client = Client(fake.Url, o => o.MaxRetries = 3);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));

        Assert.Equal(4, fake.CountRequests("GET /schemas/ids/1"));
        Assert.Equal(SchemaRegistryErrorCodes.StoreError, ex.ErrorCode);
        Assert.Equal(500, ex.HttpStatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains(fake.Url, ex.Message);
        Assert.Contains("schema id 1", ex.Message);
        Assert.Contains("Gave up after 4 attempts", ex.Message);
    }

    [Theory]
    [InlineData(409, SchemaRegistryErrorCodes.IncompatibleSchema)]
    [InlineData(422, SchemaRegistryErrorCodes.InvalidSchema)]
    [InlineData(404, SchemaRegistryErrorCodes.SubjectNotFound)]
    [InlineData(403, 40301)]
    public async Task ClientErrors_AreNeverRetried(int status, int errorCode)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.FailNextRequests(1, status, errorCode);
        using HttpSchemaRegistryClient client = Client(fake.Url, o => o.MaxRetries = 5);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSubjectVersionsAsync("payments-value"));

        Assert.Equal(1, fake.CountRequests("GET /subjects/payments-value/versions"));
        Assert.Equal(errorCode, ex.ErrorCode);
        Assert.Equal(status, ex.HttpStatusCode);
        Assert.False(ex.IsTransient);
        Assert.Contains("payments-value", ex.Message);
        Assert.Contains(fake.Url, ex.Message);
    }

    [Fact]
    public async Task SlowResponse_TimesOutPerAttemptAndNamesTheUrl()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.ResponseDelay = TimeSpan.FromSeconds(30);
        using HttpSchemaRegistryClient client = Client(fake.Url, o => { o.RequestTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; });

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestSchemaAsync("payments-value"));

        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
        Assert.Null(ex.HttpStatusCode);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Contains(fake.Url, ex.Message);
        Assert.Contains("within 300 ms", ex.Message);
        Assert.Contains("subject 'payments-value'", ex.Message);
        // The attempts are counted where they are made: a request the client gave up on after 300 ms may not have
        // reached the fake's handler yet on a loaded machine (seen in a fresh-clone run: the fake counted 1 of 2).
        Assert.Equal(2, client.AttemptCount);
        Assert.InRange(fake.CountRequests("GET /subjects/payments-value/versions/latest"), 0, 2);
    }

    [Fact]
    public async Task CallerCancellation_IsNotATimeoutAndIsNotRetried()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.ResponseDelay = TimeSpan.FromSeconds(30);
        using HttpSchemaRegistryClient client = Client(fake.Url, o => o.MaxRetries = 5);
        using var cancel = new CancellationTokenSource();

        Task call = client.GetAllSubjectsAsync(cancel.Token);
        while (fake.CountRequests("GET /subjects") == 0)
        {
            await Task.Delay(10);
        }

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, client.AttemptCount);
    }

    [Fact]
    public async Task ConnectionRefused_FailsOverToTheNextUrlAndKeepsUsingIt()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        string dead = $"http://127.0.0.1:{UnusedPort()}";
        var logger = new RecordingLogger<HttpSchemaRegistryClient>();
        using HttpSchemaRegistryClient client = Client(dead + "," + fake.Url, logger: logger);

        await client.GetAllSubjectsAsync();
        long afterFirst = client.AttemptCount;
        await client.GetAllSubjectsAsync();

        Assert.Equal(2, afterFirst);
        Assert.Equal(3, client.AttemptCount);
        Assert.Equal(2, fake.CountRequests("GET /subjects"));
        Assert.Contains(logger.Lines, l => l.Contains(dead) && l.Contains("trying " + fake.Url));
    }

    [Fact]
    public async Task ServerDownThenRestartedOnTheSamePort_RequestSucceedsAfterRetries()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register("payments-value", RegistrySemanticsTests.PaymentV1);
        await fake.StopAsync();
        Task? restart = null;
        var logger = new RecordingLogger<HttpSchemaRegistryClient>();
        // Restart the server when the client reports its first retry: no timing assumption.
        logger.OnLog = line =>
        {
            if (line.Contains("retry 1 of"))
            {
                restart ??= fake.RestartAsync();
            }
        };
        using HttpSchemaRegistryClient client = Client(fake.Url, o => o.MaxRetries = 10, logger);

        RegisteredSchema schema = await client.GetRegisteredSchemaAsync("payments-value", 1);

        Assert.NotNull(restart);
        await restart;
        Assert.Equal(RegistrySemanticsTests.PaymentV1, schema.Schema);
        Assert.True(client.AttemptCount >= 2, $"attempts: {client.AttemptCount}");
        Assert.Equal(1, fake.CountRequests("GET /subjects/payments-value/versions/1"));
        Assert.Contains(logger.Lines, l => l.Contains("ConnectionError"));
    }

    [Fact]
    public async Task NoRegistryReachable_ThrowsNoResponseNamingEveryUrl()
    {
        string first = $"http://127.0.0.1:{UnusedPort()}";
        string second = $"http://127.0.0.1:{UnusedPort()}";
        using HttpSchemaRegistryClient client = Client(first + ", " + second, o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("payments-value", s_payment));

        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(6, client.AttemptCount);
        Assert.Contains(first, ex.Message);
        Assert.Contains(second, ex.Message);
        Assert.Contains("payments-value", ex.Message);
    }

    [Fact]
    public async Task BasicAuthRequired_401WithoutCredentialsAndSuccessWithEachWayOfGivingThem()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.RequiredCredentials = ("alice", "s3cret:with-colon");
        fake.Register("payments-value", RegistrySemanticsTests.PaymentV1);

        using HttpSchemaRegistryClient anonymous = Client(fake.Url, o => o.MaxRetries = 3);
        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => anonymous.GetAllSubjectsAsync());
        Assert.Equal((401, 401), (ex.ErrorCode, ex.HttpStatusCode));
        Assert.Equal(1, anonymous.AttemptCount);

        using HttpSchemaRegistryClient userInfo = Client(fake.Url, o => o.BasicAuthUserInfo = "alice:s3cret:with-colon");
        using HttpSchemaRegistryClient userAndPassword = Client(fake.Url, o => { o.Username = "alice"; o.Password = "s3cret:with-colon"; });
        using HttpSchemaRegistryClient inUrl = Client(fake.Url.Replace("http://", "http://alice:s3cret%3Awith-colon@"));
        Assert.Equal(["payments-value"], await userInfo.GetAllSubjectsAsync());
        Assert.Equal(["payments-value"], await userAndPassword.GetAllSubjectsAsync());
        Assert.Equal(["payments-value"], await inUrl.GetAllSubjectsAsync());
        Assert.DoesNotContain("s3cret", string.Join(",", inUrl.Urls));
    }

    [Fact]
    public async Task IncompatibleRegistration_Surfaces409WithSubjectAndTheVersionItConflictsWith()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register("payments-value", RegistrySemanticsTests.PaymentV1);
        fake.Register("payments-value", RegistrySemanticsTests.PaymentV2WithDefault);
        using HttpSchemaRegistryClient client = Client(fake.Url);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV2WithoutDefault)));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
        Assert.Equal(409, ex.HttpStatusCode);
        Assert.Equal(("payments-value", 2), (ex.Subject, ex.Version));
        Assert.Contains("subject 'payments-value'", ex.Message);
        Assert.Contains("version 2", ex.Message);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", ex.Message);
        Assert.Equal(1, fake.CountRequests("POST /subjects/payments-value/versions"));
    }

    [Fact]
    public async Task RequestsCarryTheRegistryMediaTypeAndOmitSchemaTypeForAvro()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient client = Client(fake.Url);

        await client.RegisterSchemaAsync("a/b:c-value", s_payment, normalize: true);
        await client.TestCompatibilityAsync("a/b:c-value", s_payment, verbose: true);

        Assert.Contains("POST /subjects/a%2Fb%3Ac-value/versions?normalize=true", fake.Requests);
        Assert.Contains("POST /compatibility/subjects/a%2Fb%3Ac-value/versions/latest?verbose=true", fake.Requests);
        Assert.Equal(["a/b:c-value"], await client.GetAllSubjectsAsync());
    }

    [Fact]
    public async Task SchemaById_IsFetchedOnceAlsoByConcurrentCallers()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        int id = fake.Register("payments-value", RegistrySemanticsTests.PaymentV1);
        fake.ResponseDelay = TimeSpan.FromMilliseconds(100);
        using HttpSchemaRegistryClient client = Client(fake.Url);

        RegisteredSchema[] concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetSchemaAsync(id)));
        RegisteredSchema later = await client.GetSchemaAsync(id);

        Assert.All(concurrent, s => Assert.Same(concurrent[0], s));
        Assert.Same(concurrent[0], later);
        Assert.Equal(1, fake.CountRequests($"GET /schemas/ids/{id}"));
    }

    [Fact]
    public async Task RegistrationAndVersions_AreCachedButLatestIsNot()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient client = Client(fake.Url);

        int first = await client.RegisterSchemaAsync("payments-value", s_payment);
        int second = await client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1));
        await client.GetRegisteredSchemaAsync("payments-value", 1);
        await client.GetRegisteredSchemaAsync("payments-value", 1);
        await client.LookupSchemaAsync("payments-value", s_payment);
        await client.LookupSchemaAsync("payments-value", s_payment);
        await client.GetLatestSchemaAsync("payments-value");
        await client.GetLatestSchemaAsync("payments-value");

        Assert.Equal(first, second);
        Assert.Equal(1, fake.CountRequests("POST /subjects/payments-value/versions"));
        Assert.Equal(1, fake.CountRequests("GET /subjects/payments-value/versions/1"));
        Assert.Equal(1, fake.Requests.Count(r => r == "POST /subjects/payments-value"));
        Assert.Equal(2, fake.CountRequests("GET /subjects/payments-value/versions/latest"));
    }

    [Fact]
    public async Task FailedLookup_IsNotCached()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient client = Client(fake.Url);

        await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));
        fake.Register("payments-value", RegistrySemanticsTests.PaymentV1);
        RegisteredSchema schema = await client.GetSchemaAsync(1);

        Assert.Equal(RegistrySemanticsTests.PaymentV1, schema.Schema);
        Assert.Equal(2, fake.CountRequests("GET /schemas/ids/1"));
    }

    [Fact]
    public async Task FullCache_IsEmptiedAndRefetched()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register("a-value", RegistrySemanticsTests.PaymentV1);
        fake.Register("b-value", RegistrySemanticsTests.PaymentV2WithDefault);
        using HttpSchemaRegistryClient client = Client(fake.Url, o => o.MaxCachedSchemas = 1);

        await client.GetSchemaAsync(1);
        await client.GetSchemaAsync(2);
        await client.GetSchemaAsync(1);

        Assert.Equal(2, fake.CountRequests("GET /schemas/ids/1"));
    }

    [Fact]
    public async Task UrlWithPath_KeepsThePathPrefixAndMapsAPlain404()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient client = Client(fake.Url + "/not-a-registry", o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(1));

        Assert.Equal((404, 404), (ex.ErrorCode, ex.HttpStatusCode));
        Assert.Contains(fake.Url + "/not-a-registry", ex.Message);
        Assert.Contains("GET /not-a-registry/schemas/ids/1", fake.Requests);
    }

    [Theory]
    [InlineData("<html>proxy login</html>")]
    [InlineData("""{"id":"seven"}""")]
    [InlineData("""{"unexpected":true}""")]
    public async Task UnparsableSuccessAnswer_Throws50005WithoutRetry(string body)
    {
        var handler = new StubHandler(System.Net.HttpStatusCode.OK, body);
        using var client = new HttpSchemaRegistryClient(new StubFactory(handler), new SchemaRegistryOptions { Url = "http://registry.invalid:8081", MaxRetries = 3 });

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("payments-value", s_payment));

        Assert.Equal(50005, ex.ErrorCode);
        Assert.Equal(1, handler.Count);
        Assert.Contains("http://registry.invalid:8081", ex.Message);
        Assert.Contains("payments-value", ex.Message);
    }

    [Fact]
    public async Task UnknownAnswerProperties_AreIgnored()
    {
        var handler = new StubHandler(System.Net.HttpStatusCode.OK, """{"subject":"s","version":3,"id":9,"schema":"\"string\"","guid":"x","ts":1,"deleted":false,"metadata":{"a":1}}""");
        using var client = new HttpSchemaRegistryClient(new StubFactory(handler), new SchemaRegistryOptions { Url = "http://registry.invalid:8081" });

        RegisteredSchema schema = await client.GetRegisteredSchemaAsync("s", 3);

        Assert.Equal((9, 3, "\"string\"", SchemaType.Avro), (schema.Id, schema.Version, schema.Schema, schema.SchemaType));
        Assert.Equal(HttpSchemaRegistryClient.MediaType, handler.LastAccept);
    }

    [Theory]
    [InlineData("")]
    [InlineData("registry:8081")]
    [InlineData("ftp://registry:8081")]
    public void InvalidUrl_IsRefusedAtConstruction(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = url }));
        Assert.Contains("Kafka:SchemaRegistry:Url", ex.Message);
    }

    private sealed class StubHandler(System.Net.HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Count { get; private set; }

        public string? LastAccept { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            LastAccept = request.Headers.Accept.First().MediaType;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }

    private sealed class StubFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
