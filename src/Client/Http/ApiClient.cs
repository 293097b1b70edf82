using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DanVanKheo.Import;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Client.Http;

/// <summary>
/// The silo's HTTP API as <c>dvk --api URL --token T</c> uses it: the server applies the same
/// authorisation as for the browser, and its problem details come back as <see cref="DvkException"/>.
/// </summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, string? token, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromMinutes(2);
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body = null, bool nullWhenNotFound = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonOptions);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (HttpRequestException exception)
        {
            throw new DvkException("api-unreachable", $"cannot reach {_http.BaseAddress}: {exception.Message}");
        }

        using (response)
        {
            if (nullWhenNotFound && response.StatusCode == HttpStatusCode.NotFound)
            {
                return default;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response);
            }

            return await response.Content.ReadFromJsonAsync<T>(JsonOptions);
        }
    }

    /// <summary>
    /// Posts a part of a CSV file to a bulk import endpoint. Stored rows and refused lines come back either way (200, or
    /// 422 <c>rows-rejected</c>: the other rows were stored); the refused lines are given as lines of the whole file.
    /// </summary>
    public async Task<ImportPartResult> ImportCsvAsync(string path, CsvPart part, CancellationToken cancellationToken)
    {
        using var response = await PostCsvAsync(path, part.Text, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.UnprocessableEntity)
        {
            throw await ProblemAsync(response);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = JsonDocument.Parse(text).RootElement;
        if (!body.TryGetProperty("stored", out var stored) || !body.TryGetProperty("rejected", out var rejected))
        {
            throw new DvkException($"http-{(int)response.StatusCode}", $"HTTP {(int)response.StatusCode}: not an import result: {text[..Math.Min(text.Length, 200)]}");
        }

        var refusals = rejected.EnumerateArray()
            .Select(r => (FileLine(part, r.GetProperty("line").GetInt32()), r.GetProperty("error").GetString() ?? ""))
            .ToList();
        return new ImportPartResult(stored.GetInt32(), refusals);
    }

    /// <summary>Rate-limited parts wait as long as the server asks and go again: an import is idempotent by id.</summary>
    public const int RateLimitedRetries = 5;

    private async Task<HttpResponseMessage> PostCsvAsync(string path, string csv, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
            HttpResponseMessage response;
            try
            {
                response = await _http.PostAsync(path, content, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw new DvkException("api-unreachable", $"cannot reach {_http.BaseAddress}: {exception.Message}");
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == RateLimitedRetries)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.FromSeconds(60) ? wait : TimeSpan.FromSeconds(60), cancellationToken);
        }
    }

    /// <summary>The server numbers lines within the part; a refusal names the line a row starts on.</summary>
    private static int FileLine(CsvPart part, int partLine)
    {
        var first = part.FileLineByPartLine.Keys.Where(k => k <= partLine).DefaultIfEmpty(partLine).Max();
        return part.FileLineByPartLine.TryGetValue(first, out var fileLine) ? fileLine + (partLine - first) : partLine;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<DvkException> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            var code = problem.TryGetProperty("problem", out var p) ? p.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            code ??= $"http-{(int)response.StatusCode}";
            return new DvkException(code, $"HTTP {(int)response.StatusCode} {code}: {detail ?? response.ReasonPhrase}");
        }
        catch (JsonException)
        {
            return new DvkException($"http-{(int)response.StatusCode}", $"HTTP {(int)response.StatusCode}: {response.ReasonPhrase}");
        }
    }
}
