using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A Confluent Schema Registry client over HTTP (Confluent Platform documentation, "Schema Registry API Reference";
/// content type <c>application/vnd.schemaregistry.v1+json</c>). Written for this library because
/// Confluent.SchemaRegistry is not available from its package source; it follows that client's configuration names
/// and behaviour. Thread-safe; one instance per registry is meant to live as long as the application.
/// <list type="bullet">
/// <item><description>Fail-over and retries: a request goes to the URL that answered last; on a network error, a
/// timeout (<see cref="SchemaRegistryOptions.RequestTimeout"/> per attempt), HTTP 408, 429 or 5xx it moves to the next
/// URL; when every URL failed it waits (exponential backoff with jitter, <see cref="SchemaRegistryOptions.RetryBackoff"/>)
/// and tries another round, at most <see cref="SchemaRegistryOptions.MaxRetries"/> more. 4xx answers (401, 404, 409,
/// 422, ...) and TLS authentication failures are never retried.</description></item>
/// <item><description>Caching: schemas by id, ids by subject and schema (registration and lookup) and schemas by
/// subject and version are fetched once, also when requested concurrently; failures are not cached. "latest",
/// subject lists, compatibility checks and configuration are always requested.</description></item>
/// <item><description>Errors: every failure is a <see cref="SchemaRegistryException"/> that carries the registry's
/// <c>error_code</c>, the HTTP status, and names the URL, the subject and the version.</description></item>
/// </list>
/// </summary>
public sealed partial class HttpSchemaRegistryClient : ISchemaRegistryClient, IDisposable
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client used when the client is created by dependency injection; add handlers to it with <c>services.AddHttpClient(HttpClientName)</c>.</summary>
    public const string HttpClientName = "TypedProducer.SchemaRegistry";

    /// <summary>The Schema Registry's versioned media type, sent as Content-Type and preferred in Accept.</summary>
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    // Confluent's clients report an unparsable answer as 50005 (Confluent RestService, "JSON Parse Error").
    private const int InvalidResponseErrorCode = 50005;

    private readonly Uri[] _baseUris;
    private readonly string[] _displayUrls;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly Func<HttpClient> _httpClient;
    private readonly HttpClient? _ownedHttpClient;
    private readonly TimeSpan _requestTimeout;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryBackoff;
    private readonly TimeSpan _maxRetryBackoff;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly AsyncCache<SchemaKey, int> _idsBySchema;
    private readonly AsyncCache<SchemaKey, RegisteredSchema> _lookups;
    private readonly AsyncCache<(string Subject, int Id), RegisteredSchema> _schemasById;
    private readonly AsyncCache<(string Subject, int Version), RegisteredSchema> _schemasByVersion;
    private int _preferredUrl;
    private long _attemptCount;

    /// <summary>Creates a client with its own HTTP handler, configured from <paramref name="options"/> (TLS, timeouts).</summary>
    /// <param name="options">The registry URL(s), credentials, TLS files, timeouts, retries and cache size.</param>
    /// <param name="logger">Receives a warning per failed attempt that is retried; null for none.</param>
    /// <exception cref="ArgumentException">The URL is missing or not an absolute http(s) URL, or a limit is out of range.</exception>
    /// <exception cref="InvalidOperationException">A TLS certificate or key file cannot be read; the message names the option and path.</exception>
    public HttpSchemaRegistryClient(SchemaRegistryOptions options, ILogger<HttpSchemaRegistryClient>? logger = null)
        : this(options, logger, ownedClient: new HttpClient(CreatePrimaryHandler(options ?? throw new ArgumentNullException(nameof(options)))) { Timeout = Timeout.InfiniteTimeSpan }, factory: null)
    {
    }

    /// <summary>
    /// Creates a client that takes a fresh <see cref="HttpClient"/> named <see cref="HttpClientName"/> from
    /// <paramref name="httpClientFactory"/> for every request, so handler rotation and handlers added to that name apply.
    /// TLS settings of <paramref name="options"/> apply only when the factory's primary handler is
    /// <see cref="CreatePrimaryHandler"/> (as the DI registration does); the client's own timeout must not be shorter
    /// than <see cref="SchemaRegistryOptions.RequestTimeout"/>.
    /// </summary>
    /// <param name="httpClientFactory">The factory.</param>
    /// <param name="options">The registry URL(s), credentials, timeouts, retries and cache size.</param>
    /// <param name="logger">Receives a warning per failed attempt that is retried; null for none.</param>
    /// <exception cref="ArgumentException">The URL is missing or not an absolute http(s) URL, or a limit is out of range.</exception>
    public HttpSchemaRegistryClient(IHttpClientFactory httpClientFactory, SchemaRegistryOptions options, ILogger<HttpSchemaRegistryClient>? logger = null)
        : this(options, logger, ownedClient: null, factory: httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory)))
    {
    }

    private HttpSchemaRegistryClient(SchemaRegistryOptions options, ILogger? logger, HttpClient? ownedClient, IHttpClientFactory? factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            (_baseUris, _displayUrls, string? urlUserInfo) = ParseUrls(options.Url);
            _authorization = CreateAuthorization(options, urlUserInfo);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, "Kafka:SchemaRegistry:RequestTimeout");
            ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, "Kafka:SchemaRegistry:MaxRetries");
            ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryBackoff, TimeSpan.Zero, "Kafka:SchemaRegistry:RetryBackoff");
            ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCachedSchemas, 1, "Kafka:SchemaRegistry:MaxCachedSchemas");
        }
        catch
        {
            ownedClient?.Dispose();
            throw;
        }

        _requestTimeout = options.RequestTimeout;
        _maxRetries = options.MaxRetries;
        _retryBackoff = options.RetryBackoff;
        _maxRetryBackoff = options.MaxRetryBackoff < options.RetryBackoff ? options.RetryBackoff : options.MaxRetryBackoff;
        _logger = logger ?? NullLogger.Instance;
        _ownedHttpClient = ownedClient;
        _httpClient = ownedClient is not null ? () => ownedClient : () => factory!.CreateClient(HttpClientName);
        _idsBySchema = new(options.MaxCachedSchemas);
        _lookups = new(options.MaxCachedSchemas);
        _schemasById = new(options.MaxCachedSchemas);
        _schemasByVersion = new(options.MaxCachedSchemas);
    }

    /// <summary>The registry URLs in fail-over order, without credentials.</summary>
    public IReadOnlyList<string> Urls => _displayUrls;

    /// <summary>The number of HTTP attempts made so far (every URL tried, every retry), for diagnostics and tests.</summary>
    public long AttemptCount => Interlocked.Read(ref _attemptCount);

    /// <summary>
    /// The HTTP handler this client uses for <paramref name="options"/>: a <see cref="SocketsHttpHandler"/> with pooled
    /// connections renewed every 5 minutes (DNS changes are seen), the connect timeout set to
    /// <see cref="SchemaRegistryOptions.RequestTimeout"/>, and TLS as configured: extra trusted CAs
    /// (<see cref="SchemaRegistryOptions.SslCaLocation"/>), a client certificate (PKCS#12 or PEM) and certificate verification.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>A new handler; the caller owns it.</returns>
    /// <exception cref="InvalidOperationException">A certificate or key file cannot be read; the message names the option and path.</exception>
    public static SocketsHttpHandler CreatePrimaryHandler(SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        SchemaRegistryTls.Configure(handler.SslOptions, options);
        return handler;
    }

    /// <inheritdoc />
    public Task<int> RegisterSchemaAsync(string subject, string schema, SchemaType schemaType, CancellationToken cancellationToken = default)
        => RegisterSchemaAsync(subject, new SchemaDefinition(schema, schemaType), normalize: false, cancellationToken);

    /// <inheritdoc />
    public Task<int> RegisterSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        return _idsBySchema.GetOrFetchAsync(new SchemaKey(subject, schema, normalize), static (key, self) => self.RegisterUncachedAsync(key), this, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> LookupSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        return _lookups.GetOrFetchAsync(new SchemaKey(subject, schema, normalize), static async (key, self) =>
        {
            SchemaRegistryJson.SchemaAnswer answer = await self.SendAsync(
                HttpMethod.Post,
                "subjects/" + Escape(key.Subject) + (key.Normalize ? "?normalize=true" : string.Empty),
                SchemaRegistryJson.WriteSchemaRequest(key.Schema),
                SchemaRegistryJson.ReadSchema,
                new RequestContext(key.Subject, null, null)).ConfigureAwait(false);
            return self.ToRegisteredSchema(answer, answer.Id, key.Subject, answer.Version);
        }, this, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default) => GetSchemaBySubjectAndIdAsync(null, id, cancellationToken);

    /// <inheritdoc />
    public Task<RegisteredSchema> GetSchemaBySubjectAndIdAsync(string? subject, int id, CancellationToken cancellationToken = default)
    {
        return _schemasById.GetOrFetchAsync((subject ?? string.Empty, id), static async (key, self) =>
        {
            string path = "schemas/ids/" + key.Id.ToString(CultureInfo.InvariantCulture) + (key.Subject.Length == 0 ? string.Empty : "?subject=" + Escape(key.Subject));
            SchemaRegistryJson.SchemaAnswer answer = await self.SendAsync(
                HttpMethod.Get, path, null, SchemaRegistryJson.ReadSchema,
                new RequestContext(key.Subject.Length == 0 ? null : key.Subject, null, key.Id)).ConfigureAwait(false);
            return self.ToRegisteredSchema(answer, key.Id, subject: null, version: 0);
        }, this, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (version < 1)
        {
            // Confluent's registry reads -1 as "latest"; this API has GetLatestSchemaAsync for that, so a version below 1 is refused as the registry refuses 0.
            return Task.FromException<RegisteredSchema>(InvalidVersion(subject, version));
        }

        return _schemasByVersion.GetOrFetchAsync((subject, version), static (key, self) => self.GetVersionUncachedAsync(key.Subject, key.Version.ToString(CultureInfo.InvariantCulture), key.Version), this, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return await GetVersionUncachedAsync(subject, "latest", null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetAllSubjectsAsync(CancellationToken cancellationToken = default)
    {
        return await SendAsync(HttpMethod.Get, "subjects", null, SchemaRegistryJson.ReadStrings, default, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        List<int> versions = await SendAsync(HttpMethod.Get, "subjects/" + Escape(subject) + "/versions", null, SchemaRegistryJson.ReadInts, new RequestContext(subject, null, null), cancellationToken).ConfigureAwait(false);
        versions.Sort();
        return versions;
    }

    /// <inheritdoc />
    public async Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, SchemaDefinition schema, int? version = null, bool verbose = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        if (version < 1)
        {
            throw InvalidVersion(subject, version.Value);
        }

        string path = "compatibility/subjects/" + Escape(subject) + "/versions/" + (version?.ToString(CultureInfo.InvariantCulture) ?? "latest") + (verbose ? "?verbose=true" : string.Empty);
        return await SendAsync(HttpMethod.Post, path, SchemaRegistryJson.WriteSchemaRequest(schema), SchemaRegistryJson.ReadCompatibility, new RequestContext(subject, version, null), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        string path = subject is null ? "config" : "config/" + Escape(subject) + "?defaultToGlobal=true";
        string? level = await SendAsync(HttpMethod.Get, path, null, SchemaRegistryJson.ReadCompatibilityLevel, new RequestContext(subject, null, null), cancellationToken).ConfigureAwait(false);
        return ParseCompatibilityLevel(level) ?? throw new SchemaRegistryException(InvalidResponseErrorCode, $"Schema registry {_displayUrls[Volatile.Read(ref _preferredUrl)]} answered an unknown compatibility level '{level}' for {(subject is null ? "the global configuration" : $"subject '{subject}'")}.")
        {
            Subject = subject,
            RegistryUrl = _displayUrls[Volatile.Read(ref _preferredUrl)],
        };
    }

    /// <summary>"schema registry http://host:8081" (the URLs, without credentials).</summary>
    /// <returns>A description for logs and errors.</returns>
    public override string ToString() => "schema registry " + string.Join(",", _displayUrls);

    /// <summary>Cancels requests in flight and, when the client created it, disposes its HTTP client.</summary>
    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _ownedHttpClient?.Dispose();
        }
    }

    internal static CompatibilityLevel? ParseCompatibilityLevel(string? level) => level?.ToUpperInvariant() switch
    {
        "NONE" => CompatibilityLevel.None,
        "BACKWARD" => CompatibilityLevel.Backward,
        "BACKWARD_TRANSITIVE" => CompatibilityLevel.BackwardTransitive,
        "FORWARD" => CompatibilityLevel.Forward,
        "FORWARD_TRANSITIVE" => CompatibilityLevel.ForwardTransitive,
        "FULL" => CompatibilityLevel.Full,
        "FULL_TRANSITIVE" => CompatibilityLevel.FullTransitive,
        _ => null,
    };

    private async Task<int> RegisterUncachedAsync(SchemaKey key)
    {
        try
        {
            return await SendAsync(
                HttpMethod.Post,
                "subjects/" + Escape(key.Subject) + "/versions" + (key.Normalize ? "?normalize=true" : string.Empty),
                SchemaRegistryJson.WriteSchemaRequest(key.Schema),
                SchemaRegistryJson.ReadId,
                new RequestContext(key.Subject, null, null)).ConfigureAwait(false);
        }
        catch (SchemaRegistryException ex) when (ex.ErrorCode == SchemaRegistryErrorCodes.IncompatibleSchema)
        {
            // The registry's 409 names the subject but not always the version the schema was checked against: read it.
            RegisteredSchema? latest = null;
            try
            {
                latest = await GetVersionUncachedAsync(key.Subject, "latest", null, _disposed.Token).ConfigureAwait(false);
            }
            catch (SchemaRegistryException)
            {
            }

            if (latest is null)
            {
                throw;
            }

            throw new SchemaRegistryException(ex.ErrorCode, $"{ex.Message} The latest version of subject '{key.Subject}' is version {latest.Version} (schema id {latest.Id}).", ex.InnerException)
            {
                HttpStatusCode = ex.HttpStatusCode,
                Subject = key.Subject,
                Version = latest.Version,
                RegistryUrl = ex.RegistryUrl,
            };
        }
    }

    private async Task<RegisteredSchema> GetVersionUncachedAsync(string subject, string version, int? versionNumber, CancellationToken cancellationToken = default)
    {
        SchemaRegistryJson.SchemaAnswer answer = await SendAsync(
            HttpMethod.Get,
            "subjects/" + Escape(subject) + "/versions/" + version,
            null,
            SchemaRegistryJson.ReadSchema,
            new RequestContext(subject, versionNumber, null),
            cancellationToken).ConfigureAwait(false);
        return ToRegisteredSchema(answer, answer.Id, subject, answer.Version);
    }

    private RegisteredSchema ToRegisteredSchema(SchemaRegistryJson.SchemaAnswer answer, int id, string? subject, int version)
    {
        SchemaType type = answer.SchemaType?.ToUpperInvariant() switch
        {
            null or "" or "AVRO" => SchemaType.Avro,
            "PROTOBUF" => SchemaType.Protobuf,
            "JSON" => SchemaType.Json,
            _ => throw new SchemaRegistryException(InvalidResponseErrorCode, $"Schema registry {_displayUrls[Volatile.Read(ref _preferredUrl)]} answered an unknown schema type '{answer.SchemaType}' for schema id {id}.")
            {
                Subject = subject,
                RegistryUrl = _displayUrls[Volatile.Read(ref _preferredUrl)],
            },
        };

        return new RegisteredSchema(id, answer.Schema, type)
        {
            Subject = answer.Subject ?? subject,
            Version = version,
            References = answer.References.Count == 0 ? Array.Empty<SchemaReference>() : answer.References.ToArray(),
        };
    }

    private static SchemaRegistryException InvalidVersion(string subject, int version) =>
        new(SchemaRegistryErrorCodes.InvalidVersion, $"Version {version} of subject '{subject}' is not a valid version: allowed are 1 to 2^31-1 (error 42202).")
        {
            Subject = subject,
            Version = version,
        };

    // Subjects may hold '/', ':' and other reserved characters: one escaped path segment.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private Task<T> SendAsync<T>(HttpMethod method, string relativeUri, byte[]? content, Func<byte[], T> parse, RequestContext context)
        => SendAsync(method, relativeUri, content, parse, context, CancellationToken.None);

    private async Task<T> SendAsync<T>(HttpMethod method, string relativeUri, byte[]? content, Func<byte[], T> parse, RequestContext context, CancellationToken cancellationToken)
    {
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        CancellationToken token = linked.Token;
        int attempts = 0;
        var failures = new List<string>();
        for (int round = 0; ; round++)
        {
            Failure? last = null;
            int start = Volatile.Read(ref _preferredUrl);
            for (int i = 0; i < _baseUris.Length; i++)
            {
                int index = (start + i) % _baseUris.Length;
                attempts++;
                Interlocked.Increment(ref _attemptCount);
                Failure failure;
                using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    attemptTimeout.CancelAfter(_requestTimeout);
                    try
                    {
                        using var request = new HttpRequestMessage(method, new Uri(_baseUris[index], relativeUri));
                        request.Headers.Accept.ParseAdd(MediaType);
                        request.Headers.Accept.ParseAdd("application/vnd.schemaregistry+json; qs=0.9");
                        request.Headers.Accept.ParseAdd("application/json; qs=0.5");
                        request.Headers.Authorization = _authorization;
                        if (content is not null)
                        {
                            request.Content = new ByteArrayContent(content);
                            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
                        }

                        using HttpResponseMessage response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                        byte[] answer = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token).ConfigureAwait(false);
                        if (response.IsSuccessStatusCode)
                        {
                            Volatile.Write(ref _preferredUrl, index);
                            return Parse(answer, parse, method, relativeUri, index, context);
                        }

                        failure = ToFailure(response, answer, index);
                        if (!failure.IsTransient)
                        {
                            // The registry answered: another URL or a retry would get the same answer.
                            Volatile.Write(ref _preferredUrl, index);
                            throw CreateException(failure, method, relativeUri, context, attempts);
                        }
                    }
                    catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
                    {
                        failure = new Failure(index, null, SchemaRegistryErrorCodes.NoResponse, $"no answer within {_requestTimeout.TotalMilliseconds:0} ms (RequestTimeout)", new TimeoutException($"The schema registry at {_displayUrls[index]} did not answer {method} /{relativeUri} within {_requestTimeout.TotalMilliseconds:0} ms.", ex), null);
                    }
                    catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
                    {
                        // TLS: a certificate problem does not go away by retrying.
                        throw CreateException(new Failure(index, null, SchemaRegistryErrorCodes.NoResponse, "TLS authentication failed: " + ex.InnerException.Message, ex, null), method, relativeUri, context, attempts);
                    }
                    catch (HttpRequestException ex)
                    {
                        failure = new Failure(index, null, SchemaRegistryErrorCodes.NoResponse, ex.HttpRequestError + ": " + ex.Message, ex, null);
                    }
                }

                failures.Add($"{_displayUrls[index]}: {failure.Reason}");
                last = failure;
                bool moreThisRound = i + 1 < _baseUris.Length;
                if (moreThisRound)
                {
                    LogFailingOver(method.Method, relativeUri, _displayUrls[index], failure.Reason, _displayUrls[(index + 1) % _baseUris.Length]);
                }
            }

            if (round >= _maxRetries)
            {
                throw CreateException(last!, method, relativeUri, context, attempts, failures);
            }

            TimeSpan delay = Backoff(round, last!.RetryAfter);
            LogRetrying(method.Method, relativeUri, last.Reason, round + 1, _maxRetries, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, token).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int round, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            return requested < _maxRetryBackoff ? requested : _maxRetryBackoff;
        }

        double exponential = _retryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(round, 30));
        double capped = Math.Min(exponential, _maxRetryBackoff.TotalMilliseconds);
        // ±20 % jitter, so clients restarted together do not retry in lock-step.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private Failure ToFailure(HttpResponseMessage response, byte[] answer, int index)
    {
        int status = (int)response.StatusCode;
        int code = status;
        string message;
        if (answer.Length > 0 && SchemaRegistryJson.TryReadError(answer) is { } error)
        {
            code = error.Code;
            message = error.Message ?? response.ReasonPhrase ?? string.Empty;
        }
        else
        {
            // A proxy's or load balancer's page, or an empty body: keep the start of it.
            string text = Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 300)).Trim();
            message = text.Length == 0 ? response.ReasonPhrase ?? string.Empty : text;
        }

        TimeSpan? retryAfter = null;
        if (status is 429 or 503 && response.Headers.RetryAfter is { } header)
        {
            retryAfter = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            if (retryAfter < TimeSpan.Zero)
            {
                retryAfter = TimeSpan.Zero;
            }
        }

        return new Failure(index, status, code, $"HTTP {status}, error {code}: {message}", null, retryAfter);
    }

    private T Parse<T>(byte[] answer, Func<byte[], T> parse, HttpMethod method, string relativeUri, int index, RequestContext context)
    {
        try
        {
            return parse(answer);
        }
        catch (JsonException ex)
        {
            throw CreateException(new Failure(index, 200, InvalidResponseErrorCode, "the answer is not the expected JSON: " + ex.Message, ex, null), method, relativeUri, context, 1);
        }
    }

    private SchemaRegistryException CreateException(Failure failure, HttpMethod method, string relativeUri, RequestContext context, int attempts, List<string>? failures = null)
    {
        var text = new StringBuilder();
        text.Append("Schema registry ").Append(_displayUrls[failure.UrlIndex]).Append(' ')
            .Append(failure.HttpStatus is null ? "did not answer " : "refused ")
            .Append(method.Method).Append(" /").Append(relativeUri);
        context.AppendTo(text);
        text.Append(": ").Append(failure.Reason);
        if (failures is { Count: > 1 })
        {
            text.Append(". Gave up after ").Append(attempts).Append(" attempts (MaxRetries ").Append(_maxRetries).Append(", URLs ")
                .Append(string.Join(", ", _displayUrls)).Append("); earlier failures: ")
                .Append(string.Join("; ", failures.GetRange(0, failures.Count - 1)));
        }

        text.Append('.');
        return new SchemaRegistryException(failure.ErrorCode, text.ToString(), failure.Exception)
        {
            HttpStatusCode = failure.HttpStatus,
            Subject = context.Subject,
            Version = context.Version,
            RegistryUrl = _displayUrls[failure.UrlIndex],
        };
    }

    private static (Uri[] BaseUris, string[] DisplayUrls, string? UserInfo) ParseUrls(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            throw new ArgumentException("No schema registry URL is configured (Kafka:SchemaRegistry:Url).", nameof(urls));
        }

        var baseUris = new List<Uri>();
        var display = new List<string>();
        string? userInfo = null;
        foreach (string part in urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The schema registry URL '{Redact(part)}' (Kafka:SchemaRegistry:Url) is not an absolute http:// or https:// URL.", nameof(urls));
            }

            if (uri.UserInfo.Length > 0)
            {
                userInfo ??= Uri.UnescapeDataString(uri.UserInfo);
            }

            var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
            if (!builder.Path.EndsWith('/'))
            {
                builder.Path += "/";
            }

            baseUris.Add(builder.Uri);
            display.Add(builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        if (baseUris.Count == 0)
        {
            throw new ArgumentException("No schema registry URL is configured (Kafka:SchemaRegistry:Url).", nameof(urls));
        }

        return (baseUris.ToArray(), display.ToArray(), userInfo);
    }

    private static string Redact(string url)
    {
        int at = url.IndexOf('@');
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? url.Substring(0, scheme + 3) + "***@" + url.Substring(at + 1) : url;
    }

    private static AuthenticationHeaderValue? CreateAuthorization(SchemaRegistryOptions options, string? urlUserInfo)
    {
        string? userInfo = options.BasicAuthUserInfo;
        if (string.IsNullOrEmpty(userInfo) && !string.IsNullOrEmpty(options.Username))
        {
            userInfo = options.Username + ":" + options.Password;
        }

        userInfo ??= urlUserInfo;
        if (string.IsNullOrEmpty(userInfo))
        {
            return null;
        }

        if (!userInfo.Contains(':'))
        {
            throw new ArgumentException("Kafka:SchemaRegistry:BasicAuthUserInfo must be \"user:password\".", nameof(options));
        }

        // RFC 7617: user-id ":" password, UTF-8, base64.
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Schema registry {Method} /{Path}: {Url} failed ({Reason}); trying {NextUrl}")]
    private partial void LogFailingOver(string method, string path, string url, string reason, string nextUrl);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Schema registry {Method} /{Path} failed ({Reason}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    private partial void LogRetrying(string method, string path, string reason, int retry, int maxRetries, long delayMs);

    private sealed record Failure(int UrlIndex, int? HttpStatus, int ErrorCode, string Reason, Exception? Exception, TimeSpan? RetryAfter)
    {
        public bool IsTransient => HttpStatus is null or 408 or 429 or >= 500;
    }

    private readonly record struct RequestContext(string? Subject, int? Version, int? Id)
    {
        public void AppendTo(StringBuilder text)
        {
            if (Subject is not null)
            {
                text.Append(" for subject '").Append(Subject).Append('\'');
                if (Version is { } version)
                {
                    text.Append(" version ").Append(version);
                }
            }

            if (Id is { } id)
            {
                text.Append(Subject is null ? " for" : ",").Append(" schema id ").Append(id);
            }
        }
    }

    private readonly record struct SchemaKey(string Subject, string Text, SchemaType Type, string References, bool Normalize)
    {
        public SchemaKey(string subject, SchemaDefinition schema, bool normalize)
            : this(subject, schema.Schema, schema.SchemaType, ReferencesKey(schema.References), normalize)
        {
            Schema = schema;
        }

        public SchemaDefinition Schema { get; } = null!;

        public bool Equals(SchemaKey other) =>
            Subject == other.Subject && Text == other.Text && Type == other.Type && References == other.References && Normalize == other.Normalize;

        public override int GetHashCode() => HashCode.Combine(Subject, Text, Type, References, Normalize);

        private static string ReferencesKey(IReadOnlyList<SchemaReference> references)
        {
            if (references.Count == 0)
            {
                return string.Empty;
            }

            var key = new StringBuilder();
            foreach (SchemaReference reference in references)
            {
                key.Append(reference.Name).Append('\u0001').Append(reference.Subject).Append('\u0001').Append(reference.Version).Append('\u0002');
            }

            return key.ToString();
        }
    }
}
