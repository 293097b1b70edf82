namespace DanVanKheo.Silo.Hosting;

/// <summary>Bound from section <c>Orleans</c> (environment: <c>Orleans__SiloPort</c> and so on).</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "dvk";

    public string ServiceId { get; set; } = "danvankheo";
}

/// <summary>
/// Bound from section <c>Storage</c>: <c>Memory</c> (default, nothing kept), <c>LocalMemory</c> (nothing kept,
/// one silo only, fastest: used by the load test) or <c>Postgres</c>.
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    public string Provider { get; set; } = "Memory";

    public bool IsLocalMemory => string.Equals(Provider, "LocalMemory", StringComparison.OrdinalIgnoreCase);

    public bool IsMemory => IsLocalMemory || string.Equals(Provider, "Memory", StringComparison.OrdinalIgnoreCase);
}
