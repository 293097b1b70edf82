using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace DanVanKheo.Tests;

/// <summary>A silo host's builder with the given storage provider and settings, for tests of what the silo derives from them.</summary>
public static class SiloSettings
{
    public static WebApplicationBuilder Builder(string provider, params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused",
        };
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }
}
