using System.Net.Http.Json;
using System.Text.Json;

namespace DanVanKheo.Api.Tests;

public static class Json
{
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync();
    }

    public static async Task<int> TotalAsync(this HttpClient client, string unit) =>
        (await client.GetJsonAsync($"api/units/{unit}/tally")).GetProperty("total").GetInt32();

    /// <summary>Asserts a problem-details answer with this status and problem code.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? problem = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        if (problem is not null)
        {
            Assert.Equal(problem, body.GetProperty("problem").GetString());
        }

        return body;
    }
}
