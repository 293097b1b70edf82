namespace DanVanKheo.Silo.Api;

/// <summary>Bound from section <c>Limits</c>: each limit answers with a clear 4xx problem.</summary>
public sealed class ApiLimits
{
    public const string Section = "Limits";

    /// <summary>Largest request body (413 above it).</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most CSV rows in one import request (413 above it).</summary>
    public int MaxCsvRows { get; set; } = 20_000;

    /// <summary>Requests per client (account, or address when anonymous) per window (429 above it).</summary>
    public int RequestsPerWindow { get; set; } = 1_200;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
